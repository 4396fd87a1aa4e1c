package io.parkcredit.financing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every band of every factor of the cash-flow check (DOMAIN.md §7) and the grade thresholds. */
class CashFlowGradingTest {

    @ParameterizedTest(name = "confirmed={0} → {1}")
    @CsvSource({"true, 30", "false, 0"})
    void debtorConfirmation(boolean confirmed, int points) {
        assertThat(CashFlowGrading.confirmation(confirmed).points()).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} months with a flow from the debtor → {1}")
    @CsvSource({"0, 0", "1, 5", "2, 5", "3, 15", "4, 15", "5, 15", "6, 25", "7, 25", "12, 25"})
    void monthsWithAFlowFromTheDebtor(int months, int points) {
        long[] counts = new long[12];
        for (int i = 0; i < months; i++) {
            counts[11 - 2 * i % 12 - (i >= 6 ? 1 : 0)] = 1 + i; // spread over the year, any count > 0 is a month
        }
        assertThat(Arrays.stream(counts).filter(c -> c > 0).count()).isEqualTo(months);
        CashFlowGrading.Factor f = CashFlowGrading.debtorMonths(counts);
        assertThat(f.points()).isEqualTo(points);
        assertThat(f.detail()).contains(months + "个月");
    }

    @ParameterizedTest(name = "amount {0} against a 3-month debtor mean of 1000 → {1}")
    @CsvSource({"1.00, 20", "2000.00, 20", "2000.01, 10", "4000.00, 10", "4000.01, 0", "1000000.00, 0"})
    void amountAgainstTheDebtorsMeanInflowOfTheLastThreeMonths(String amount, int points) {
        double[] debtor = new double[12];
        debtor[9] = 500;
        debtor[10] = 1500;
        debtor[11] = 1000; // mean 1000; older months never count
        debtor[0] = 1_000_000;
        assertThat(CashFlowGrading.amountCover(new BigDecimal(amount), debtor).points()).isEqualTo(points);
    }

    @Test
    void aZeroDebtorMeanScoresZeroEvenWithOlderInflows() {
        double[] debtor = new double[12];
        debtor[8] = 1_000_000; // four months back: outside the last 3
        CashFlowGrading.Factor f = CashFlowGrading.amountCover(new BigDecimal("1.00"), debtor);
        assertThat(f.points()).isZero();
        assertThat(f.detail()).contains("月均为0");
    }

    /**
     * Two alternating levels 1 ± d give a population CV of d and a sample CV of d·√(12/11); the
     * bands read the sample figure, so d = 0.49 (sample 0.512) already falls to 8 points.
     */
    @ParameterizedTest(name = "alternating 1 ± {0} → {1}")
    @CsvSource({"0, 15", "0.45, 15", "0.478, 15", "0.49, 8", "0.95, 8", "0.9570, 8", "0.9580, 0", "0.99, 0"})
    void coefficientOfVariationOfTheFirmsMonthlyInflowUsesTheSampleDeviation(double d, int points) {
        double[] firm = new double[12];
        for (int i = 0; i < 12; i++) {
            firm[i] = 1000 * (i % 2 == 0 ? 1 + d : 1 - d);
        }
        assertThat(CashFlowGrading.stability(firm).points()).isEqualTo(points);
    }

    @Test
    void emptyMonthsCountAsZeroInTheVariation() {
        double[] firm = new double[12];
        Arrays.fill(firm, 6, 12, 100); // six months of flows, six empty: CV = 1.044 > 1
        assertThat(CashFlowGrading.stability(firm).points()).isZero();
        Arrays.fill(firm, 1, 6, 100); // one empty month of 12: CV = 0.30
        assertThat(CashFlowGrading.stability(firm).points()).isEqualTo(15);
    }

    @Test
    void noInflowAtAllScoresZeroOnVariation() {
        CashFlowGrading.Factor f = CashFlowGrading.stability(new double[12]);
        assertThat(f.points()).isZero();
        assertThat(f.detail()).contains("月均为0");
    }

    @ParameterizedTest(name = "red={0} rating={1} → {2}")
    @CsvSource({"true, , 10", "false, AAA, 10", "false, AA, 10", "false, A, 0", "false, B, 0", "false, , 0",
            "true, C, 10"})
    void debtorIsRedOrRatedAaOrBetter(boolean red, String rating, int points) {
        assertThat(CashFlowGrading.debtorStanding(red, rating, 2025).points()).isEqualTo(points);
    }

    @ParameterizedTest(name = "{0} points → {1}")
    @CsvSource({"100, EXCELLENT", "75, EXCELLENT", "74, MIXED", "45, MIXED", "44, POOR", "0, POOR"})
    void gradeBands(int score, Grade grade) {
        assertThat(CashFlowGrading.gradeOf(score)).isEqualTo(grade);
    }

    @ParameterizedTest(name = "{0} routes to {1}")
    @CsvSource({"EXCELLENT, BANKS", "MIXED, GUARANTORS", "POOR, NONE", "REJECTED, NONE"})
    void routes(Grade grade, Route route) {
        assertThat(CashFlowGrading.routeOf(grade)).isEqualTo(route);
    }

    @Test
    void theWholeCheckAddsTheFactorsInTableOrderWithTheirFacts() {
        double[] debtor = new double[12];
        long[] counts = new long[12];
        for (int i = 0; i < 12; i++) {
            debtor[i] = 100_000;
            counts[i] = 2;
        }
        CashFlowGrading.Result r = CashFlowGrading.grade(new CashFlowGrading.Input(new BigDecimal("150000.00"), true,
                debtor, counts, debtor.clone(), false, "AA", null));
        assertThat(r.factors()).extracting(CashFlowGrading.Factor::code).containsExactly("DEBTOR_CONFIRMED",
                "DEBTOR_FLOW_MONTHS", "AMOUNT_TO_DEBTOR_INFLOW", "INFLOW_STABILITY", "DEBTOR_STANDING");
        assertThat(r.factors()).extracting(CashFlowGrading.Factor::points).containsExactly(30, 25, 20, 15, 10);
        assertThat(r.score()).isEqualTo(100);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
        assertThat(r.factors().get(2).detail()).contains("1.50倍");

        CashFlowGrading.Result unconfirmed = CashFlowGrading.grade(new CashFlowGrading.Input(new BigDecimal("150000.00"),
                false, debtor, counts, debtor.clone(), false, null, null));
        assertThat(unconfirmed.score()).isEqualTo(60);
        assertThat(unconfirmed.grade()).isEqualTo(Grade.MIXED);
    }
}
