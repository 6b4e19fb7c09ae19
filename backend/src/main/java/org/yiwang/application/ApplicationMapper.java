package org.yiwang.application;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ApplicationMapper {

    Application findByNo(@Param("no") String applicationNo);

    Application findById(@Param("id") long id);

    List<Application> findByApplicant(@Param("applicantId") long applicantId, @Param("offset") int offset, @Param("limit") int limit);

    /** In the order they were made, whatever the clock said then (created_at follows the platform clock, which can be set back). */
    List<Application> findLatestByApplicant(@Param("applicantId") long applicantId, @Param("limit") int limit);

    long countByApplicant(@Param("applicantId") long applicantId);

    List<ApplicationService.ItemCount> countSubmittedByBasicCode();

    /** Applications whose clock runs, for the warning scan. */
    List<Application> findRunning(@Param("afterId") long afterId, @Param("limit") int limit);

    void insert(@Param("a") NewApplication application);

    int updateDraft(@Param("id") long id, @Param("version") int version, @Param("regionCode") String regionCode,
            @Param("formData") String formData, @Param("now") LocalDateTime now);

    int touchMaterials(@Param("id") long id, @Param("now") LocalDateTime now);

    /** The applicant's lock row, locked until the transaction ends; null until {@link #insertApplicantLock}. */
    Long lockApplicant(@Param("accountId") long accountId);

    int insertApplicantLock(@Param("accountId") long accountId);

    long countOpenDrafts(@Param("applicantId") long applicantId);

    long countFiles(@Param("applicationId") long applicationId, @Param("materialId") long materialId);

    long storedBytes(@Param("applicantId") long applicantId);

    long countReferences(@Param("storageKey") String storageKey);

    /** Drafts idle since the given time: not yet warned when warnedBefore is null, else warned before it. */
    List<IdleDraft> findIdleDrafts(@Param("idleSince") LocalDateTime idleSince, @Param("warnedBefore") LocalDateTime warnedBefore,
            @Param("afterId") long afterId, @Param("limit") int limit);

    int markExpiryWarned(@Param("id") long id, @Param("idleSince") LocalDateTime idleSince, @Param("now") LocalDateTime now);

    int deleteExpiredDraft(@Param("id") long id, @Param("idleSince") LocalDateTime idleSince,
            @Param("warnedBefore") LocalDateTime warnedBefore);

    int deleteMaterials(@Param("applicationId") long applicationId);

    int deleteEvents(@Param("applicationId") long applicationId);

    /** Every lifecycle change goes through here, guarded by the version the caller read. */
    int update(@Param("a") Application application, @Param("now") LocalDateTime now);

    int markWarned(@Param("id") long id, @Param("from") String from, @Param("to") String to);

    long nextSequence(@Param("region6") String region6, @Param("day") String day);

    void upsertSequence(@Param("region6") String region6, @Param("day") String day);

    void insertMaterial(@Param("applicationId") long applicationId, @Param("materialId") long materialId,
            @Param("fileName") String fileName, @Param("contentType") String contentType, @Param("sizeBytes") long sizeBytes,
            @Param("sha256") String sha256, @Param("storageKey") String storageKey, @Param("uploadedAt") LocalDateTime uploadedAt);

    List<StoredMaterial> findMaterials(@Param("applicationId") long applicationId);

    /** The applicant's earlier files of a material with this name, newest first. */
    List<ApplicationMaterials.ReusableFile> findReusable(@Param("applicantId") long applicantId,
            @Param("materialName") String materialName);

    StoredMaterial findOwnFile(@Param("applicantId") long applicantId, @Param("id") long id);

    int deleteMaterial(@Param("applicationId") long applicationId, @Param("id") long id);

    void insertEvent(@Param("applicationId") long applicationId, @Param("at") LocalDateTime at, @Param("action") String action,
            @Param("actorId") Long actorId, @Param("actor") String actor, @Param("role") String role,
            @Param("agencyName") String agencyName, @Param("opinion") String opinion, @Param("status") String status,
            @Param("remainingDays") Integer remainingDays);

    int deleteTestRunEvents(@Param("id") long id);

    int deleteTestRun(@Param("id") long id);

    List<TimelineEvent> findEvents(@Param("applicationId") long applicationId);

    int insertCopy(@Param("applicationId") long applicationId, @Param("accountId") long accountId,
            @Param("fromName") String fromName, @Param("at") LocalDateTime at);

    boolean isCopiedTo(@Param("applicationId") long applicationId, @Param("accountId") long accountId);

    List<Application> findCopiedTo(@Param("accountId") long accountId, @Param("offset") int offset, @Param("limit") int limit);

    long countCopiedTo(@Param("accountId") long accountId);

    /** A material file as stored, with where its bytes are. */
    record StoredMaterial(long id, long materialId, String materialName, String fileName, String contentType,
            long sizeBytes, String sha256, String storageKey, LocalDateTime uploadedAt) {
    }

    record IdleDraft(long id, String applicationNo, long applicantId, String itemName) {
    }

    final class NewApplication {
        public Long id;
        public String applicationNo;
        public long itemId;
        public long agencyId;
        public String regionCode;
        public long applicantId;
        public String formData;
        public int limitDays;
        public boolean testRun;
        /** A bundle's later item waiting for an earlier licence: not idle, so draft expiry leaves it alone. */
        public boolean awaitsLicence;
        public LocalDateTime now;
    }
}
