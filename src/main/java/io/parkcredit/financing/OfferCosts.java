package io.parkcredit.financing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The firm's comparison of offers on the total cost of the financing over its term (README,
 * "Workbench"), a pure rule:
 * <ul>
 * <li>interest = amount × rate / 100 × term days / 365;</li>
 * <li>guarantee fee = guaranteed amount × yearly fee rate / 100 × term days / 365 (0 without a guarantee);</li>
 * <li>total cost = interest + guarantee fee (each rounded to the cent);</li>
 * <li>annualised cost (% a year) = total cost / amount × 365 / term days × 100, to 4 decimals.</li>
 * </ul>
 * The cheapest is the open offer with the lowest annualised cost (then the lowest total cost, then
 * the earliest offer); comparing annualised costs puts offers of different amounts and terms on
 * one scale.
 */
public final class OfferCosts {

    private static final BigDecimal DAYS = BigDecimal.valueOf(365);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private OfferCosts() {
    }

    /** One offer with its cost; {@code cheapest} marks the one to prefer among the open offers. */
    public record OfferCost(long offerId, String institutionCode, String status, BigDecimal amount, BigDecimal rate,
            int termDays, BigDecimal interest, BigDecimal guaranteeFee, BigDecimal totalCost, BigDecimal annualisedCost,
            boolean cheapest) {
    }

    public static BigDecimal interest(BigDecimal amount, BigDecimal rate, int termDays) {
        return amount.multiply(rate).multiply(BigDecimal.valueOf(termDays))
                .divide(HUNDRED.multiply(DAYS), 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal guaranteeFee(BigDecimal guaranteed, BigDecimal feeRate, int termDays) {
        if (guaranteed == null || feeRate == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        return guaranteed.multiply(feeRate).multiply(BigDecimal.valueOf(termDays))
                .divide(HUNDRED.multiply(DAYS), 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal annualised(BigDecimal totalCost, BigDecimal amount, int termDays) {
        return totalCost.multiply(DAYS).multiply(HUNDRED)
                .divide(amount.multiply(BigDecimal.valueOf(termDays)), 4, RoundingMode.HALF_UP);
    }

    /** The offers with their costs, in the given order, the cheapest open one marked. */
    public static List<OfferCost> compare(List<DealService.OfferView> offers, BigDecimal guaranteed, BigDecimal feeRate) {
        List<OfferCost> costs = new ArrayList<>();
        for (DealService.OfferView o : offers) {
            BigDecimal interest = interest(o.amount(), o.rate(), o.termDays());
            BigDecimal fee = guaranteeFee(guaranteed, feeRate, o.termDays());
            BigDecimal total = interest.add(fee);
            costs.add(new OfferCost(o.id(), o.institutionCode(), o.status(), o.amount(), o.rate(), o.termDays(), interest,
                    fee, total, annualised(total, o.amount(), o.termDays()), false));
        }
        OfferCost best = costs.stream().filter(c -> "OPEN".equals(c.status()))
                .min(Comparator.comparing(OfferCost::annualisedCost).thenComparing(OfferCost::totalCost)
                        .thenComparingLong(OfferCost::offerId))
                .orElse(null);
        if (best == null) {
            return costs;
        }
        return costs.stream().map(c -> c == best ? new OfferCost(c.offerId(), c.institutionCode(), c.status(), c.amount(),
                c.rate(), c.termDays(), c.interest(), c.guaranteeFee(), c.totalCost(), c.annualisedCost(), true) : c)
                .toList();
    }
}
