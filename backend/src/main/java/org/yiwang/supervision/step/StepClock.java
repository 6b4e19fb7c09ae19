package org.yiwang.supervision.step;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One step of a case with its own clock: the working days it may take ({@code limitDays}, from the model's due date
 * or the case's limit; the acceptance step's five by law), when it is due and where it stands. A finished step is
 * GREEN when it ended by its due date and RED when after; an open step is GREEN, YELLOW (past the warning share),
 * RED (overdue) or SUSPENDED (the case's clock stands still). {@code limitSource}: LAW, MODEL or ITEM.
 */
public record StepClock(String key, String name, String kind, LocalDateTime startedAt, LocalDateTime endedAt, int limitDays,
        String limitSource, LocalDate dueDate, Integer remainingWorkingDays, String colour) {
}
