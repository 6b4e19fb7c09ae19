package org.yiwang.identity;

/** The demo applicant's identity number, for tests of the public progress query. */
public final class DemoAccountsAccess {

    private DemoAccountsAccess() {
    }

    public static String applicantId() {
        return DemoAccounts.APPLICANT_ID;
    }
}
