package io.parkcredit.financing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firm's offer comparison on total cost over the term, on cases computed by hand. */
class OfferCostsTest {

    private static DealService.OfferView offer(long id, String amount, String rate, int days, String status) {
        return new DealService.OfferView(id, 1, "BANK" + id, new BigDecimal(amount), new BigDecimal(rate), days,
                LocalDate.of(2026, 12, 31), null, status, Instant.EPOCH);
    }

    @Test
    void withoutAGuaranteeTheCostIsTheInterest() {
        // 100,000 × 4.35% × 90 / 365 = 1,072.6027… → 1,072.60; 1,072.60 / 100,000 × 365 / 90 = 4.349988…%
        OfferCosts.OfferCost c = OfferCosts.compare(List.of(offer(1, "100000", "4.35", 90, "OPEN")), null, null).get(0);
        assertThat(c.interest()).isEqualByComparingTo("1072.60");
        assertThat(c.guaranteeFee()).isEqualByComparingTo("0.00");
        assertThat(c.totalCost()).isEqualByComparingTo("1072.60");
        assertThat(c.annualisedCost()).isEqualByComparingTo("4.3500");
        assertThat(c.cheapest()).isTrue();
    }

    @Test
    void theCheapestIsTheLowestAnnualisedCostOfTheOpenOffersNotTheLowestTotal() {
        // guarantee 80,000 at 1.5% a year
        List<OfferCosts.OfferCost> costs = OfferCosts.compare(List.of(
                offer(1, "100000", "4.00", 90, "OPEN"), // 986.30 + 295.89 = 1,282.19 → 5.2000%
                offer(2, "90000", "4.20", 60, "OPEN"), // 621.37 + 197.26 = 818.63 → 5.5333%
                offer(3, "100000", "3.00", 90, "CLOSED")), // 739.73 + 295.89 = 1,035.62 → 4.2000%, but closed
                new BigDecimal("80000"), new BigDecimal("1.5"));
        assertThat(costs).extracting(OfferCosts.OfferCost::interest).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("986.30"), new BigDecimal("621.37"), new BigDecimal("739.73"));
        assertThat(costs).extracting(OfferCosts.OfferCost::guaranteeFee).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("295.89"), new BigDecimal("197.26"), new BigDecimal("295.89"));
        assertThat(costs).extracting(OfferCosts.OfferCost::totalCost).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1282.19"), new BigDecimal("818.63"), new BigDecimal("1035.62"));
        assertThat(costs).extracting(OfferCosts.OfferCost::annualisedCost).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("5.2000"), new BigDecimal("5.5333"), new BigDecimal("4.2000"));
        assertThat(costs).extracting(OfferCosts.OfferCost::cheapest).containsExactly(true, false, false);
    }

    @Test
    void onEqualCostsTheEarlierOfferIsMarkedAndNoneWhenNoneIsOpen() {
        List<OfferCosts.OfferCost> tie = OfferCosts.compare(List.of(offer(7, "50000", "5", 30, "OPEN"),
                offer(5, "50000", "5", 30, "OPEN")), null, null);
        assertThat(tie).extracting(OfferCosts.OfferCost::cheapest).containsExactly(false, true);
        // 50,000 × 5% × 30 / 365 = 205.4794… → 205.48; 205.48 / 50,000 × 365 / 30 = 5.000013…%
        assertThat(tie.get(0).annualisedCost()).isEqualByComparingTo("5.0000");
        List<OfferCosts.OfferCost> closed = OfferCosts.compare(List.of(offer(1, "50000", "5", 30, "ACCEPTED")), null, null);
        assertThat(closed.get(0).cheapest()).isFalse();
    }
}
