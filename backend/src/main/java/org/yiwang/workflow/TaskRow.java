package org.yiwang.workflow;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** A task joined with its application, as the workbench queries read it. */
record TaskRow(String taskId, String taskName, String taskKey, String taskCategory, String assignee, LocalDateTime createdAt,
        LocalDateTime endedAt, String applicationNo, String itemName, String agencyName, String applicationStatus,
        LocalDate dueDate, int limitDays, int extendedDays, LocalDate suspendedSince) {
}
