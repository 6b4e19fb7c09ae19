package org.yiwang.application;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.yiwang.common.ApiException;
import org.yiwang.common.Throttle;

/**
 * The public progress query, guarded against guessing. Application numbers are sequential and readable by design,
 * and the last six characters of an identity number are few, so secrecy of neither is relied on: each address has
 * a rate, and each application number is locked for a growing period after a few wrong answers, whatever the
 * address they come from.
 */
@Component
class PublicProgress {

    private final ApplicationService applications;
    private final Throttle throttle;
    private final Throttle.Rate perAddress;
    private final Throttle.BackOff perApplication;

    PublicProgress(ApplicationService applications, Throttle throttle,
            @Value("${yiwang.security.limits.progress-per-minute:20}") int perMinute,
            @Value("${yiwang.security.limits.progress-failures:5}") int failures,
            @Value("${yiwang.security.limits.progress-first-lock:PT15M}") Duration firstLock,
            @Value("${yiwang.security.limits.progress-max-lock:PT24H}") Duration maxLock) {
        this.applications = applications;
        this.throttle = throttle;
        this.perAddress = new Throttle.Rate("progress", perMinute);
        this.perApplication = new Throttle.BackOff("progress-no", failures, firstLock, maxLock);
    }

    ApplicationService.Progress query(String no, String idSuffix, String address) {
        throttle.take(perAddress, address);
        String key = no == null ? "" : no.trim().toUpperCase();
        throttle.checkUnlocked(perApplication, key, "该办件编号查询失败次数过多，已暂停查询，请稍后再试或登录后查看");
        try {
            return applications.progress(no, idSuffix);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throttle.failed(perApplication, key);
            }
            throw e;
        }
    }
}
