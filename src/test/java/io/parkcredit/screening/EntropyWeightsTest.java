package io.parkcredit.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EntropyWeightsTest {

    @Test
    void handComputedExample() {
        // given a benefit, a cost and a constant criterion over three prospects
        double[][] x = {
            {1, 10, 5},
            {2, 20, 5},
            {3, 40, 5},
        };
        boolean[] benefit = {true, false, true};
        // column 1 (benefit, min 1, max 3): x' = (0, 0.5, 1), S = 1.5, p = (0, 1/3, 2/3)
        //   Σ p ln p = (1/3) ln(1/3) + (2/3) ln(2/3) = -0.366204 - 0.270310 = -0.636514
        //   e = 0.636514 / ln 3 (1.098612) = 0.579380 ; d = 0.420620
        // column 2 (cost, min 10, max 40): x' = (40 - x) / 30 = (1, 2/3, 0), S = 5/3, p = (0.6, 0.4, 0)
        //   Σ p ln p = 0.6 ln 0.6 + 0.4 ln 0.4 = -0.306495 - 0.366516 = -0.673012
        //   e = 0.673012 / 1.098612 = 0.612602 ; d = 0.387398
        // column 3 (constant): x' = 0, S = 0, d = 0
        // Σ d = 0.808018 ; w = (0.520557, 0.479443, 0)

        double[] w = EntropyWeights.of(x, benefit);

        assertThat(w).containsExactly(new double[] {0.520557, 0.479443, 0.0}, within(1e-6));
    }

    @Test
    void theWorstProspectContributesNothing() {
        // min-max normalisation maps each column's worst value to 0, so with two prospects the
        // distribution is (1, 0) on every non-constant column: e = 0, d = 1 for each
        double[][] x = {{1, 100}, {2, 900}};

        assertThat(EntropyWeights.of(x, new boolean[] {true, false})).containsExactly(0.5, 0.5);
    }

    @Test
    void constantColumnGetsWeightZero() {
        double[][] x = {{4, 1, 7}, {4, 3, 2}, {4, 8, 2}, {4, 2, 9}};

        double[] w = EntropyWeights.of(x, new boolean[] {true, true, false});

        assertThat(w[0]).isZero();
        assertThat(w[1] + w[2]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void singleAlternativeGivesEqualWeights() {
        double[] w = EntropyWeights.of(new double[][] {{3, 0, -2, 8}}, new boolean[] {true, false, true, true});

        assertThat(w).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void allColumnsConstantGivesEqualWeights() {
        double[] w = EntropyWeights.of(new double[][] {{1, 2}, {1, 2}, {1, 2}}, new boolean[] {true, false});

        assertThat(w).containsExactly(0.5, 0.5);
    }

    @Test
    void aMoreDispersedCriterionWeighsMore() {
        // column 1: one outlier carries it all (low entropy); column 2: evenly spread (high entropy)
        double[][] x = {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {10, 4}};

        double[] w = EntropyWeights.of(x, new boolean[] {true, true});

        assertThat(w[0]).isGreaterThan(w[1]);
    }

    @Test
    void weightsSumToOne() {
        // the fighter-aircraft data of Hwang & Yoon (1981), see TopsisTest: with the oriented min-max
        // normalisation used here the weights are (0.1559, 0.1739, 0.1191, 0.1261, 0.1343, 0.2906)
        double[][] x = {
            {2.0, 1500, 20000, 5.5, 5, 9},
            {2.5, 2700, 18000, 6.5, 3, 5},
            {1.8, 2000, 21000, 4.5, 7, 7},
            {2.2, 1800, 20000, 5.0, 5, 5},
        };

        double[] w = EntropyWeights.of(x, new boolean[] {true, true, true, false, true, true});

        assertThat(w).containsExactly(new double[] {0.1559, 0.1739, 0.1191, 0.1261, 0.1343, 0.2906}, within(5e-5));
        assertThat(w[0] + w[1] + w[2] + w[3] + w[4] + w[5]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsNonFiniteValues() {
        assertThatThrownBy(() -> EntropyWeights.of(new double[][] {{1}, {Double.POSITIVE_INFINITY}}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
