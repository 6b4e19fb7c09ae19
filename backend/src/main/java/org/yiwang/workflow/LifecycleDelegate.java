package org.yiwang.workflow;

import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.yiwang.application.ApplicationService;

/** Service tasks of the process templates, by name: {@code ${lifecycle.conclude(execution)}}. */
@Component("lifecycle")
class LifecycleDelegate {

    private final ApplicationService applications;

    LifecycleDelegate(ApplicationService applications) {
        this.applications = applications;
    }

    public void deemAccepted(DelegateExecution execution) {
        applications.deemedAccepted(execution.getProcessInstanceBusinessKey());
    }

    public void conclude(DelegateExecution execution) {
        applications.concluded(execution.getProcessInstanceBusinessKey());
    }
}
