package org.yiwang.evaluation;

import java.time.LocalDate;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** 好差评: one rating of an application's service, with its rectification when the applicant was unsatisfied. */
public record Evaluation(long id, String applicationNo, @JsonIgnore long applicantId, long agencyId, String agencyName,
        int level, int efficiency, int guideAccuracy, int convenience, int usability, String comment, LocalDateTime at,
        String rectification, LocalDate rectificationDue, String rectificationNote, String rectifiedBy,
        String callbackNote, LocalDateTime closedAt, @JsonIgnore int version) {

    static final String[] LEVELS = { "", "非常不满意", "不满意", "基本满意", "满意", "非常满意" };

    @JsonProperty
    public String levelName() {
        return LEVELS[level];
    }
}
