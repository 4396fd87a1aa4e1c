package io.parkcredit.rating;

import io.parkcredit.rating.Qualification.Clause;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the rating API returns (records on the wire, never entities). */
public final class RatingViews {

    private RatingViews() {
    }

    /**
     * A rating application with every step's outcome so far; {@code underObjection}: the application's
     * result, or a record, loan or statement of the firm it is scored from, has an objection being
     * handled (DOMAIN.md §8.2).
     */
    public record ApplicationView(long id, String uscc, String name, String kind, String status, LocalDate appliedOn,
            String appliedBy, int fiscalYear, List<Clause> qualification, String reviewNote,
            Map<String, Double> onsiteScores, String evaluator, Integer modelVersion, BigDecimal score, String grade,
            RatingResult result, LocalDate scoredOn, LocalDate objectionDeadline, String objection,
            String objectionAnswer, String approvedBy, LocalDate approvedOn, LocalDate publicityUntil,
            LocalDate validFrom, LocalDate validUntil, LocalDate revokedOn, String revocationReason,
            boolean underObjection) {
    }

    /** A published grade, as every signed-in role may see it. */
    public record PublishedView(String uscc, String name, String grade, BigDecimal score, LocalDate validFrom,
            LocalDate validUntil, LocalDate revokedOn, boolean validToday, Long applicationId) {
    }

    /** The yearly review of the whole park. */
    public record ReviewView(long id, int year, int modelVersion, LocalDate evaluationDay, int firms,
            Map<String, Long> grades, long millis) {
    }

    /** One firm's yearly-review score. */
    public record ReviewResultView(String uscc, BigDecimal score, String grade, Map<String, BigDecimal> dimensions) {
    }
}
