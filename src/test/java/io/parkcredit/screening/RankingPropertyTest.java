package io.parkcredit.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkcredit.screening.Topsis.Ranking;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the ranking over a few hundred seeded random matrices (2–40 prospects, 1–8
 * criteria, some with zero weights, constant columns and duplicate rows).
 */
class RankingPropertyTest {

    static final int CASES = 400;

    record Case(double[][] x, boolean[] benefit, double[] weights, String[] keys) {
    }

    static Case randomCase(Random rnd) {
        int m = 2 + rnd.nextInt(39);
        int n = 1 + rnd.nextInt(8);
        double[][] x = new double[m][n];
        boolean[] benefit = new boolean[n];
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            benefit[j] = rnd.nextBoolean();
            w[j] = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble();
            double scale = Math.pow(10, rnd.nextInt(7) - 2);
            boolean constant = rnd.nextInt(10) == 0;
            boolean coarse = rnd.nextInt(4) == 0; // few distinct values, so ties happen
            for (int i = 0; i < m; i++) {
                x[i][j] = constant ? scale : coarse ? rnd.nextInt(3) * scale : rnd.nextDouble() * scale;
            }
        }
        if (m > 2 && rnd.nextBoolean()) {
            x[m - 1] = x[0].clone();
        }
        String[] keys = new String[m];
        for (int i = 0; i < m; i++) {
            keys[i] = "K" + rnd.nextInt(1_000_000) + "-" + i;
        }
        return new Case(x, benefit, w, keys);
    }

    @Test
    void aDominatingProspectRanksAbove() {
        Random rnd = new Random(20260601L);
        for (int t = 0; t < CASES; t++) {
            Case c = randomCase(rnd);
            int m = c.x().length;
            int n = c.benefit().length;
            double[] w = c.weights();
            if (Arrays.stream(w).allMatch(v -> v == 0)) {
                w[0] = 1;
            }
            // b is a copy of a, worse or equal on every criterion and strictly worse on one with weight > 0
            int a = rnd.nextInt(m);
            int b = (a + 1 + rnd.nextInt(m - 1)) % m;
            double[] worse = c.x()[a].clone();
            int strict = firstPositive(w, rnd.nextInt(n));
            for (int j = 0; j < n; j++) {
                double delta = j == strict ? 0.01 + rnd.nextDouble() : rnd.nextBoolean() ? 0 : rnd.nextDouble();
                worse[j] += c.benefit()[j] ? -delta : delta;
            }
            c.x()[b] = worse;

            Ranking r = Topsis.rank(c.x(), c.benefit(), w, c.keys());

            assertThat(r.closeness()[a]).as("case %d", t).isGreaterThan(r.closeness()[b]);
            assertThat(position(r, a)).as("case %d", t).isLessThan(position(r, b));
            for (int j = 0; j < n; j++) {
                assertThat(r.contributions()[a][j]).isGreaterThanOrEqualTo(r.contributions()[b][j]);
            }
        }
    }

    @Test
    void rankingIsInvariantToTheUnitOfACriterion() {
        Random rnd = new Random(7L);
        for (int t = 0; t < CASES; t++) {
            Case c = randomCase(rnd);
            int j = rnd.nextInt(c.benefit().length);
            double k = Math.pow(10, rnd.nextInt(9) - 4) * (0.5 + rnd.nextDouble());
            double[][] scaled = new double[c.x().length][];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = c.x()[i].clone();
                scaled[i][j] *= k;
            }

            Ranking r = Topsis.rank(c.x(), c.benefit(), c.weights(), c.keys());
            Ranking s = Topsis.rank(scaled, c.benefit(), c.weights(), c.keys());

            assertThat(s.closeness()).as("case %d", t).containsExactly(r.closeness(), within(1e-12));
            assertThat(sameOrderUpToRoundingTies(r, s)).as("case %d", t).isTrue();
            // so are entropy weights: min-max normalisation removes the unit
            assertThat(EntropyWeights.of(scaled, c.benefit()))
                    .containsExactly(EntropyWeights.of(c.x(), c.benefit()), within(1e-9));
        }
    }

    @Test
    void noNaNAndScoresInRange() {
        Random rnd = new Random(99L);
        for (int t = 0; t < CASES; t++) {
            Case c = randomCase(rnd);
            double[] e = EntropyWeights.of(c.x(), c.benefit());
            assertThat(TopsisTest.boxed(e)).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(Arrays.stream(e).sum()).isCloseTo(1.0, within(1e-12));

            double[] w = Weights.blend(e, c.weights(), rnd.nextDouble());
            Ranking r = Topsis.rank(c.x(), c.benefit(), w, c.keys());

            TopsisTest.assertNoNaN(r);
            for (int i = 0; i < c.x().length; i++) {
                for (int j = 0; j < w.length; j++) {
                    assertThat(r.contributions()[i][j]).isLessThanOrEqualTo(r.weights()[j] + 1e-12);
                }
            }
            int[] sorted = r.order().clone();
            Arrays.sort(sorted);
            assertThat(sorted).isEqualTo(java.util.stream.IntStream.range(0, c.x().length).toArray());
            // the order, by a comparator written here: closeness descending, then the key, then the row
            double[] cl = r.closeness();
            String[] keys = c.keys();
            int[] expected = java.util.stream.IntStream.range(0, c.x().length).boxed()
                    .sorted((p, q) -> cl[p] != cl[q] ? (cl[p] > cl[q] ? -1 : 1)
                            : keys != null && !keys[p].equals(keys[q]) ? keys[p].compareTo(keys[q]) : p - q)
                    .mapToInt(Integer::intValue).toArray();
            assertThat(r.order()).isEqualTo(expected);
        }
    }

    @Test
    void blendStaysBetweenItsInputs() {
        Random rnd = new Random(3L);
        for (int t = 0; t < CASES; t++) {
            int n = 1 + rnd.nextInt(8);
            double[] e = Weights.normalise(randomWeights(rnd, n));
            double[] m = Weights.normalise(randomWeights(rnd, n));
            double alpha = rnd.nextInt(5) == 0 ? rnd.nextInt(2) : rnd.nextDouble();

            double[] w = Weights.blend(e, m, alpha);

            assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, within(1e-12));
            for (int j = 0; j < n; j++) {
                assertThat(w[j]).isBetween(Math.min(e[j], m[j]) - 1e-12, Math.max(e[j], m[j]) + 1e-12);
                assertThat(w[j]).isCloseTo(alpha * e[j] + (1 - alpha) * m[j], within(1e-12));
            }
            assertThat(Weights.blend(e, m, 1)).containsExactly(e, within(1e-15));
            assertThat(Weights.blend(e, m, 0)).containsExactly(m, within(1e-15));
        }
    }

    static double[] randomWeights(Random rnd, int n) {
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            w[j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 100;
        }
        return w;
    }

    static int firstPositive(double[] w, int from) {
        for (int k = 0; k < w.length; k++) {
            int j = (from + k) % w.length;
            if (w[j] > 0) {
                return j;
            }
        }
        throw new AssertionError("no positive weight");
    }

    static int position(Ranking r, int index) {
        int[] o = r.order();
        for (int p = 0; p < o.length; p++) {
            if (o[p] == index) {
                return p;
            }
        }
        throw new AssertionError("index " + index + " not ranked");
    }

    /**
     * Same order, except that rows whose closeness differs by rounding only (|ΔC| < 1e-12), and so
     * may swap when a column is rescaled, are compared as one group.
     */
    static boolean sameOrderUpToRoundingTies(Ranking r, Ranking s) {
        int[] a = r.order();
        int[] b = s.order();
        for (int p = 0; p < a.length; p++) {
            if (a[p] != b[p] && Math.abs(r.closeness()[a[p]] - r.closeness()[b[p]]) >= 1e-12) {
                return false;
            }
        }
        return true;
    }
}
