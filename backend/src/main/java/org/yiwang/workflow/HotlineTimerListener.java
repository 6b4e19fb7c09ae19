package org.yiwang.workflow;

import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.job.api.Job;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hands the hotline process's timers to the hotline, inside the timer job's transaction: a failure rolls the job
 * back and the engine retries it. No service task (and so no bean in the sandboxed expression language) is needed.
 */
class HotlineTimerListener implements FlowableEventListener {

    private final ObjectProvider<HotlineDeadlineCallbacks> callbacks;

    HotlineTimerListener(ObjectProvider<HotlineDeadlineCallbacks> callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        if (event.getType() != FlowableEngineEventType.TIMER_FIRED || !(event instanceof FlowableEntityEvent e)
                || !(e.getEntity() instanceof Job job) || job.getProcessDefinitionId() == null
                || !job.getProcessDefinitionId().startsWith(ProcessContract.HOTLINE_TICKET + ":")
                || !ProcessContract.HOTLINE_TIMERS.contains(job.getElementId())) {
            return;
        }
        HotlineDeadlineCallbacks target = callbacks.getIfAvailable();
        if (target != null) {
            target.deadlineReached(job.getProcessInstanceId(), job.getElementId());
        }
    }

    @Override
    public boolean isFailOnException() {
        return true;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }
}
