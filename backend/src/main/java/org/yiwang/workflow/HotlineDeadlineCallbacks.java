package org.yiwang.workflow;

/**
 * What the timers of the hotline's process ({@code processes/hotlineTicket.bpmn20.xml}) tell the ticket whose round
 * they belong to. The hotline implements it, so that workflow/ stays below the features that start processes.
 */
public interface HotlineDeadlineCallbacks {

    /** The round's timer {@code timer} (one of {@link ProcessContract#HOTLINE_TIMERS}) fired, once. */
    void deadlineReached(String roundId, String timer);
}
