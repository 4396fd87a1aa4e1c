package io.parkcredit.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkcredit.backtest.BacktestMath.Bucket;
import io.parkcredit.backtest.BacktestMath.CurvePoint;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The back-test measures (DOMAIN.md §10.4) on cases worked by hand, and against second computations. */
class BacktestMathTest {

    @Test
    void aucCountsPairsWithTiesHalf() {
        // good scores 3, 4; bad scores 1, 3: pairs (3>1) 1, (3=3) ½, (4>1) 1, (4>3) 1 → 3.5 / 4
        double[] score = {3, 4, 1, 3};
        boolean[] bad = {false, false, true, true};
        assertThat(BacktestMath.auc(score, bad)).isEqualTo(0.875);
    }

    @Test
    void aucIsOneWhenEveryGoodFirmScoresHigherAndZeroWhenLower() {
        assertThat(BacktestMath.auc(new double[] {90, 80, 20, 10}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(BacktestMath.auc(new double[] {90, 80, 20, 10}, new boolean[] {true, true, false, false})).isEqualTo(0.0);
        // all scores equal: every pair a tie
        assertThat(BacktestMath.auc(new double[] {5, 5, 5}, new boolean[] {true, false, false})).isEqualTo(0.5);
    }

    @Test
    void aucAndKsAreUndefinedWithoutBothOutcomes() {
        assertThat(BacktestMath.auc(new double[] {1, 2}, new boolean[] {false, false})).isNaN();
        assertThat(BacktestMath.ks(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
        assertThat(BacktestMath.auc(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void ksIsTheLargestGapBetweenTheCumulativeShares() {
        // sorted: 1 bad, 3 good, 3 bad, 4 good. At ≤1: bad ½, good 0 → ½; at ≤3: bad 1, good ½ → ½; at ≤4: 1, 1 → 0
        double[] score = {3, 4, 1, 3};
        boolean[] bad = {false, false, true, true};
        assertThat(BacktestMath.ks(score, bad)).isEqualTo(0.5);
        assertThat(BacktestMath.curve(score, bad)).containsExactly(new CurvePoint(Double.NEGATIVE_INFINITY, 0, 0),
                new CurvePoint(1, 0.5, 0), new CurvePoint(3, 1, 0.5), new CurvePoint(4, 1, 1));
        // bad 10, 20, 30; good 25, 40, 50: at ≤20 bad ⅔, good 0
        assertThat(BacktestMath.ks(new double[] {10, 20, 30, 25, 40, 50},
                new boolean[] {true, true, true, false, false, false})).isCloseTo(2.0 / 3, within(1e-15));
    }

    @Test
    void psiByHand() {
        // shares .5 .3 .2 → .4 .4 .2: (−.1)·ln(.8) + (.1)·ln(4/3) = 0.0223143551 + 0.0287682072
        assertThat(BacktestMath.psi(new long[] {50, 30, 20}, new long[] {40, 40, 20})).isCloseTo(0.0510825624, within(1e-9));
        // identical mixes: 0
        assertThat(BacktestMath.psi(new long[] {10, 20}, new long[] {1, 2})).isEqualTo(0.0);
        // an empty bin takes the floor 0.0001: (.5 − 1)·ln(.5) + (.5 − .0001)·ln(5000) = 0.3465735903 + 4.2577448764
        assertThat(BacktestMath.psi(new long[] {10, 0}, new long[] {5, 5})).isCloseTo(4.6043184667, within(1e-9));
        assertThat(BacktestMath.psi(new long[] {0, 0}, new long[] {5, 5})).isNaN();
    }

    @Test
    void breaksNameTheGradesWhoseBadRateDoesNotFall() {
        List<Bucket> worstFirst = List.of(new Bucket("C", 10, 5), new Bucket("B", 20, 4), new Bucket("A", 0, 0),
                new Bucket("AA", 10, 3), new Bucket("AAA", 5, 0));
        // C .5 → B .2 falls; A empty, skipped; AA .3 > B .2 breaks; AAA 0 < .3 falls
        assertThat(BacktestMath.breaks(worstFirst)).containsExactly("AA");
        assertThat(BacktestMath.breaks(List.of(new Bucket("C", 4, 2), new Bucket("B", 4, 2)))).isEmpty();
        assertThat(BacktestMath.breaks(List.of(new Bucket("C", 4, 1), new Bucket("B", 4, 2), new Bucket("A", 4, 3))))
                .containsExactly("B", "A");
    }

    /** Seeded firms with tied scores: the rank formula, the trapezoid under the ROC curve and all pairs agree. */
    @Test
    void aucByRanksEqualsTheTrapezoidRocAreaAndThePairCount() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 50 + r.nextInt(400);
            double[] score = new double[n];
            boolean[] bad = new boolean[n];
            for (int i = 0; i < n; i++) {
                score[i] = Math.round(r.nextDouble() * 30) + 50; // few distinct values: many ties
                bad[i] = r.nextDouble() < 0.6 - (score[i] - 50) / 60;
            }
            double ranks = BacktestMath.auc(score, bad);
            // trapezoids under the ROC curve (x: good share, y: bad share)
            List<CurvePoint> c = BacktestMath.curve(score, bad);
            double area = 0;
            for (int k = 1; k < c.size(); k++) {
                area += (c.get(k).goodShare() - c.get(k - 1).goodShare()) * (c.get(k).badShare() + c.get(k - 1).badShare()) / 2;
            }
            // every good-bad pair
            double pairs = 0;
            long nPairs = 0;
            double ks = 0;
            for (int i = 0; i < n; i++) {
                if (bad[i]) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (bad[j]) {
                        nPairs++;
                        pairs += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    }
                }
            }
            // KS by brute force over every score as threshold
            for (double t : score) {
                double b = 0, g = 0, nb = 0, ng = 0;
                for (int i = 0; i < n; i++) {
                    if (bad[i]) {
                        nb++;
                        b += score[i] <= t ? 1 : 0;
                    } else {
                        ng++;
                        g += score[i] <= t ? 1 : 0;
                    }
                }
                ks = Math.max(ks, Math.abs(b / nb - g / ng));
            }
            assertThat(ranks).as("seed " + seed).isCloseTo(area, within(1e-12)).isCloseTo(pairs / nPairs, within(1e-12));
            assertThat(ranks).as("seed " + seed + ": a score that separates").isGreaterThan(0.6);
            assertThat(BacktestMath.ks(score, bad)).as("seed " + seed).isCloseTo(ks, within(1e-12));
        }
    }
}
