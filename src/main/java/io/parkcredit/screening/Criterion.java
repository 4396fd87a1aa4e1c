package io.parkcredit.screening;

import java.util.List;
import java.util.Objects;

/**
 * One screening criterion (DOMAIN.md §9), such as credit score, chain-gap fit, scale, growth or
 * innovation.
 *
 * @param code    stable code of the criterion, e.g. {@code CREDIT_SCORE}
 * @param benefit {@code true} when a larger value is better (benefit criterion), {@code false}
 *                when a smaller value is better (cost criterion)
 */
public record Criterion(String code, boolean benefit) {

    public Criterion {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("criterion code is blank");
        }
    }

    public static Criterion benefit(String code) {
        return new Criterion(code, true);
    }

    public static Criterion cost(String code) {
        return new Criterion(code, false);
    }

    /** The benefit flags of {@code criteria}, in order, as the ranking functions take them. */
    public static boolean[] benefitFlags(List<Criterion> criteria) {
        boolean[] b = new boolean[criteria.size()];
        for (int j = 0; j < b.length; j++) {
            b[j] = criteria.get(j).benefit();
        }
        return b;
    }
}
