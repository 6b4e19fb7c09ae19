package org.yiwang.application;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One application in full: what the applicant and the clerks handling it see. */
public record ApplicationView(@JsonUnwrapped ApplicationSummary summary, String regionName, String applicantName,
        Map<String, Object> formData, List<MaterialFile> materials, LocalDateTime acceptedAt, int limitDays,
        int extendedDays, boolean suspended, SupplementNotice supplementNotice, List<TimelineEvent> timeline,
        Result result, LicenseRef license) {

    /** An uploaded file of a required material (申请材料). */
    public record MaterialFile(long id, long materialId, String materialName, String fileName, String contentType,
            long sizeBytes, String sha256, LocalDateTime uploadedAt) {
    }

    /** 一次性告知补正: everything missing, in one notice. */
    public record SupplementNotice(String opinion, List<Long> materialIds, LocalDateTime noticeAt) {
    }

    /** A decision with its reasons and the applicant's remedies (复议/诉讼). */
    public record Result(String decision, String reason, String remedies, LocalDateTime decidedAt) {
    }

    public record LicenseRef(String number, String verificationCode, LocalDate validUntil) {
    }
}
