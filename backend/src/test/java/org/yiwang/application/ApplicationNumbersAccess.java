package org.yiwang.application;

/** The application number's check character, for the benchmark's data generator. */
public final class ApplicationNumbersAccess {

    private ApplicationNumbersAccess() {
    }

    /** {@code body} (region6, date, 6-digit sequence) followed by its ISO 7064 MOD 37,36 check character. */
    public static String number(String body) {
        return body + ApplicationNumbers.check(body);
    }
}
