package org.yiwang.identity;

import java.util.Locale;

import org.yiwang.common.ApiException;

/** The rules a new password must meet; the message says which one it broke. */
public final class PasswordPolicy {

    private static final int MIN_LENGTH = 8;
    /** Bounds the work of hashing what a client sends. */
    private static final int MAX_LENGTH = 64;

    private PasswordPolicy() {
    }

    /**
     * @throws ApiException a bad parameter {@code password} when the password is shorter than 8 or longer than 64
     *                      characters, uses fewer than 3 of lower-case letters, upper-case letters, digits and other
     *                      characters, or contains the username (ignoring case)
     */
    public static void check(String password, String username) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ApiException.badParameter("password", "密码至少需要 " + MIN_LENGTH + " 个字符");
        }
        if (length > MAX_LENGTH) {
            throw ApiException.badParameter("password", "密码不能超过 " + MAX_LENGTH + " 个字符");
        }
        if (characterClasses(password) < 3) {
            throw ApiException.badParameter("password", "密码需包含小写字母、大写字母、数字、其他符号中的至少三类");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))) {
            throw ApiException.badParameter("password", "密码不能包含用户名");
        }
    }

    private static int characterClasses(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
