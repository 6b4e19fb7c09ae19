package org.yiwang.application;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yiwang.common.Transactions;
import org.yiwang.notification.NotificationService;

/**
 * Drafts left alone expire: the applicant is told {@code warn-days} before, then the draft goes with its
 * timeline and its references to files (a file itself goes once nothing refers to it). Every node scans; the
 * conditional UPDATE and DELETE let exactly one of them warn and remove each draft, and none once the applicant
 * came back to it.
 */
@Component
class DraftExpiry {

    private static final Logger log = LoggerFactory.getLogger(DraftExpiry.class);
    private static final int BATCH = 200;

    private final ApplicationMapper mapper;
    private final MaterialFiles files;
    private final NotificationService notifications;
    private final Transactions transactions;
    private final Clock clock;
    private final int idleDays;
    private final int warnDays;

    DraftExpiry(ApplicationMapper mapper, MaterialFiles files, NotificationService notifications, Transactions transactions,
            Clock clock, @Value("${yiwang.drafts.idle-days:30}") int idleDays, @Value("${yiwang.drafts.warn-days:7}") int warnDays) {
        if (idleDays < 1 || warnDays < 1 || warnDays >= idleDays) {
            throw new IllegalArgumentException("yiwang.drafts: need 1 <= warn-days < idle-days, got " + warnDays + " and " + idleDays);
        }
        this.mapper = mapper;
        this.files = files;
        this.notifications = notifications;
        this.transactions = transactions;
        this.clock = clock;
        this.idleDays = idleDays;
        this.warnDays = warnDays;
    }

    /** Warned and removed drafts of one scan. */
    record Scan(int warned, int removed) {
    }

    @Scheduled(fixedDelayString = "${yiwang.drafts.scan-ms:3600000}", initialDelayString = "${yiwang.drafts.scan-ms:3600000}")
    Scan scan() {
        LocalDateTime now = LocalDateTime.now(clock);
        Scan scan = new Scan(warn(now), remove(now));
        if (scan.warned() + scan.removed() > 0) {
            log.info("idle drafts: {} warned, {} removed", scan.warned(), scan.removed());
        }
        return scan;
    }

    private int warn(LocalDateTime now) {
        LocalDateTime idleSince = now.minusDays(idleDays - warnDays);
        LocalDateTime expires = now.plusDays(warnDays);
        return eachIdle(idleSince, null, d -> {
            if (mapper.markExpiryWarned(d.id(), idleSince, now) == 0) {
                return false;
            }
            notifications.send(d.applicantId(), "草稿即将过期", "您的草稿 " + d.applicationNo() + "（" + d.itemName() + "）已有 "
                    + (idleDays - warnDays) + " 天未修改，将于 " + expires.toLocalDate() + " 起删除；如需保留，请在此之前修改或提交。",
                    d.applicationNo());
            return true;
        });
    }

    private int remove(LocalDateTime now) {
        LocalDateTime idleSince = now.minusDays(idleDays);
        LocalDateTime warnedBefore = now.minusDays(warnDays);
        return eachIdle(idleSince, warnedBefore, d -> {
            // The owner's lock first, as uploads take it: no file is added to the draft while it goes.
            files.lockOwner(d.applicantId());
            List<String> keys = mapper.findMaterials(d.id()).stream().map(ApplicationMapper.StoredMaterial::storageKey).toList();
            if (mapper.deleteExpiredDraft(d.id(), idleSince, warnedBefore) == 0) {
                return false;
            }
            mapper.deleteMaterials(d.id());
            mapper.deleteEvents(d.id());
            keys.forEach(key -> files.releaseAfterCommit(d.applicantId(), key));
            notifications.send(d.applicantId(), "草稿已删除", "您的草稿 " + d.applicationNo() + "（" + d.itemName() + "）已有 "
                    + idleDays + " 天未修改，已按期删除。", d.applicationNo());
            return true;
        });
    }

    /**
     * Runs the step on every draft idle since then (and warned before then, if given), each in a transaction of its
     * own; the step's conditional write makes exactly one node do it. Counts the drafts it did.
     */
    private int eachIdle(LocalDateTime idleSince, LocalDateTime warnedBefore, Predicate<ApplicationMapper.IdleDraft> step) {
        int done = 0;
        long after = 0;
        for (List<ApplicationMapper.IdleDraft> batch; !(batch = mapper.findIdleDrafts(idleSince, warnedBefore, after, BATCH)).isEmpty();) {
            for (ApplicationMapper.IdleDraft d : batch) {
                after = d.id();
                done += transactions.retryingDeadlocks(() -> step.test(d)) ? 1 : 0;
            }
        }
        return done;
    }
}
