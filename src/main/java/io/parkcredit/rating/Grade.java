package io.parkcredit.rating;

import java.math.BigDecimal;

/**
 * The five credit grades of DOMAIN.md §5 (seed 002 第十一条) with the lower bound of each, inclusive.
 * A score below 10 earns no grade.
 */
public enum Grade {
    AAA(90, "信用极好"),
    AA(80, "信用优良"),
    A(70, "信用较好"),
    B(50, "信用一般"),
    C(10, "信用较差");

    private final int lowerBound;
    private final String meaning;

    Grade(int lowerBound, String meaning) {
        this.lowerBound = lowerBound;
        this.meaning = meaning;
    }

    public int lowerBound() {
        return lowerBound;
    }

    public String meaning() {
        return meaning;
    }

    /** The grade of a score (rounded to 2 decimals first), or null below 10. */
    public static Grade of(BigDecimal score) {
        for (Grade g : values()) {
            if (score.compareTo(BigDecimal.valueOf(g.lowerBound)) >= 0) {
                return g;
            }
        }
        return null;
    }

    /** The next grade up, or null for AAA. */
    public static Grade above(Grade g) {
        if (g == null) {
            return C;
        }
        return g.ordinal() == 0 ? null : values()[g.ordinal() - 1];
    }

    /** Whether this grade is {@code other} or better. */
    public boolean atLeast(Grade other) {
        return ordinal() <= other.ordinal();
    }
}
