package org.yiwang.application;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * An application row (办件). Mutable on purpose: a lifecycle step changes a few fields and writes the row
 * back, guarded by the {@code version} it was read with, so that concurrent steps cannot both win.
 */
class Application {
    long id;
    String applicationNo;
    long itemId;
    String itemCode;
    String itemName;
    int itemType;
    String caseKind;
    String processKey;
    long agencyId;
    String agencyName;
    String regionCode;
    long applicantId;
    ApplicationStatus status;
    String formData;
    String processInstanceId;
    String submitKey;
    LocalDateTime submittedAt;
    LocalDateTime acceptedAt;
    LocalDate acceptDeadline;
    int limitDays;
    int extendedDays;
    int suspendedDays;
    LocalDate suspendedSince;
    ApplicationStatus resumeStatus;
    LocalDate dueDate;
    /** The day the clock turns YELLOW, derived from the due date whenever the row is written. */
    LocalDate yellowFrom;
    String warnedLevel;
    int supplementCount;
    String supplementOpinion;
    String supplementMaterials;
    LocalDateTime supplementAt;
    /** Material rows with a higher id were uploaded after the supplement notice (timestamps may be whole seconds). */
    Long supplementBaseline;
    String decision;
    String decisionReason;
    LocalDateTime decidedAt;
    LocalDateTime concludedAt;
    LocalDateTime createdAt;
    /** A test run (试运行) of a model: hidden from every list, count and search real users see. */
    boolean testRun;
    int version;

    boolean decided() {
        return decision != null;
    }
}
