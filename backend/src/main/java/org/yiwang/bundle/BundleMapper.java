package org.yiwang.bundle;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface BundleMapper {

    record BundleRow(long id, String code, String name, String definition, int version, String updatedBy,
            LocalDateTime updatedAt) {
    }

    record CaseRow(long id, String caseNo, long bundleId, String bundleCode, String bundleName, int bundleVersion,
            long applicantId, String regionCode, String answers, String status, String outcome, String submitKey,
            int version, LocalDateTime createdAt, LocalDateTime submittedAt, LocalDateTime concludedAt) {
    }

    record ChildRow(long id, long bundleCaseId, int seq, String basicCode, String applicationNo, boolean required,
            String state, String note) {
    }

    class NewCase {
        public Long id;
        public String caseNo;
        public long bundleId;
        public int bundleVersion;
        public long applicantId;
        public String regionCode;
        public String answers;
        public LocalDateTime now;
    }

    List<BundleRow> findBundles();

    BundleRow findBundle(@Param("code") String code);

    int insertBundle(@Param("code") String code, @Param("name") String name, @Param("definition") String definition,
            @Param("by") String by, @Param("now") LocalDateTime now);

    int updateBundle(@Param("code") String code, @Param("name") String name, @Param("definition") String definition,
            @Param("version") int version, @Param("by") String by, @Param("now") LocalDateTime now);

    void insertCase(@Param("c") NewCase c);

    CaseRow findCase(@Param("caseNo") String caseNo);

    CaseRow findCaseById(@Param("id") long id);

    List<CaseRow> findCasesOf(@Param("applicantId") long applicantId, @Param("offset") int offset, @Param("size") int size);

    long countCasesOf(@Param("applicantId") long applicantId);

    /** Cases still running with a child waiting for an earlier item's licence, for the sweep. */
    List<Long> findWaitingCases(@Param("after") long after, @Param("limit") int limit);

    int markSubmitted(@Param("id") long id, @Param("key") String key, @Param("now") LocalDateTime now);

    int conclude(@Param("id") long id, @Param("from") String from, @Param("status") String status,
            @Param("outcome") String outcome, @Param("now") LocalDateTime now);

    void insertChild(@Param("caseId") long caseId, @Param("seq") int seq, @Param("basicCode") String basicCode,
            @Param("applicationNo") String applicationNo, @Param("required") boolean required, @Param("state") String state);

    List<ChildRow> findChildren(@Param("caseId") long caseId);

    ChildRow findChildByApplication(@Param("applicationNo") String applicationNo);

    int moveChild(@Param("id") long id, @Param("from") String from, @Param("to") String to, @Param("note") String note);
}
