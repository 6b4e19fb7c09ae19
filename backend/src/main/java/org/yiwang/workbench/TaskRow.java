package org.yiwang.workbench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;

/**
 * A task joined with its application, as the workbench queries read it. The engine's times are instants (it writes
 * them as JDBC timestamps in the JVM's zone), unlike the application's local times of the platform's zone.
 */
record TaskRow(String taskId, String taskName, String taskKey, String taskCategory, String assignee, Date createdAt,
        Date endedAt, String applicationNo, LocalDateTime submittedAt, String itemName, String agencyName, String applicationStatus,
        LocalDate acceptDeadline, LocalDate dueDate, int limitDays, int extendedDays, LocalDate suspendedSince) {
}
