package org.yiwang.hotline;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A knowledge-base entry (知识库条目) as its maintainers see it. {@code valid}: still answered (not past valid-until);
 * {@code reviewDue}: past its review date, flagged to its agency until the agency reviews it. {@code sample}: demo
 * data shipped with the platform, not an agency's word.
 */
public record KnowledgeEntry(long id, String question, String answer, String keywords, String classCode,
        String className, long agencyId, String agencyName, LocalDate validUntil, LocalDate reviewDate, boolean valid,
        boolean reviewDue, boolean sample, int cited, String updatedBy, LocalDateTime updatedAt, int version) {

    /** What the public and the operators read: a valid entry's answer and who vouches for it. */
    public record Hit(long id, String question, String answer, String classCode, String className, String agencyName,
            LocalDate validUntil, boolean sample) {
    }
}
