package io.parkcredit.shared;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one reader of numbers that arrive from outside: JSON bodies (through {@link JsonLimits}),
 * page forms and bundle cells. Every number is bounded in size before anything formats it or
 * computes with it: a decimal such as {@code 1e999999999} is eleven characters long but its plain
 * form is a gigabyte, so magnitude and decimals are checked on the exponent, never by expanding.
 * Accepted text is plain decimal notation only (no exponent, no {@code NaN} or {@code Infinity});
 * {@code -0} is zero. Failures are {@link InvalidValueException}s; the caller names the field.
 */
public final class Numbers {

    /** Digits before the point any number may have (10^18 CNY is beyond any receivable or statement). */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Decimals any number may carry (rates and weights need a few; money is checked to 2 by {@link Money}). */
    public static final int MAX_DECIMALS = 10;
    /** Longest number text accepted: digits, separators, sign and point of the largest allowed value. */
    public static final int MAX_TEXT = 40;
    /** Largest magnitude a floating-point input may have. */
    public static final double MAX_DOUBLE = 1e15;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private Numbers() {
    }

    /**
     * Checks a decimal that was already parsed (by Jackson, a driver, a spreadsheet) without
     * materialising it. Returns it with trailing zeros kept; zero of any sign or scale becomes
     * {@link BigDecimal#ZERO}.
     */
    public static BigDecimal bounded(BigDecimal v) {
        if (v == null) {
            return null;
        }
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long integerDigits = (long) v.precision() - v.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new InvalidValueException("too large: at most " + MAX_INTEGER_DIGITS + " digits before the point");
        }
        // a value below 10^-MAX_DECIMALS cannot have MAX_DECIMALS decimals; checked before stripping
        if (integerDigits < -MAX_DECIMALS || v.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new InvalidValueException("at most " + MAX_DECIMALS + " decimals");
        }
        return v;
    }

    /**
     * Parses a decimal typed by a person or read from a file: {@code 1234.5}, {@code 1,234.50},
     * {@code -3}. Blank is null (the caller decides whether the value is required).
     */
    public static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (s.length() > MAX_TEXT || !DECIMAL.matcher(s).matches()) {
            throw new InvalidValueException("not a number (plain digits, an optional point and decimals): " + shorten(s));
        }
        return bounded(new BigDecimal(s.indexOf(',') >= 0 ? s.replace(",", "") : s));
    }

    /** A floating-point value: finite and within ±{@link #MAX_DOUBLE}; {@code -0.0} becomes 0. */
    public static double finite(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new InvalidValueException("not a number");
        }
        if (Math.abs(v) > MAX_DOUBLE) {
            throw new InvalidValueException("too large: at most " + (long) MAX_DOUBLE + " in magnitude");
        }
        return v == 0 ? 0.0 : v;
    }

    /** A floating-point value typed in a form, parsed as {@link #decimal} does; blank is null. */
    public static Double doubleValue(String text) {
        BigDecimal d = decimal(text);
        return d == null ? null : finite(d.doubleValue());
    }

    /** A whole number typed in a form, between {@code min} and {@code max}; blank is null. */
    public static Integer integer(String text, int min, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (!INTEGER.matcher(s).matches() || s.length() > 12) {
            throw new InvalidValueException("not a whole number between " + min + " and " + max + ": " + shorten(s));
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new InvalidValueException("must be between " + min + " and " + max);
        }
        return (int) v;
    }

    /** Echoes at most 40 characters of a rejected value back to the person who typed it. */
    public static String shorten(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
