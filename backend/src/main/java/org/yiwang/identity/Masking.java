package org.yiwang.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data for responses and logs. Every method keeps the length of what it masks, so a masked
 * value still looks like the kind of value it was; null stays null.
 */
public final class Masking {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** Area codes: 010 and 02x have three digits, every other one four. */
    private static final Pattern LANDLINE = Pattern.compile("(010|02\\d|0[3-9]\\d{2})(-?)(\\d{7,8})");
    /** An 18-character ID number standing alone, not part of a longer run of letters and digits. */
    private static final Pattern ID_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    /** A mobile number standing alone, optionally after the country code (+86, 86, with a space or dash). */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<![0-9])((?:\\+?86[- ]?)?)(1[3-9]\\d{9})(?![0-9])");

    private Masking() {
    }

    /** {@code 4690**********123X}: first 4 and last 4 of an 18-character number; shorter ones keep only the last 2. */
    public static String idNumber(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 18) {
            return v.substring(0, 4) + stars(v.length() - 8) + v.substring(v.length() - 4);
        }
        return keepLast(v, 2);
    }

    /**
     * {@code 138****5678} for a mobile; a landline keeps its area code and last 2 digits ({@code 0898-******34}),
     * since the local part of a landline is short enough that 4 digits would give much of it away; anything else
     * keeps only its last 2 digits and its separators.
     */
    public static String phone(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (MOBILE.matcher(v).matches()) {
            return v.substring(0, 3) + "****" + v.substring(7);
        }
        Matcher landline = LANDLINE.matcher(v);
        if (landline.matches()) {
            return landline.group(1) + landline.group(2) + keepLast(landline.group(3), 2);
        }
        return maskDigitsButLast(v, 2);
    }

    /**
     * Keeps the first character: {@code 张*}, {@code 张**}, {@code 欧***}; the middle dot of minority and foreign
     * names stays ({@code 艾*·***}). A one-character name is masked entirely.
     */
    public static String name(String value) {
        if (value == null) {
            return null;
        }
        int[] chars = value.trim().codePoints().toArray();
        if (chars.length <= 1) {
            return stars(chars.length);
        }
        StringBuilder out = new StringBuilder().appendCodePoint(chars[0]);
        for (int i = 1; i < chars.length; i++) {
            out.append(chars[i] == '·' || chars[i] == '•' ? (char) chars[i] : '*');
        }
        return out.toString();
    }

    /**
     * Masks every 18-character ID number and every mobile number inside free text (log lines, opinions).
     * It goes by shape alone, so another 18-digit number standing alone in the text is masked too: in logs a
     * false alarm costs less than a leak.
     */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String ids = ID_IN_TEXT.matcher(value).replaceAll(m -> Matcher.quoteReplacement(idNumber(m.group())));
        return MOBILE_IN_TEXT.matcher(ids)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + phone(m.group(2))));
    }

    private static String keepLast(String v, int keep) {
        if (v.length() <= keep) {
            return stars(v.length());
        }
        return stars(v.length() - keep) + v.substring(v.length() - keep);
    }

    private static String maskDigitsButLast(String v, int keep) {
        int digits = (int) v.chars().filter(Character::isDigit).count();
        StringBuilder out = new StringBuilder(v.length());
        int seen = 0;
        for (char c : v.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen > digits - keep && digits > keep ? c : '*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String stars(int count) {
        return "*".repeat(count);
    }
}
