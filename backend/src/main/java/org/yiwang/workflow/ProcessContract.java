package org.yiwang.workflow;

import java.util.List;
import java.util.Map;

/**
 * The contract between the platform and its process files (processes/ and the models administrators draw), in one
 * place: the templates' keys, the variables the platform sets and the processes read, the kinds of step a user task
 * declares in {@code flowable:category}, and the one bean with the calls a service task may make.
 */
public final class ProcessContract {

    // Template keys: the file processes/<key>.bpmn20.xml holds the process of that id.
    /** 即办件: one step accepts and decides on the spot. */
    public static final String INSTANT = "instant";
    /** 承诺件: accept, review, decide. */
    public static final String STANDARD = "standard";
    /** 联办, 会签: every joint reviewer reviews in parallel. */
    public static final String JOINT = "joint";
    /** 联办, 或签: any one joint reviewer's review is enough. */
    public static final String JOINT_ANY = "jointAny";
    /** 联办, 依次审查: the joint reviewers review one after another. */
    public static final String JOINT_SEQUENTIAL = "jointSequential";
    /** 跨层级: the village accepts, the township reviews, the city or county department decides. */
    public static final String CROSS_LEVEL = "crossLevel";
    /** Every template, in the order the item editor lists them. */
    public static final List<String> TEMPLATES = List.of(INSTANT, STANDARD, JOINT, JOINT_ANY, JOINT_SEQUENTIAL, CROSS_LEVEL);
    /** The templates whose review is a countersign of the joint reviewers ({@link #REVIEW_GROUPS}). */
    public static final List<String> JOINT_TEMPLATES = List.of(JOINT, JOINT_ANY, JOINT_SEQUENTIAL);

    /** The hotline's round of a ticket at one agency: not a template, never offered to items. */
    public static final String HOTLINE_TICKET = "hotlineTicket";
    /** Its timers, by element id: the sign and reply warnings (yellow) and deadlines (overdue). */
    public static final String SIGN_WARNING = "signWarning";
    public static final String SIGN_OVERDUE = "signOverdue";
    public static final String REPLY_WARNING = "replyWarning";
    public static final String REPLY_OVERDUE = "replyOverdue";
    public static final List<String> HOTLINE_TIMERS = List.of(SIGN_WARNING, SIGN_OVERDUE, REPLY_WARNING, REPLY_OVERDUE);

    /** A process of the platform's own machinery: no item binds it and no administrator deploys a version of it. */
    public static boolean isInternal(String processKey) {
        return HOTLINE_TICKET.equals(processKey);
    }

    // Variables the platform sets at the start and the processes read.
    /** The case number (办件编号) a process runs for; also its business key. */
    public static final String APPLICATION_NO = "applicationNo";
    /** The candidate groups of the steps, {@code agency:<id>:<ROLE>}. */
    public static final String ACCEPT_GROUP = "acceptGroup";
    public static final String REVIEW_GROUP = "reviewGroup";
    public static final String DECIDE_GROUP = "decideGroup";
    public static final String HEAD_GROUP = "headGroup";
    /** A countersign step's collection of reviewer groups, and its element variable (one agency's group). */
    public static final String REVIEW_GROUPS = "reviewGroups";
    public static final String REVIEW_GROUP_OF_AGENCY = "reviewGroupOfAgency";
    /** What a completed step decided, for the gateway after it (StepKinds.OUTCOMES). */
    public static final String OUTCOME = "outcome";

    /**
     * The templates' user tasks by id, with their kind of step. The four kinds a model may name are also in each
     * task's {@code flowable:category}; the countersign steps and the township's preliminary review, which exist
     * only in the templates, are known by their ids (the model rules accept no other category).
     */
    public static final Map<String, String> TEMPLATE_STEPS = Map.of("handleInstant", StepKinds.INSTANT,
            "acceptApplication", StepKinds.ACCEPT, "villageIntake", StepKinds.ACCEPT, "reviewApplication", StepKinds.REVIEW,
            "jointReview", StepKinds.COUNTERSIGN, "anyOneReview", StepKinds.COUNTERSIGN,
            "sequentialReview", StepKinds.COUNTERSIGN, "townshipReview", StepKinds.PRELIMINARY,
            "decideApplication", StepKinds.DECIDE, "countyDecision", StepKinds.DECIDE);

    // The one bean a service task reaches, and the calls it may make (ModelExpressions checks them).
    public static final String LIFECYCLE = "lifecycle";
    public static final String DEEM_ACCEPTED_METHOD = "deemAccepted";
    public static final String CONCLUDE_METHOD = "conclude";
    /** Deems the application accepted when the acceptance deadline passes (承诺件的受理时限). */
    public static final String DEEM_ACCEPTED = "${" + LIFECYCLE + "." + DEEM_ACCEPTED_METHOD + "(execution)}";
    /** Concludes the application after its decision (办结). */
    public static final String CONCLUDE = "${" + LIFECYCLE + "." + CONCLUDE_METHOD + "(execution)}";

    private ProcessContract() {
    }
}
