package org.yiwang.application;

import org.springframework.stereotype.Component;
import org.yiwang.workflow.CaseCallbacks;

/** The engine's service tasks, answered by the case domain. */
@Component
class EngineCallbacks implements CaseCallbacks {

    private final ApplicationService applications;

    EngineCallbacks(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void deemAccepted(String applicationNo) {
        applications.deemedAccepted(applicationNo);
    }

    @Override
    public void conclude(String applicationNo) {
        applications.concluded(applicationNo);
    }
}
