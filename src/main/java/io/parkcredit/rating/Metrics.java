package io.parkcredit.rating;

import io.parkcredit.rating.RatingFacts.Event;
import io.parkcredit.rating.RatingFacts.LoanFact;
import io.parkcredit.rating.RatingFacts.Statement;
import io.parkcredit.rating.Ratios.Value;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Every quantitative metric of one firm on evaluation day D (DOMAIN.md §5): the ratios of
 * {@link Ratios} and the record counts. A negative event counts on D as in DOMAIN.md §4: it
 * occurred in (D − 36 months, D] and was not repaired by D (a repaired record does not count, §8).
 */
public final class Metrics {

    /** The record window of the integrity and responsibility indicators. */
    public static final int WINDOW_MONTHS = 36;
    static final int BAD_LOAN_DAYS = 90;

    private static final Set<String> LAWSUIT_TYPES = Set.of("LAWSUIT_DEFENDANT", "DISHONEST_DEBTOR");

    private Metrics() {
    }

    public static Map<Metric, Value> compute(RatingFacts f, LocalDate d) {
        Map<Metric, Value> m = new EnumMap<>(Metric.class);
        Statement cur = f.current();
        Statement prev = f.previous();
        m.put(Metric.REVENUE, cur == null || cur.revenue() == null ? Value.undefined("缺少营业收入", Ratios.missing("营业收入"))
                : Value.of(cur.revenue().doubleValue()));
        m.put(Metric.YEARS_IN_BUSINESS, f.registeredOn() == null ? Value.undefined("缺少成立日期", Ratios.missing("成立日期"))
                : Value.of(Math.max(0, ChronoUnit.DAYS.between(f.registeredOn(), d)) / 365.25));
        m.put(Metric.EQUITY_CHANGE, Ratios.equityChange(cur, prev));
        m.put(Metric.IP_COUNT, Value.of(f.patents() + f.softwareCopyrights()));
        m.put(Metric.RD_RATIO, Ratios.rdRatio(cur));
        m.put(Metric.DEBT_TO_ASSET, Ratios.debtToAsset(cur));
        m.put(Metric.INTEREST_COVER, Ratios.interestCover(cur));
        m.put(Metric.QUICK_RATIO, Ratios.quickRatio(cur));
        m.put(Metric.CASH_FLOW_TO_CURRENT_LIABILITIES, Ratios.cashFlowToCurrentLiabilities(cur));
        m.put(Metric.ASSET_TURNOVER, Ratios.assetTurnover(cur, prev));
        m.put(Metric.RECEIVABLE_TURNOVER, Ratios.receivableTurnover(cur, prev));
        m.put(Metric.CURRENT_ASSET_TURNOVER, Ratios.currentAssetTurnover(cur, prev));
        m.put(Metric.CASH_RECOVERY, Ratios.cashRecovery(cur, prev));
        m.put(Metric.ROE, Ratios.roe(cur, prev));
        m.put(Metric.ROA, Ratios.roa(cur, prev));
        m.put(Metric.SALES_MARGIN, Ratios.salesMargin(cur));
        m.put(Metric.COST_EXPENSE_MARGIN, Ratios.costExpenseMargin(cur));
        m.put(Metric.CAPITAL_RETURN, Ratios.capitalReturn(cur, f.registeredCapital()));
        m.put(Metric.SALES_GROWTH, Ratios.salesGrowth(cur, prev));
        m.put(Metric.CAPITAL_MAINTENANCE, Ratios.capitalMaintenance(cur, prev));
        m.put(Metric.PROFIT_GROWTH, Ratios.profitGrowth(cur, prev));
        m.put(Metric.ASSET_GROWTH, Ratios.assetGrowth(cur, prev));
        m.put(Metric.CONTRACT_FULFILMENT, Ratios.contractFulfilment(cur));

        LocalDate from = d.minusMonths(WINDOW_MONTHS);
        int quality = 0, safety = 0, penalties = 0, lawsuits = 0, complaints = 0, honors = 0, charity = 0, wages = 0,
                insurance = 0;
        Event tax = null;
        for (Event e : f.events()) {
            if (e.occurredOn().isAfter(d)) {
                continue;
            }
            if ("TAX_CREDIT_GRADE".equals(e.type())) {
                // the latest grade; of two given the same day, the worse one
                if (e.grade() != null && (tax == null || e.occurredOn().isAfter(tax.occurredOn())
                        || (e.occurredOn().equals(tax.occurredOn()) && taxPoints(e.grade()) < taxPoints(tax.grade())))) {
                    tax = e;
                }
                continue;
            }
            if (!e.occurredOn().isAfter(from) || (e.repairedOn() != null && !e.repairedOn().isAfter(d))) {
                continue;
            }
            switch (e.type()) {
                case "QUALITY_CHECK_FAILED" -> quality++;
                case "SAFETY_VIOLATION" -> safety++;
                case "ADMIN_PENALTY" -> penalties++;
                case "CONSUMER_COMPLAINT" -> complaints++;
                case "HONOR" -> honors++;
                case "CHARITY" -> charity++;
                case "WAGE_ARREARS" -> wages++;
                case "SOCIAL_INSURANCE_ARREARS" -> insurance++;
                default -> {
                    if (LAWSUIT_TYPES.contains(e.type())) {
                        lawsuits++;
                    }
                }
            }
        }
        m.put(Metric.QUALITY_FAILURES, Value.of(quality));
        m.put(Metric.SAFETY_VIOLATIONS, Value.of(safety));
        m.put(Metric.ADMIN_PENALTIES, Value.of(penalties));
        m.put(Metric.LAWSUITS, Value.of(lawsuits));
        m.put(Metric.COMPLAINTS, Value.of(complaints));
        m.put(Metric.HONORS, Value.of(honors));
        m.put(Metric.CHARITY, Value.of(charity));
        m.put(Metric.WAGE_ARREARS, Value.of(wages));
        m.put(Metric.SOCIAL_INSURANCE_ARREARS, Value.of(insurance));
        m.put(Metric.TAX_GRADE, tax == null ? Value.undefined("无纳税信用等级记录", io.parkcredit.shared.Reason.of("noTaxGrade")) : Value.of(taxPoints(tax.grade())));

        int used = 0, bad = 0;
        for (LoanFact l : f.loans()) {
            if (l.startDate().isAfter(from) && !l.startDate().isAfter(d)) {
                used++;
            }
            if (l.dueDate().isAfter(from) && l.dueDate().isBefore(d) && overdueDays(l, d) >= BAD_LOAN_DAYS) {
                bad++;
            }
        }
        m.put(Metric.CREDIT_PRODUCTS, Value.of(used));
        m.put(Metric.BAD_LOANS, Value.of(bad));
        return m;
    }

    /** The values by {@link Metric#ordinal()}, NaN where undefined (for peer groups and the yearly review). */
    public static double[] vector(Map<Metric, Value> m) {
        double[] v = new double[Metric.values().length];
        java.util.Arrays.fill(v, Double.NaN);
        m.forEach((k, x) -> v[k.ordinal()] = x.defined() ? x.value() : Double.NaN);
        return v;
    }

    /** Overdue days of a loan as seen on D (DOMAIN.md §3). */
    static long overdueDays(LoanFact l, LocalDate d) {
        LocalDate end = l.settledOn() == null || l.settledOn().isAfter(d) ? d : l.settledOn();
        return Math.max(0, ChronoUnit.DAYS.between(l.dueDate(), end));
    }

    static int taxPoints(String grade) {
        return switch (grade) {
            case "A" -> 4;
            case "B" -> 3;
            case "M" -> 2;
            case "C" -> 1;
            default -> 0;
        };
    }
}
