package io.parkcredit.financing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parkcredit.shared.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The cash-flow check 收支流水征信 (DOMAIN.md §7): grades a receivable from the seller's own
 * monthly IN flows and the debtor's standing. A pure function of its inputs; every factor carries
 * its points and the facts behind them.
 *
 * <p>Months are the 12 calendar months before the grading month, oldest first; a month without
 * flows is 0. The coefficient of variation is the sample standard deviation (n − 1) over the
 * mean; a zero mean scores 0, as does a zero mean inflow from the debtor.
 */
public final class CashFlowGrading {

    public static final int MONTHS = 12;
    public static final int EXCELLENT_FROM = 75;
    public static final int MIXED_FROM = 45;

    private CashFlowGrading() {
    }

    /**
     * One scored factor: stable code, points, and the facts in words; {@code underObjection} (an
     * addition, never stored, absent unless true) marks a factor whose list or grade has an objection
     * being handled (DOMAIN.md §8.2) where the request is shown.
     */
    public record Factor(String code, int points, String detail, Reason reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean underObjection) {

        public Factor(String code, int points, String detail, Reason reason) {
            this(code, points, detail, reason, null);
        }

        /** This factor marked as under objection. */
        public Factor markedUnderObjection() {
            return new Factor(code, points, detail, reason, Boolean.TRUE);
        }
    }

    /** The result: total score, grade, factors in table order. */
    public record Result(int score, Grade grade, List<Factor> factors) {
    }

    /**
     * What the check reads.
     *
     * @param amount            the receivable's amount
     * @param debtorConfirmed   whether the debtor confirmed the receivable
     * @param debtorInflow      per month (12, oldest first) the seller's IN total from the debtor
     * @param debtorInflowCount per month (12) the number of IN flows from the debtor
     * @param firmInflow        per month (12) the seller's IN total from anyone
     * @param debtorRed         the debtor is RED on its latest published list
     * @param debtorRating      the debtor's published rating valid on the grading day, or null
     * @param debtorListYear    the year of that list, for the facts (null when never listed)
     */
    public record Input(BigDecimal amount, boolean debtorConfirmed, double[] debtorInflow, long[] debtorInflowCount,
            double[] firmInflow, boolean debtorRed, String debtorRating, Integer debtorListYear) {
        public Input {
            if (debtorInflow.length != MONTHS || debtorInflowCount.length != MONTHS || firmInflow.length != MONTHS) {
                throw new IllegalArgumentException("grading needs " + MONTHS + " months of flows");
            }
        }
    }

    public static Result grade(Input in) {
        List<Factor> factors = new ArrayList<>();
        factors.add(confirmation(in.debtorConfirmed()));
        factors.add(debtorMonths(in.debtorInflowCount()));
        factors.add(amountCover(in.amount(), in.debtorInflow()));
        factors.add(stability(in.firmInflow()));
        factors.add(debtorStanding(in.debtorRed(), in.debtorRating(), in.debtorListYear()));
        int score = factors.stream().mapToInt(Factor::points).sum();
        return new Result(score, gradeOf(score), List.copyOf(factors));
    }

    public static Grade gradeOf(int score) {
        return score >= EXCELLENT_FROM ? Grade.EXCELLENT : score >= MIXED_FROM ? Grade.MIXED : Grade.POOR;
    }

    /** The route of a grade: excellent to banks, mixed first to guarantors, poor nowhere. */
    public static Route routeOf(Grade grade) {
        return switch (grade) {
            case EXCELLENT -> Route.BANKS;
            case MIXED -> Route.GUARANTORS;
            case POOR, REJECTED -> Route.NONE;
        };
    }

    static Factor confirmation(boolean confirmed) {
        return new Factor("DEBTOR_CONFIRMED", confirmed ? 30 : 0,
                confirmed ? "债务人已确认该应收账款" : "债务人尚未确认",
                Reason.of(confirmed ? "debtorConfirmed" : "debtorNotConfirmed"));
    }

    static Factor debtorMonths(long[] counts) {
        int months = 0;
        for (long c : counts) {
            if (c > 0) {
                months++;
            }
        }
        int points = months >= 6 ? 25 : months >= 3 ? 15 : months >= 1 ? 5 : 0;
        return new Factor("DEBTOR_FLOW_MONTHS", points, "近12个月中有" + months + "个月收到债务人回款",
                Reason.of("debtorFlowMonths", "months", months));
    }

    static Factor amountCover(BigDecimal amount, double[] debtorInflow) {
        // amount ≤ k × (sum / 3)  ⇔  3 × amount ≤ k × sum, compared exactly on the cents
        BigDecimal sum = BigDecimal.valueOf(debtorInflow[MONTHS - 3]).add(BigDecimal.valueOf(debtorInflow[MONTHS - 2]))
                .add(BigDecimal.valueOf(debtorInflow[MONTHS - 1]));
        if (sum.signum() <= 0) {
            return new Factor("AMOUNT_TO_DEBTOR_INFLOW", 0, "近3个月未收到债务人回款（月均为0）",
                    Reason.of("noDebtorInflow"));
        }
        BigDecimal thrice = amount.multiply(BigDecimal.valueOf(3));
        int points = thrice.compareTo(sum.multiply(BigDecimal.valueOf(2))) <= 0 ? 20
                : thrice.compareTo(sum.multiply(BigDecimal.valueOf(4))) <= 0 ? 10 : 0;
        BigDecimal mean = sum.divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_UP);
        BigDecimal ratio = thrice.divide(sum, 2, RoundingMode.HALF_UP);
        return new Factor("AMOUNT_TO_DEBTOR_INFLOW", points, "应收金额" + amount.toPlainString() + "为近3个月债务人月均回款"
                + mean.toPlainString() + "的" + ratio.toPlainString() + "倍",
                Reason.of("amountToDebtorInflow", "amount", amount, "mean", mean, "ratio", ratio));
    }

    static Factor stability(double[] firmInflow) {
        DescriptiveStatistics stats = new DescriptiveStatistics(firmInflow);
        double mean = stats.getMean();
        if (mean <= 0) {
            return new Factor("INFLOW_STABILITY", 0, "近12个月无收入流水（月均为0）", Reason.of("noInflow"));
        }
        double cv = stats.getStandardDeviation() / mean; // sample SD (n − 1)
        int points = cv <= 0.5 ? 15 : cv <= 1.0 ? 8 : 0;
        return new Factor("INFLOW_STABILITY", points, String.format(Locale.ROOT,
                "近12个月月度收入变异系数%.3f（月均%.2f）", cv, mean), Reason.of("inflowStability",
                "cv", String.format(Locale.ROOT, "%.3f", cv), "mean", String.format(Locale.ROOT, "%.2f", mean)));
    }

    static Factor debtorStanding(boolean red, String rating, Integer listYear) {
        boolean ratedHigh = "AAA".equals(rating) || "AA".equals(rating);
        if (red) {
            return new Factor("DEBTOR_STANDING", 10, "债务人在" + listYear + "年红名单",
                    Reason.of("debtorRed", "year", listYear));
        }
        if (ratedHigh) {
            return new Factor("DEBTOR_STANDING", 10, "债务人信用等级" + rating, Reason.of("debtorRated", "grade", rating));
        }
        return new Factor("DEBTOR_STANDING", 0, "债务人非红名单" + (rating == null ? "，无有效信用等级" : "，信用等级" + rating),
                Reason.of(rating == null ? "debtorUnrated" : "debtorNotRed", "grade", rating));
    }
}
