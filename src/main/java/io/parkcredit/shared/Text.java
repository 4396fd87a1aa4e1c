package io.parkcredit.shared;

/**
 * Hygiene for every text value that arrives from outside (JSON strings through {@link JsonLimits},
 * form fields and query parameters through {@link InputGuard}, field checks in input objects).
 * Refused everywhere: control characters other than tab and line breaks (a NUL cannot even be
 * stored), the bidirectional embedding, override and isolate controls U+202A–U+202E and
 * U+2066–U+2069 (they make {@code txt.exe} display as {@code exe.txt} in a firm name), and
 * unpaired surrogates (not text at all; PostgreSQL refuses them). Chinese, emoji and the plain
 * left-to-right and right-to-left marks are text and pass. Lengths count UTF-16 units, which is
 * never fewer than the characters a database column counts.
 */
public final class Text {

    /** Longest text any single field on any door accepts; most fields allow far less. */
    public static final int MAX_LENGTH = 10_000;

    private Text() {
    }

    /** The reason {@code s} is refused, or null when it is acceptable text of at most {@code max} units. */
    public static String problem(String s, int max) {
        if (s == null) {
            return null;
        }
        if (s.length() > max) {
            return "at most " + max + " characters (got " + s.length() + ")";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F) {
                return "contains the control character U+" + hex(c) + " at position " + (i + 1);
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "contains the bidirectional control U+" + hex(c) + " at position " + (i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate U+" + hex(c) + " at position " + (i + 1);
            }
        }
        return null;
    }

    /** Checks {@code s} against {@link #problem}; throws {@link InvalidValueException} with the reason. */
    public static String check(String s, int max) {
        String p = problem(s, max);
        if (p != null) {
            throw new InvalidValueException(p);
        }
        return s;
    }

    /** Checks an optional field of an input object: null or blank is null, otherwise stripped and checked. */
    public static String optional(String field, String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.strip();
        String p = problem(v, max);
        if (p != null) {
            throw ProblemException.invalid(field, p);
        }
        return v;
    }

    /** Checks a required field of an input object: stripped, not blank, at most {@code max} units. */
    public static String required(String field, String s, int max) {
        String v = optional(field, s, max);
        if (v == null) {
            throw ProblemException.invalid(field, "required");
        }
        return v;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
