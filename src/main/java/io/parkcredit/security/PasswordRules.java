package io.parkcredit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be (README "Accounts and sessions"). A pure rule over the user name and the
 * candidate password; it answers every reason a password is refused, so the form can name them all.
 *
 * <ul>
 * <li>10 to 128 characters;</li>
 * <li>at least three of the four character classes (lower case, upper case, digits, other), unless
 * it has 16 characters or more (a passphrase);</li>
 * <li>not one of the common passwords below, also when only digits or symbols are added around it
 * ({@code Password123!});</li>
 * <li>not the user name dressed up: with the user name taken out, at least four letters must be left
 * ({@code alice2024!!} is refused).</li>
 * </ul>
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    public static final int PASSPHRASE_LENGTH = 16;
    public static final int MIN_CLASSES = 3;

    /** Passwords that lead every leaked-password list, and this product's own names. */
    static final Set<String> COMMON = Set.of("password", "passw0rd", "p@ssw0rd", "p@ssword", "123456", "12345678",
            "123456789", "1234567890", "qwerty", "qwertyuiop", "qwerty123", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx",
            "abc123", "abcdefghij", "iloveyou", "letmein", "welcome", "admin", "administrator", "root", "changeme",
            "change-me", "change_me", "secret", "monkey", "dragon", "football", "baseball", "sunshine", "princess",
            "trustno1", "master", "superman", "parkcredit", "woaini", "woaini1314", "aa123456", "zxcvbnm",
            "zxcvbnm123", "a123456", "qwe123", "asdfghjkl", "1234qwer");

    private PasswordRules() {
    }

    /** Every reason the password is refused; empty when it is accepted. */
    public static List<String> problems(String username, String password) {
        List<String> out = new ArrayList<>();
        if (password == null) {
            out.add("is required");
            return out;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            out.add("must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (length < PASSPHRASE_LENGTH && classes(password) < MIN_CLASSES) {
            out.add("needs three of: lower case, upper case, digits, other characters (or " + PASSPHRASE_LENGTH
                    + " characters or more)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (COMMON.contains(lower) || COMMON.contains(core)) {
            out.add("is a common password");
        }
        if (username != null && username.length() >= 3) {
            String u = username.toLowerCase(Locale.ROOT);
            if (lower.contains(u) && letters(lower.replace(u, "")) < 4) {
                out.add("must not be the user name with a few characters added");
            }
        }
        return out;
    }

    static int classes(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length();) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isDigit(cp)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static int letters(String s) {
        return (int) s.codePoints().filter(Character::isLetter).count();
    }
}
