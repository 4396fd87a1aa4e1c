package io.parkcredit.enterprise;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Records the registry shows on the wire and on pages. Never entities. */
public final class EnterpriseViews {

    private EnterpriseViews() {
    }

    /**
     * Latest classification of a firm, when one is published (API.md); {@code underObjection} (an
     * addition): the result or a record, loan or statement it was decided from is under objection (§8.2).
     */
    public record ClassificationRef(int year, String list, boolean underObjection) {
    }

    /** Current rating of a firm, when one is published (API.md); {@code underObjection} as for the list (an addition). */
    public record RatingRef(String grade, BigDecimal score, LocalDate validUntil, boolean underObjection) {
    }

    /** The enterprise profile of API.md: the enterprises.csv fields plus classification and rating. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(String uscc, String name, LocalDate registeredOn, String industryCode,
            BigDecimal registeredCapital, Integer employees, EnterpriseStatus status, String contactName,
            String contactMobile, boolean inPark, String address, int patents, int softwareCopyrights,
            ClassificationRef classification, RatingRef rating, Boolean underObjection) {

        static Profile of(Enterprise e, boolean withContact) {
            return new Profile(e.uscc, e.name, e.registeredOn, e.industryCode, e.registeredCapital, e.employees,
                    e.status, withContact ? e.contactName : null,
                    withContact ? e.contactMobile : null, e.inPark, e.address, e.patents, e.softwareCopyrights,
                    null, null, null);
        }
    }

    public record LoanView(String lenderCode, String loanNo, BigDecimal principal, LocalDate startDate,
            LocalDate dueDate, LocalDate settledOn, boolean inArrears, long overdueDays, boolean underObjection) {

        static LoanView of(Loan l, LocalDate today, boolean underObjection) {
            return new LoanView(l.lenderCode, l.loanNo, l.principal, l.startDate, l.dueDate, l.settledOn,
                    l.inArrearsOn(today), l.overdueDaysOn(today), underObjection);
        }
    }

    public record EventView(String source, String eventNo, EventType type, String typeLabel, boolean negative,
            Severity severity, LocalDate occurredOn, BigDecimal amount, String grade, String title, String detail,
            LocalDate repairedOn, boolean counting, boolean underObjection) {

        static EventView of(CreditEvent e, LocalDate today, boolean underObjection) {
            return new EventView(e.source, e.eventNo, e.type, e.type.label(), e.type.negative(), e.severity,
                    e.occurredOn, e.amount, e.grade, e.title, e.detail, e.repairedOn, e.countsOn(today), underObjection);
        }
    }

    public record StatementView(int year, BigDecimal totalAssets, BigDecimal totalLiabilities,
            BigDecimal currentAssets, BigDecimal currentLiabilities, BigDecimal inventory, BigDecimal cash,
            BigDecimal accountsReceivable, BigDecimal equity, BigDecimal revenue, BigDecimal costOfSales,
            BigDecimal operatingProfit, BigDecimal netProfit, BigDecimal interestExpense,
            BigDecimal operatingCashFlow, BigDecimal retainedEarnings, BigDecimal rdExpense,
            BigDecimal contractsSigned, BigDecimal contractsFulfilled, boolean underObjection) {

        static StatementView of(FinancialStatement s, boolean underObjection) {
            return new StatementView(s.year, s.totalAssets, s.totalLiabilities, s.currentAssets,
                    s.currentLiabilities, s.inventory, s.cash, s.accountsReceivable, s.equity, s.revenue,
                    s.costOfSales, s.operatingProfit, s.netProfit, s.interestExpense, s.operatingCashFlow,
                    s.retainedEarnings, s.rdExpense, s.contractsSigned, s.contractsFulfilled, underObjection);
        }
    }

    /** Sum of a firm's IN and OUT flows in one calendar month ({@code 2025-03}). */
    public record MonthlyFlow(String month, BigDecimal inflow, BigDecimal outflow, long count) {
    }

    /** 履约: how the firm honours its loans, as of today. */
    public record Performance(int loans, int openLoans, int inArrears, long maxOverdueDays, int overdueOver30,
            BigDecimal outstandingPrincipal, Double onTimeRatio) {
    }

    /** 合规: negative records that count today, by severity, and positive records. */
    public record Compliance(int negativeCounting, Map<Severity, Integer> countingBySeverity, int repaired,
            int positive) {
    }

    /** 经营: a year of the operations trend. */
    public record YearFigures(int year, BigDecimal revenue, BigDecimal netProfit, BigDecimal operatingCashFlow,
            BigDecimal totalAssets, BigDecimal totalLiabilities, boolean underObjection) {
    }

    /** The credit portrait along 履约, 合规 and 经营, with the timeline behind it. */
    public record Portrait(Profile profile, LocalDate asOf, Performance performance, Compliance compliance,
            List<YearFigures> operations, List<MonthlyFlow> flows, List<TimelineItem> timeline, List<LoanView> loans,
            List<EventView> events) {
    }

    /** One dated line of the profile timeline: an event, a loan start, due date or settlement, a statement. */
    public record TimelineItem(LocalDate on, String kind, String title, String detail, String tone,
            io.parkcredit.shared.Reason titleReason, io.parkcredit.shared.Reason detailReason) {
    }
}
