package org.yiwang.application;

import org.springframework.stereotype.Component;
import org.yiwang.workflow.CaseCallbacks;

/** The engine's service tasks, answered by the case domain. */
@Component
class EngineCallbacks implements CaseCallbacks {

    private final CaseSteps steps;

    EngineCallbacks(CaseSteps steps) {
        this.steps = steps;
    }

    @Override
    public void deemAccepted(String applicationNo) {
        steps.deemedAccepted(applicationNo);
    }

    @Override
    public void conclude(String applicationNo) {
        steps.concluded(applicationNo);
    }
}
