package org.yiwang.license;

/**
 * What happens to an issued e-licence that its case records. Published once the licence's own work is done, so
 * license/ need not know the case domain (application/ issues licences and listens).
 */
public final class LicenseEvents {

    private LicenseEvents() {
    }

    /** A member of staff downloaded the licence issued for this application: an audited read of personal data. */
    public record ReadByStaff(long applicationId, String licenseNo) {
    }

    /** The holder received the licence (电子送达). */
    public record Received(long applicationId) {
    }
}
