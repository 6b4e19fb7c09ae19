package org.yiwang.workflow;

import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service tasks of the process templates, by name: {@code ${lifecycle.conclude(execution)}}. */
@Component(ProcessContract.LIFECYCLE)
class LifecycleDelegate {

    private final CaseCallbacks cases;

    LifecycleDelegate(CaseCallbacks cases) {
        this.cases = cases;
    }

    public void deemAccepted(DelegateExecution execution) {
        cases.deemAccepted(execution.getProcessInstanceBusinessKey());
    }

    public void conclude(DelegateExecution execution) {
        cases.conclude(execution.getProcessInstanceBusinessKey());
    }
}
