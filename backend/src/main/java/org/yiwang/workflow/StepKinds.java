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
    /** Kinds only the templates have: a countersign step, and the township's preliminary review. */
    public static final String COUNTERSIGN = "countersign";
    public static final String PRELIMINARY = "preliminary";
    /** The kinds a model may name in {@code flowable:category}. */
    public static final List<String> MODEL_KINDS = List.of(ACCEPT, REVIEW, DECIDE, INSTANT);
    /** The outcome each kind's completing actions leave in the variable {@code outcome}, for gateways after it. */
    public static final Map<String, List<String>> OUTCOMES = Map.of(ACCEPT, List.of("accept", "refuse", "supplement"),
            INSTANT, List.of("approve", "reject", "refuse"), REVIEW, List.of("review"), DECIDE, List.of("approve", "reject"));

    /** The kinds a category may name: a model's four, and the templates' own two. */
    private static final Set<String> KNOWN = Set.of(ACCEPT, REVIEW, DECIDE, INSTANT, COUNTERSIGN, PRELIMINARY);

    private StepKinds() {
    }

    /** The kind of a task by its definition id and category; null when it is none the workbench knows. */
    public static String of(String taskKey, String category) {
        if (category != null && KNOWN.contains(category)) {
            return category;
        }
        return taskKey == null ? null : ProcessContract.TEMPLATE_STEPS.get(taskKey);
    }

    /** Whether a task with this id needs no category: a template step's id. */
    public static boolean isTemplateStep(String taskKey) {
        return ProcessContract.TEMPLATE_STEPS.containsKey(taskKey);
    }
}
