package org.yiwang.hotline;

/**
 * States of a ticket: NEW (待派单) → DISPATCHED (待签收) → SIGNED (办理中) → REPLIED (已答复, awaiting the rating) →
 * CLOSED (办结). An operator may answer at once (ANSWERED, 直接答复); an agency may return it (RETURNED, 退单) for the
 * dispatcher to route again; three returns or reopens raise it to the supervisor (ESCALATED, 提级督办); a duplicate is
 * merged into another ticket (MERGED).
 */
public enum TicketState {
    NEW("待派单"), DISPATCHED("待签收"), SIGNED("办理中"), RETURNED("已退单"), ESCALATED("提级督办"), REPLIED("已答复"),
    ANSWERED("已直接答复"), CLOSED("已办结"), MERGED("已合并");

    private final String label;

    TicketState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Open311's two states: a ticket is closed once answered, closed or merged. */
    boolean open() {
        return this != ANSWERED && this != CLOSED && this != MERGED && this != REPLIED;
    }
}
