package io.parkcredit.classification;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the classification of one firm reads (DOMAIN.md §4), gathered for the whole park by a few
 * set-based queries and handed to {@link ClassificationRules} as plain values.
 *
 * @param loans          the firm's loans started by D
 * @param events         the firm's negative events occurred by D (repaired or not)
 * @param inflow         the firm's IN flows in the {@code inflowDays} up to D
 * @param revenueYears   years among Y and the previous {@code whiteStatementYears} with revenue &gt; 0
 * @param rating         the published rating valid on D, or null
 */
public record FirmFacts(String uscc, String name, String status, LocalDate registeredOn, List<LoanFact> loans,
        List<EventFact> events, BigDecimal inflow, Set<Integer> revenueYears, RatingFact rating) {

    /** A loan as the clauses read it; {@code ref} is {@code lender/loanNo}. */
    public record LoanFact(String ref, BigDecimal principal, LocalDate start, LocalDate due, LocalDate settled) {
    }

    /** A negative event as the clauses read it; {@code ref} is {@code source/eventNo}. */
    public record EventFact(String ref, String type, String severity, LocalDate occurred, LocalDate repaired,
            String title) {
    }

    /** A published rating with its validity. */
    public record RatingFact(String grade, LocalDate validFrom, LocalDate validUntil) {
    }
}
