package org.yiwang.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * The "one number" (一号) an applicant registers with: a 居民身份证号 (GB 11643-1999) for a natural person,
 * a 统一社会信用代码 (GB 32100-2015) for a legal person or other organisation.
 */
public final class IdentityNumbers {

    /**
     * The outcome of a check. {@code normalized} is the trimmed, upper-cased input (null only for null input);
     * when the number is invalid, {@code rule} is the stable code of the first rule that failed and
     * {@code message} says so in Chinese; both are null for a valid number.
     */
    public record Result(boolean valid, String normalized, String rule, String message) {
    }

    /**
     * Province-level codes of GB/T 2260 (71 台湾, 81 香港, 82 澳门), plus 83: 台湾居民居住证 numbers
     * follow GB 11643 with the prefix 830000.
     */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARS = "10X98765432";

    /** GB 32100 charset: digits and upper-case letters without I, O, Z, S, V; a character's value is its index. */
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    /**
     * 登记管理部门代码: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管(工商),
     * A 中央军委改革和编制办公室, N 农业农村, Y 其他.
     */
    private static final String USCC_AUTHORITIES = "123456789ANY";
    /** 登记管理机关行政区划码 of a registration at national level. */
    private static final String NATIONAL_REGION = "100000";

    /** GB 11714 values a letter from A = 10 to Z = 35, including the letters GB 32100 leaves out. */
    private static final String ORG_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private IdentityNumbers() {
    }

    /** Checks a 居民身份证号; {@code today} bounds the birth date (pass the platform's clock, not the JVM's). */
    public static Result checkIdCard(String number, LocalDate today) {
        String n = normalize(number);
        if (n == null || n.length() != 18) {
            return failure(n, "LENGTH", "身份证号应为 18 位");
        }
        if (!allDigits(n, 0, 17) || !(isDigit(n.charAt(17)) || n.charAt(17) == 'X')) {
            return failure(n, "CHARSET", "身份证号前 17 位应为数字，最后一位应为数字或 X");
        }
        if (!PROVINCES.contains(n.substring(0, 2))) {
            return failure(n, "REGION", "身份证号的地区码不正确");
        }
        LocalDate birth = parseDate(n.substring(6, 14));
        if (birth == null || birth.getYear() < 1900 || birth.isAfter(today)) {
            return failure(n, "BIRTH_DATE", "身份证号中的出生日期不正确");
        }
        if (n.charAt(17) != idCheckChar(n)) {
            return failure(n, "CHECK_DIGIT", "身份证号校验位不正确");
        }
        return new Result(true, n, null, null);
    }

    /**
     * Checks a 统一社会信用代码.
     * <p>
     * Deliberately lenient in two places, because rejecting a genuine code locks an organisation out of the
     * platform, while a mistyped code is still caught by the mod-31 check character over positions 1–17:
     * the 机构类别代码 (position 2) is only checked against the charset, since each registration authority
     * defines its own categories and the list has grown since 2015; and the GB 11714 check character of the
     * embedded organisation code (position 17) is not enforced, since nothing guarantees that every code issued
     * since 2015 (by every authority, including 个体工商户 registrations) satisfies it.
     */
    public static Result checkUscc(String number) {
        String n = normalize(number);
        if (n == null || n.length() != 18) {
            return failure(n, "LENGTH", "统一社会信用代码应为 18 位");
        }
        for (int i = 0; i < 18; i++) {
            if (USCC_CHARS.indexOf(n.charAt(i)) < 0) {
                return failure(n, "CHARSET", "统一社会信用代码只能由数字和大写字母（不含 I、O、Z、S、V）组成");
            }
        }
        if (USCC_AUTHORITIES.indexOf(n.charAt(0)) < 0) {
            return failure(n, "AUTHORITY", "统一社会信用代码的登记管理部门代码不正确");
        }
        String region = n.substring(2, 8);
        if (!allDigits(region, 0, 6)
                || !(PROVINCES.contains(region.substring(0, 2)) || region.equals(NATIONAL_REGION))) {
            return failure(n, "REGION", "统一社会信用代码的登记管理机关行政区划码不正确");
        }
        if (n.charAt(17) != usccCheckChar(n)) {
            return failure(n, "CHECK_DIGIT", "统一社会信用代码校验位不正确");
        }
        return new Result(true, n, null, null);
    }

