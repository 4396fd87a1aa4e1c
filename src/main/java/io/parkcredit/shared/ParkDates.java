package io.parkcredit.shared;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the date forms the sources send (DOMAIN.md §2): {@code 2023-05-07}, {@code 2023/5/7},
 * {@code 2023.5.7}, {@code 20230507}, {@code 2023年5月7日}, and any of these followed by a time
 * ({@code 2023-05-07T10:00:00}, {@code 2023-05-07 10:00}); the time is dropped. Everything else
 * is rejected with the reason.
 */
public final class ParkDates {

    /** HH:mm, HH:mm:ss, HH:mm:ss.SSS with a real hour and minute, optionally a zone (Z or +08:00). */
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(
            "([01]?\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?");

    private ParkDates() {
    }

    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("date is missing");
        }
        String s = text.strip();
        int len = s.length();
        // fast path: ISO yyyy-MM-dd
        if (len == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return build(num(s, 0, 4, text), num(s, 5, 7, text), num(s, 8, 10, text), text);
        }
        if (len == 8 && allDigits(s)) {
            return build(num(s, 0, 4, text), num(s, 4, 6, text), num(s, 6, 8, text), text);
        }
        int[] parts = new int[3];
        int part = 0;
        int i = 0;
        char sep = 0;
        while (part < 3) {
            int start = i;
            while (i < len && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            int digits = i - start;
            if (digits == 0 || (part == 0 && digits != 4) || (part > 0 && digits > 2)) {
                throw unreadable(text);
            }
            parts[part] = Integer.parseInt(s, start, i, 10);
            if (part < 2) {
                if (i >= len) {
                    throw unreadable(text);
                }
                char c = s.charAt(i);
                char expected = part == 0 ? '年' : '月';
                if (sep == 0) {
                    if (c != '-' && c != '/' && c != '.' && c != '年') {
                        throw unreadable(text);
                    }
                    sep = c;
                } else if (sep == '年' ? c != expected : c != sep) {
                    throw unreadable(text);
                }
                i++;
            }
            part++;
        }
        if (sep == '年') {
            if (i >= len || s.charAt(i) != '日') {
                throw unreadable(text);
            }
            i++;
        }
        if (i < len) {
            char c = s.charAt(i);
            if ((c != 'T' && c != ' ') || !isTime(s.substring(i + 1).strip())) {
                throw unreadable(text);
            }
        }
        return build(parts[0], parts[1], parts[2], text);
    }

    /**
     * The ISO text ({@code 2023-05-07}) of a date in any accepted form. Returns an ISO input as it
     * is, sparing bulk imports an object per cell.
     */
    public static String normalise(String text) {
        if (text != null && text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            build(num(text, 0, 4, text), num(text, 5, 7, text), num(text, 8, 10, text), text);
            return text;
        }
        return parse(text).toString();
    }

    /** A blank cell is no date; anything else must parse. */
    public static LocalDate parseOptional(String text) {
        return text == null || text.isBlank() ? null : parse(text);
    }

    private static boolean isTime(String t) {
        // HH:mm, HH:mm:ss, HH:mm:ss.SSS, with optional zone suffix Z or +08:00
        return TIME.matcher(t).matches();
    }

    private static LocalDate build(int y, int m, int d, String text) {
        if (y < 1900 || y > 2199) {
            throw new InvalidValueException("year out of range 1900..2199: " + text);
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            throw new InvalidValueException("no such calendar day: " + text);
        }
    }

    private static int num(String s, int from, int to, String text) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw unreadable(text);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static InvalidValueException unreadable(String text) {
        return new InvalidValueException("unreadable date (use e.g. 2023-05-07, 2023/5/7, 20230507 or 2023年5月7日): " + Numbers.shorten(text));
    }
}
