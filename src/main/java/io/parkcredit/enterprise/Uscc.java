package io.parkcredit.enterprise;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.parkcredit.shared.InvalidValueException;

/**
 * Unified social credit code 统一社会信用代码 (GB 32100-2015, DOMAIN.md §2). Both check symbols are
 * verified: position 17 closes the organisation code (GB 11714, positions 9..17) and position 18
 * closes the whole code. A failure names the position that is wrong.
 */
public record Uscc(String value) implements Comparable<Uscc> {

    /** The 31 symbols of a USCC, in value order 0..30. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    public Uscc {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidValueException(problem);
        }
    }

    /** Trims, upper-cases and checks. */
    @JsonCreator
    public static Uscc parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("USCC is missing");
        }
        return new Uscc(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The checked, normalised code as text: what {@link #parse} would hold, without creating the
     * object (bulk imports check millions of codes). An already normal code is returned as it is.
     */
    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("USCC is missing");
        }
        String code = text.length() == 18 && !Character.isWhitespace(text.charAt(0)) ? text
                : text.strip();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c >= 'a' && c <= 'z') {
                code = code.toUpperCase(java.util.Locale.ROOT);
                break;
            }
        }
        String problem = problem(code);
        if (problem != null) {
            throw new InvalidValueException(problem);
        }
        return code;
    }

    /** True when {@link #parse} would accept the text. */
    public static boolean isValid(String text) {
        return text != null && problem(text.strip().toUpperCase(java.util.Locale.ROOT)) == null;
    }

    /**
     * Why a normalised code is not a USCC, or null when it is one. Reports the first position
     * outside the character set, else each check symbol that does not match.
     */
    static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "USCC is missing";
        }
        if (code.length() != 18) {
            return "USCC must have 18 characters, found " + code.length();
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            if (CHARSET.indexOf(c) < 0) {
                return "USCC position " + (i + 1) + ": '" + c + "' is not allowed (only 0-9 and letters other than I, O, S, V, Z)";
            }
        }
        StringBuilder wrong = new StringBuilder();
        char org = orgCheck(code);
        if (org != code.charAt(16)) {
            wrong.append("USCC position 17 (organisation code check symbol) is wrong: expected '")
                    .append(org).append("', found '").append(code.charAt(16)).append('\'');
        }
        char check = check(code);
        if (check != code.charAt(17)) {
            if (wrong.length() > 0) {
                wrong.append("; ");
            }
            wrong.append("USCC position 18 (check symbol) is wrong: expected '")
                    .append(check).append("', found '").append(code.charAt(17)).append('\'');
        }
        return wrong.length() == 0 ? null : wrong.toString();
    }

    /** Completes 16 leading symbols with both check symbols: used by generators and fixtures. */
    public static Uscc complete(String first16) {
        String head = first16.toUpperCase(java.util.Locale.ROOT);
        if (head.length() != 16) {
            throw new InvalidValueException("need 16 symbols to complete a USCC, found " + head.length());
        }
        String with17 = head + orgCheck(head + "00");
        return new Uscc(with17 + check(with17 + "0"));
    }

    private static char orgCheck(String code) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = code.charAt(8 + i);
            int v = c <= '9' ? c - '0' : 10 + (c - 'A');
            sum += v * ORG_WEIGHTS[i];
        }
        int r = 11 - (sum % 11);
        return r == 10 ? 'X' : r == 11 ? '0' : (char) ('0' + r);
    }

    private static char check(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int r = 31 - (sum % 31);
        return CHARSET.charAt(r == 31 ? 0 : r);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(Uscc o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
