package org.yiwang.application;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.license.LicenseEvents;

/**
 * The case's side of what happens to its e-licence. After the publisher's transaction commits, or at once when it
 * has none (the licence routes run outside transactions), so the caller still sees a failure.
 */
@Component
class LicenseRecords {

    private final ApplicationService applications;
    private final CaseSteps steps;

    LicenseRecords(ApplicationService applications, CaseSteps steps) {
        this.applications = applications;
        this.steps = steps;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void readByStaff(LicenseEvents.ReadByStaff read) {
        applications.licenseReadByStaff(read.applicationId(), read.licenseNo());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void received(LicenseEvents.Received received) {
        steps.delivered(received.applicationId());
    }
}
