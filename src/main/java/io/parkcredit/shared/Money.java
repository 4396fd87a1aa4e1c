package io.parkcredit.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in CNY with at most two decimals (DOMAIN.md §2). Accepts {@code 1,234.50} and
 * {@code 1234.5}; thousands separators must group by three. Negative only where allowed.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(2));

    public Money {
        if (amount == null) {
            throw new InvalidValueException("amount is missing");
        }
        amount = Numbers.bounded(amount);
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidValueException("at most 2 decimals allowed: " + amount.toPlainString());
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Parses a non-negative amount. */
    public static Money parse(String text) {
        return parse(text, false);
    }

    public static Money parse(String text, boolean negativeAllowed) {
        return new Money(parseDecimal(text, negativeAllowed));
    }

    @JsonCreator
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money of(String amount) {
        return parse(amount, true);
    }

    /** The checked decimal behind {@link #parse}; used where a whole Money object is not needed. */
    public static BigDecimal parseDecimal(String text, boolean negativeAllowed) {
        return new BigDecimal(normalise(text, negativeAllowed)).setScale(2);
    }

    /**
     * Checks an amount as {@link #parse} does and returns it as plain decimal text with two
     * decimals and no thousands separators ({@code 1,234.5} → {@code 1234.50}); bulk imports use it
     * to avoid a BigDecimal per cell.
     */
    public static String normalise(String text, boolean negativeAllowed) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("amount is missing");
        }
        String s = text.strip();
        int len = s.length();
        int i = 0;
        if (s.charAt(0) == '-') {
            if (!negativeAllowed) {
                throw new InvalidValueException("negative amount not allowed here: " + Numbers.shorten(text));
            }
            i = 1;
        }
        boolean commas = false;
        int groupLen = -1; // digits since the last comma; -1 before any comma
        int intDigits = 0;
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                intDigits++;
                if (groupLen >= 0) {
                    groupLen++;
                }
            } else if (c == ',') {
                if (intDigits == 0 || (groupLen >= 0 && groupLen != 3) || (groupLen < 0 && intDigits > 3)) {
                    throw new InvalidValueException("misplaced thousands separator in amount: " + Numbers.shorten(text));
                }
                commas = true;
                groupLen = 0;
            } else if (c == '.') {
                break;
            } else {
                throw new InvalidValueException("not an amount: " + Numbers.shorten(text));
            }
        }
        if (intDigits == 0 || (groupLen >= 0 && groupLen != 3)) {
            throw new InvalidValueException("not an amount: " + Numbers.shorten(text));
        }
        if (intDigits > 16) {
            throw new InvalidValueException("amount too large (at most 16 digits before the point): " + Numbers.shorten(text));
        }
        int decimals = 0;
        if (i < len) { // fraction
            decimals = len - i - 1;
            if (decimals == 0) {
                throw new InvalidValueException("not an amount: " + Numbers.shorten(text));
            }
            for (int k = i + 1; k < len; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    throw new InvalidValueException("not an amount: " + Numbers.shorten(text));
                }
            }
            if (decimals > 2) {
                throw new InvalidValueException("at most 2 decimals allowed: " + Numbers.shorten(text));
            }
        }
        String plain = commas ? s.replace(",", "") : s;
        return decimals == 2 ? plain : decimals == 1 ? plain + "0" : plain + ".00";
    }

    /** True when a normalised amount is zero ({@code 0}, {@code 0.00}, {@code -0}). */
    public static boolean isZero(String normalised) {
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    @JsonValue
    public BigDecimal value() {
        return amount;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    @Override
    public int compareTo(Money o) {
        return amount.compareTo(o.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
