package org.yiwang.hotline;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface KnowledgeMapper {

    /** Fields an entry is written with; the update applies only while the row still has {@code version}. */
    class Write {
        Long id;
        Integer version;
        String question;
        String answer;
        String keywords;
        String classCode;
        long agencyId;
        LocalDate validUntil;
        LocalDate reviewDate;
        String updatedBy;
        LocalDateTime at;
    }

    /** Valid entries whose question, keywords or answer contain any of {@code terms}, at most {@code limit}. */
    List<KnowledgeEntry.Hit> search(@Param("terms") List<String> terms, @Param("classCode") String classCode,
            @Param("today") LocalDate today, @Param("limit") int limit);

    KnowledgeEntry.Hit findValid(@Param("id") long id, @Param("today") LocalDate today);

    KnowledgeEntry findById(@Param("id") long id, @Param("today") LocalDate today);

    List<KnowledgeEntry> find(@Param("agencyId") Long agencyId, @Param("q") String q, @Param("reviewDue") Boolean reviewDue,
            @Param("today") LocalDate today, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("agencyId") Long agencyId, @Param("q") String q, @Param("reviewDue") Boolean reviewDue,
            @Param("today") LocalDate today);

    int insert(Write w);

    int update(Write w);

    int cite(@Param("id") long id);

    /** Entries past their review date not yet flagged to their agency. */
    List<KnowledgeEntry> findUnflaggedReviews(@Param("today") LocalDate today, @Param("limit") int limit);

    int flagReview(@Param("id") long id);
}
