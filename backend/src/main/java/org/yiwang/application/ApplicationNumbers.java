package org.yiwang.application;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;
import org.yiwang.common.Transactions;

/**
 * 办件编号: one format for the province — the deciding agency's 6-digit division code, the date, a
 * 6-digit sequence per division and day, and an ISO 7064 MOD 37,36 check character, e.g.
 * {@code 460100 20261127 000042 K} written together. The sequence comes from a counter row locked in its own
 * short transaction, so several nodes on one database never hand out the same number.
 */
@Component
class ApplicationNumbers {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ApplicationMapper mapper;
    private final Transactions transactions;

    ApplicationNumbers(ApplicationMapper mapper, Transactions transactions) {
        this.mapper = mapper;
        this.transactions = transactions;
    }

    /** The first numbers of a day are requested at once by many nodes, so the counter row is created by upsert. */
    public String next(String regionCode, LocalDate day) {
        String region6 = region6(regionCode);
        String date = day.format(DAY);
        long seq = transactions.separatelyRetryingDeadlocks(() -> {
            mapper.upsertSequence(region6, date);
            return mapper.nextSequence(region6, date);
        });
        String body = region6 + date + "%06d".formatted(seq);
        return body + check(body);
    }

    static String region6(String regionCode) {
        return regionCode.length() >= 6 ? regionCode.substring(0, 6) : (regionCode + "000000").substring(0, 6);
    }

    /** ISO 7064 MOD 37,36: catches every single-character error and every adjacent swap. */
    static char check(String body) {
        int m = 36;
        int p = m;
        for (char c : body.toCharArray()) {
            p = (p + ALPHABET.indexOf(c)) % m;
            if (p == 0) {
                p = m;
            }
            p = (p * 2) % (m + 1);
        }
        return ALPHABET.charAt((m + 1 - p) % m);
    }

    static boolean valid(String number) {
        return number != null && number.length() == 21 && number.substring(0, 20).chars().allMatch(Character::isDigit)
                && check(number.substring(0, 20)) == number.charAt(20);
    }
}
