package org.yiwang.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Scans running applications for clock warnings on every node; each warning is raised once. */
@Component
class ClockWatch {

    private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);

    private final CaseSteps steps;

    ClockWatch(CaseSteps steps) {
        this.steps = steps;
    }

    @Scheduled(fixedDelayString = "${yiwang.clock.scan-ms:600000}", initialDelayString = "${yiwang.clock.scan-ms:600000}")
    void scan() {
        int raised = steps.raiseClockWarnings();
        if (raised > 0) {
            log.info("raised {} clock warnings", raised);
        }
    }
}
