package org.yiwang.workflow;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What kind of step a user task is, which decides the actions the workbench offers on it. The templates' steps
 * are known by their ids; a model an administrator draws says it on each user task with
 * {@code flowable:category="accept|review|decide|instant"}, which wins over the id.
 */
public final class StepKinds {

    public static final String INSTANT = "instant";
    public static final String ACCEPT = "accept";
    public static final String REVIEW = "review";
    public static final String DECIDE = "decide";
    /** The kinds a model may name in {@code flowable:category}. */
    public static final List<String> MODEL_KINDS = List.of(ACCEPT, REVIEW, DECIDE, INSTANT);
    /** The outcome each kind's completing actions leave in the variable {@code outcome}, for gateways after it. */
    public static final Map<String, List<String>> OUTCOMES = Map.of(ACCEPT, List.of("accept", "refuse", "supplement"),
            INSTANT, List.of("approve", "reject", "refuse"), REVIEW, List.of("review"), DECIDE, List.of("approve", "reject"));

    /** The templates' own steps: the countersign and the township's preliminary review exist only there. */
    private static final Map<String, String> TEMPLATE_STEPS = Map.of("handleInstant", INSTANT,
            "acceptApplication", ACCEPT, "villageIntake", ACCEPT, "reviewApplication", REVIEW,
            "jointReview", "countersign", "anyOneReview", "countersign", "sequentialReview", "countersign",
            "townshipReview", "preliminary",
            "decideApplication", DECIDE, "countyDecision", DECIDE);

    static final Map<String, List<String>> ACTIONS = Map.of(
            INSTANT, List.of("approve", "reject", "refuse"),
            ACCEPT, List.of("accept", "refuse", "supplement"),
            REVIEW, List.of("review", "return", "suspend", "resume"),
            "countersign", List.of("review", "return", "addSigner", "removeSigner"),
            "preliminary", List.of("review", "return"),
            DECIDE, List.of("approve", "reject", "return", "suspend", "resume", "extend"));

    private static final Set<String> KNOWN = Set.copyOf(MODEL_KINDS);

    private StepKinds() {
    }

    /** The kind of a task by its definition id and category; null when it is none the workbench knows. */
    public static String of(String taskKey, String category) {
        if (category != null && KNOWN.contains(category)) {
            return category;
        }
        return taskKey == null ? null : TEMPLATE_STEPS.get(taskKey);
    }

    /** Whether a task with this id needs no category: a template step's id. */
    public static boolean isTemplateStep(String taskKey) {
        return TEMPLATE_STEPS.containsKey(taskKey);
    }
}