    /** A valid 居民身份证号 for demo data and tests; {@code sequence3} is the 顺序码 (odd for men, even for women). */
    public static String generateIdCard(String regionCode6, LocalDate birth, int sequence3) {
        requireRegion(regionCode6);
        if (birth.getYear() < 1900 || birth.getYear() > 9999) {
            throw new IllegalArgumentException("birth year must be between 1900 and 9999");
        }
        if (sequence3 < 0 || sequence3 > 999) {
            throw new IllegalArgumentException("sequence must be between 0 and 999");
        }
        String body = regionCode6 + String.format(Locale.ROOT, "%04d%02d%02d%03d",
                birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(), sequence3);
        return body + idCheckChar(body);
    }

    /**
     * A valid 统一社会信用代码 of an enterprise (91) registered in {@code regionCode6}; the same seed always gives
     * the same code. Unlike {@link #checkUscc}, the generator does honour the GB 11714 check of the organisation code.
     */
    public static String generateUscc(String regionCode6, String seed) {
        requireRegion(regionCode6);
        byte[] digest = sha256(seed);
        StringBuilder orgCode = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            orgCode.append(USCC_CHARS.charAt((digest[i] & 0xff) % USCC_CHARS.length()));
        }
        orgCode.append(orgCodeCheckChar(orgCode));
        String body = "91" + regionCode6 + orgCode;
        return body + usccCheckChar(body);
    }

    /** The birth date encoded in a 居民身份证号 (positions 7–14). */
    public static LocalDate birthDate(String idCard) {
        String n = normalize(idCard);
        LocalDate birth = n != null && n.length() == 18 ? parseDate(n.substring(6, 14)) : null;
        if (birth == null) {
            throw new IllegalArgumentException("not an identity card number with a birth date");
        }
        return birth;
    }

    /**
     * The 6-digit division code of a valid number: positions 1–6 of a 居民身份证号, 3–8 of a 统一社会信用代码.
     * A few all-digit credit codes could pass both checks; such a number is read as an identity card number.
     */
    public static String regionPrefix(String number) {
        Result idCard = checkIdCard(number, LocalDate.MAX); // only the kind matters here, not the birth date bound
        if (idCard.valid()) {
            return idCard.normalized().substring(0, 6);
        }
        Result uscc = checkUscc(number);
        if (uscc.valid()) {
            return uscc.normalized().substring(2, 8);
        }
        throw new IllegalArgumentException("neither a valid identity card number nor a valid credit code");
    }

    private static char idCheckChar(CharSequence number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK_CHARS.charAt(sum % 11);
    }

    private static char usccCheckChar(CharSequence number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += USCC_CHARS.indexOf(number.charAt(i)) * USCC_WEIGHTS[i];
        }
        return USCC_CHARS.charAt((31 - sum % 31) % 31);
    }

    private static char orgCodeCheckChar(CharSequence body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += ORG_CODE_CHARS.indexOf(body8.charAt(i)) * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    private static String normalize(String number) {
        return number == null ? null : number.trim().toUpperCase(Locale.ROOT);
    }

    private static Result failure(String normalized, String rule, String message) {
        return new Result(false, normalized, rule, message);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static LocalDate parseDate(String yyyymmdd) {
        if (yyyymmdd.length() != 8 || !allDigits(yyyymmdd, 0, 8)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void requireRegion(String regionCode6) {
        if (regionCode6 == null || regionCode6.length() != 6 || !allDigits(regionCode6, 0, 6)
                || !PROVINCES.contains(regionCode6.substring(0, 2))) {
            throw new IllegalArgumentException("region code must be 6 digits starting with a province code");
        }
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
