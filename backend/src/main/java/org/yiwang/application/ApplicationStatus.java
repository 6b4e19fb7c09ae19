package org.yiwang.application;

import java.util.EnumSet;
import java.util.Set;

/** 办件状态 (DESIGN §4). */
public enum ApplicationStatus {
    DRAFT("草稿"),
    SUBMITTED("已申报"),
    ACCEPTED("已受理"),
    NOT_ACCEPTED("不予受理"),
    SUPPLEMENT_REQUIRED("待补正"),
    UNDER_REVIEW("审查中"),
    SUSPENDED("特别程序中"),
    APPROVED("准予许可"),
    REJECTED("不予许可"),
    CONCLUDED("已办结"),
    DELIVERED("已送达"),
    WITHDRAWN("已撤回");

    /** Before a decision the applicant may still withdraw. */
    public static final Set<ApplicationStatus> WITHDRAWABLE = EnumSet.of(DRAFT, SUBMITTED, ACCEPTED, SUPPLEMENT_REQUIRED,
            UNDER_REVIEW, SUSPENDED);
    /** The statutory clock runs for these. */
    public static final Set<ApplicationStatus> CLOCK_RUNNING = EnumSet.of(SUBMITTED, ACCEPTED, SUPPLEMENT_REQUIRED, UNDER_REVIEW);

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
