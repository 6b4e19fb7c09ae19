package org.yiwang.workbench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yiwang.identity.CurrentUser;
import org.yiwang.workflow.StepKinds;

/**
 * What a clerk can do on a task, spelled once: its name on the wire, whether it needs an opinion, the body fields
 * it reads, and — for the actions that belong to a kind of step — the permissions that allow it. The task answer
 * lists each allowed action with these, so the workbench page asks the server rather than keeping its own list.
 */
public enum Action {
    // Task actions: any clerk who may work on the task.
    CLAIM("claim", false, List.of()),
    UNCLAIM("unclaim", false, List.of()),
    TRANSFER("transfer", false, List.of("toUsername")),
    DELEGATE("delegate", false, List.of("toUsername")),
    RESOLVE("resolve", false, List.of()),
    COPY("copy", false, List.of("toUsernames")),
    WITHDRAW("withdraw", true, List.of()),
    // Step actions: offered by the kind of step (see OFFERED), each behind the permissions named.
    ACCEPT("accept", false, List.of(), "application:accept"),
    REFUSE("refuse", true, List.of(), "application:accept"),
    SUPPLEMENT("supplement", true, List.of("materialIds"), "application:accept"),
    REVIEW("review", false, List.of(), "application:review"),
    APPROVE("approve", false, List.of(), "application:approve"),
    REJECT("reject", true, List.of(), "application:approve"),
    RETURN("return", true, List.of("targetStep"), "application:review", "application:approve"),
    SUSPEND("suspend", true, List.of("procedure"), "application:review", "application:approve"),
    RESUME("resume", false, List.of(), "application:review", "application:approve"),
    EXTEND("extend", true, List.of("days"), "application:extend"),
    ADD_SIGNER("addSigner", false, List.of("agencyId", "position"), "application:review"),
    REMOVE_SIGNER("removeSigner", false, List.of("signerTaskId", "agencyId"), "application:review");

    /** The step actions each kind of step offers, in the order the workbench shows them. */
    private static final Map<String, List<Action>> OFFERED = Map.of(
            StepKinds.INSTANT, List.of(APPROVE, REJECT, REFUSE),
            StepKinds.ACCEPT, List.of(ACCEPT, REFUSE, SUPPLEMENT),
            StepKinds.REVIEW, List.of(REVIEW, RETURN, SUSPEND, RESUME),
            StepKinds.COUNTERSIGN, List.of(REVIEW, RETURN, ADD_SIGNER, REMOVE_SIGNER),
            StepKinds.PRELIMINARY, List.of(REVIEW, RETURN),
            StepKinds.DECIDE, List.of(APPROVE, REJECT, RETURN, SUSPEND, RESUME, EXTEND));

    private final String wire;
    private final boolean opinionRequired;
    private final List<String> fields;
    private final Set<String> permissions;

    Action(String wire, boolean opinionRequired, List<String> fields, String... permissions) {
        this.wire = wire;
        this.opinionRequired = opinionRequired;
        this.fields = fields;
        this.permissions = Set.of(permissions);
    }

    /** How the task answer describes an allowed action. */
    public record View(String name, boolean opinionRequired, List<String> fields) {
    }

    public String wire() {
        return wire;
    }

    public boolean opinionRequired() {
        return opinionRequired;
    }

    View view() {
        return new View(wire, opinionRequired, fields);
    }

    public static Optional<Action> of(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
    }

    static List<Action> offeredOn(String stepKind) {
        return stepKind == null ? List.of() : OFFERED.getOrDefault(stepKind, List.of());
    }

    /** Whether this clerk's permissions allow this step action; an instant item's one step needs accept or approve. */
    boolean permits(String stepKind, CurrentUser user) {
        Set<String> p = user.permissions();
        if (StepKinds.INSTANT.equals(stepKind)) {
            return p.contains("application:accept") || p.contains("application:approve");
        }
        return permissions.stream().anyMatch(p::contains);
    }
}
