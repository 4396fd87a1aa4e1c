package io.parkcredit.policy;

import java.math.BigDecimal;
import java.util.List;

/**
 * A policy's eligibility as data (DOMAIN.md §10.2); every field optional, an absent one admits
 * every firm. {@code lists}: the firm's current published list (not listed counts as NONE);
 * {@code minGrade}: a valid published grade at least this; {@code industries}: GB/T 4754 code prefixes;
 * revenue of the latest statement and employees within the ranges (inclusive); {@code minYears}
 * registered at least that many years; {@code noSeriousMonths}: no counting SERIOUS record in that many months.
 */
public record Eligibility(List<String> lists, String minGrade, List<String> industries, BigDecimal revenueMin,
        BigDecimal revenueMax, Integer employeesMin, Integer employeesMax, Integer minYears, Integer noSeriousMonths) {
}
