package io.parkcredit.rating;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the rating of one firm reads (DOMAIN.md §5): registration, the statements of the fiscal
 * year and the year before, the credit events and loans of the last 36 months. Plain values, so
 * the metrics and the scoring are pure functions.
 */
public record RatingFacts(String uscc, String name, String industryCode, LocalDate registeredOn,
        BigDecimal registeredCapital, int patents, int softwareCopyrights, Statement current, Statement previous,
        List<Event> events, List<LoanFact> loans) {

    /** One year's statement; any figure may be missing (null). */
    public record Statement(int year, BigDecimal totalAssets, BigDecimal totalLiabilities, BigDecimal currentAssets,
            BigDecimal currentLiabilities, BigDecimal inventory, BigDecimal accountsReceivable, BigDecimal equity,
            BigDecimal revenue, BigDecimal costOfSales, BigDecimal operatingProfit, BigDecimal netProfit,
            BigDecimal interestExpense, BigDecimal operatingCashFlow, BigDecimal rdExpense,
            BigDecimal contractsSigned, BigDecimal contractsFulfilled) {
    }

    /** A credit event with what decides whether it counts. */
    public record Event(String type, String severity, LocalDate occurredOn, LocalDate repairedOn, String grade) {
    }

    public record LoanFact(LocalDate startDate, LocalDate dueDate, LocalDate settledOn) {
    }

    /** The peer group of percentile rules: GB/T 4754 section letter and division (e.g. {@code C31}). */
    public String industryGroup() {
        return industryCode == null || industryCode.length() < 3 ? "?" : industryCode.substring(0, 3);
    }
}
