package org.yiwang.application;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One step of an application's history: who, in which role and agency, did what, with which opinion. */
public record TimelineEvent(LocalDateTime at, String action, String actor, String role, String agencyName,
        String opinion, ApplicationStatus status, Integer remainingDays) {

    @JsonProperty
    public String actionName() {
        return Actions.label(action);
    }
}
