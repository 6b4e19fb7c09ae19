package org.yiwang.workbench;

import java.time.LocalDate;

/**
 * Filters of the workbench lists; null means any. Received dates are inclusive days, kept as a half-open range
 * for the query; {@code today} places the clock colours.
 */
public record TaskFilter(String applicationNo, String itemName, String status, String clock, LocalDate receivedFrom,
        LocalDate receivedBefore, Long agencyId, String level, LocalDate today) {
}
