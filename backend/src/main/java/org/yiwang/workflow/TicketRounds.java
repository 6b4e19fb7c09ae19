package org.yiwang.workflow;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.springframework.stereotype.Service;

/**
 * The 12345 hotline's deadlines on the engine: one round of {@code processes/hotlineTicket.bpmn20.xml} per dispatch
 * of a ticket to an agency, whose timers call {@link HotlineDeadlineCallbacks}.
 */
@Service
public class TicketRounds {

    private final RuntimeService runtime;
    private final WorkflowService workflow;
    private final Clock clock;

    TicketRounds(RuntimeService runtime, WorkflowService workflow, Clock clock) {
        this.runtime = runtime;
        this.workflow = workflow;
        this.clock = clock;
    }

    /**
     * One round of a 12345 ticket at an agency ({@code processes/hotlineTicket.bpmn20.xml}): {@code signed} when it
     * starts waiting for the reply (an approved extension); warnings fire at the start of their day, deadlines at the
     * end of theirs.
     */
    public record Round(String ticketNo, boolean signed, LocalDate signWarnFrom, LocalDate signDue,
            LocalDate replyWarnFrom, LocalDate replyDue) {
    }

    /** Starts a ticket's round; answers its id, which the ticket keeps to move or end it. */
    public String start(Round r) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("signed", r.signed());
        variables.put("signWarnAt", startOf(r.signWarnFrom()));
        variables.put("signDueAt", WorkflowService.endOf(r.signDue(), clock));
        variables.put("replyWarnAt", startOf(r.replyWarnFrom()));
        variables.put("replyDueAt", WorkflowService.endOf(r.replyDue(), clock));
        return runtime.startProcessInstanceByKey(ProcessContract.HOTLINE_TICKET, r.ticketNo(), variables).getId();
    }

    /** The agency signed: the round waits for the reply, with the reply's timers instead of the signing's. */
    public void signed(String roundId) {
        trigger(roundId, "awaitSign");
    }

    /** The agency replied: the round ends, its timers with it. */
    public void replied(String roundId) {
        trigger(roundId, "awaitReply");
    }

    private void trigger(String roundId, String activityId) {
        Execution waiting = runtime.createExecutionQuery().processInstanceId(roundId).activityId(activityId).singleResult();
        if (waiting != null) {
            runtime.trigger(waiting.getId());
        }
    }

    /** The ticket left the agency (returned, escalated, merged) or its round is replaced: the round and its timers go. */
    public void end(String roundId) {
        workflow.cancel(roundId, "ticket left the round");
    }

    private Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(clock.getZone()).toInstant());
    }
}
