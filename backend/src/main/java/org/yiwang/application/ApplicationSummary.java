package org.yiwang.application;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.yiwang.timelimit.StatutoryClock;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An application as lists show it, with its clock: {@code acceptanceDueDate} (受理期限) while it awaits acceptance,
 * {@code dueDate} the day the decision is due (办结期限) and the working days left until then.
 */
public record ApplicationSummary(String applicationNo, ApplicationStatus status, String itemCode, String itemName,
        String caseKind, String agencyName, String regionCode, LocalDateTime submittedAt, LocalDate acceptanceDueDate, LocalDate dueDate,
        Integer remainingWorkingDays, StatutoryClock.Colour clock, LocalDateTime createdAt) {

    @JsonProperty
    public String statusName() {
        return status.label();
    }

    /** Whether the applicant may still withdraw it (撤回): what the withdraw step itself checks. */
    @JsonProperty
    public boolean withdrawable() {
        return ApplicationStatus.WITHDRAWABLE.contains(status);
    }
}
