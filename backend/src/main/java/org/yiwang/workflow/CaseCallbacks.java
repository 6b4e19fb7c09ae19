package org.yiwang.workflow;

/**
 * What the process templates' service tasks tell the case they run for. The case domain (application/)
 * implements it, so that workflow/ stays below the features that start processes.
 */
public interface CaseCallbacks {

    /** No supplement notice within the acceptance period: the case counts as accepted (受理). */
    void deemAccepted(String applicationNo);

    /** The process's last step: the case concludes (办结). */
    void conclude(String applicationNo);
}
