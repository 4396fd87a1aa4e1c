package io.parkcredit.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.parkcredit.screening.Topsis.Ranked;
import io.parkcredit.screening.Topsis.Ranking;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopsisTest {

    static final boolean B = true;  // benefit: larger is better
    static final boolean K = false; // cost: smaller is better

    @Test
    void handComputedExample() {
        // given three prospects on a benefit criterion (growth) and a cost criterion (debt), weights 0.6 / 0.4
        double[][] x = {
            {3, 4}, // A
            {4, 0}, // B
            {0, 3}, // C
        };
        // column norms: sqrt(9 + 16 + 0) = 5, sqrt(16 + 0 + 9) = 5
        // r = x / 5:        A (0.6, 0.8)    B (0.8, 0)   C (0, 0.6)
        // v = w * r:        A (0.36, 0.32)  B (0.48, 0)  C (0, 0.24)
        // A+ = (max 0.48, min 0) ; A- = (min 0, max 0.32)
        // A: D+ = sqrt(0.12² + 0.32²) = sqrt(0.1168) = 0.341760 ; D- = sqrt(0.36² + 0²) = 0.36
        //    C = 0.36 / 0.701760 = 0.512996
        // B: D+ = 0 ; D- = sqrt(0.48² + 0.32²) = 0.576888 ; C = 1
        // C: D+ = sqrt(0.48² + 0.24²) = 0.536656 ; D- = sqrt(0² + 0.08²) = 0.08 ; C = 0.08 / 0.616656 = 0.129732
        // contributions w_j (x - worst) / (best - worst):
        //    A: 0.6 · 3/4 = 0.45, 0.4 · (4-4)/(4-0) = 0 ; B: 0.6, 0.4 ; C: 0, 0.4 · (4-3)/4 = 0.1

        // when
        Ranking r = Topsis.rank(x, new boolean[] {B, K}, new double[] {0.6, 0.4}, new String[] {"A", "B", "C"});

        // then
        assertThat(r.closeness()).containsExactly(new double[] {0.512996, 1.0, 0.129732}, within(1e-6));
        assertThat(r.order()).containsExactly(1, 0, 2);
        assertThat(r.contributions()[0]).containsExactly(new double[] {0.45, 0.0}, within(1e-12));
        assertThat(r.contributions()[1]).containsExactly(new double[] {0.6, 0.4}, within(1e-12));
        assertThat(r.contributions()[2]).containsExactly(new double[] {0.0, 0.1}, within(1e-12));
        assertThat(r.top(2)).extracting(Ranked::rank, Ranked::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "B"), org.assertj.core.groups.Tuple.tuple(2, "A"));
    }

    /**
     * The fighter-aircraft example of C.-L. Hwang and K. Yoon, <i>Multiple Attribute Decision
     * Making: Methods and Applications — A State-of-the-Art Survey</i>, Lecture Notes in Economics
     * and Mathematical Systems 186, Springer, Berlin, 1981 (the running example of the book, used
     * for TOPSIS in its section on the method). Four aircraft on six attributes: maximum speed
     * (Mach), ferry range (NM), maximum payload (lb), purchasing cost (10^6 $, the only cost
     * attribute), reliability and maneuverability (qualitative, on the book's 1–9 interval scale),
     * with weights w = (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
     *
     * <p>Recomputed independently in plain double arithmetic outside this code base (the book
     * rounds at intermediate steps, so its printed figures may differ in the last decimal); the
     * order is A1 > A3 > A4 > A2:
     * <pre>
     *        D+        D-        C
     *   A1   0.054557  0.098383  0.643277
     *   A2   0.119679  0.043903  0.268384
     *   A3   0.057977  0.092044  0.613542
     *   A4   0.100937  0.045836  0.312291
     * </pre>
     * A+ = (0.1168, 0.0659, 0.0531, 0.0415, 0.1347, 0.2012),
     * A- = (0.0841, 0.0366, 0.0455, 0.0599, 0.0577, 0.1118).
     */
    @Test
    void hwangYoonFighterAircraft() {
        double[][] x = {
            {2.0, 1500, 20000, 5.5, 5, 9},
            {2.5, 2700, 18000, 6.5, 3, 5},
            {1.8, 2000, 21000, 4.5, 7, 7},
            {2.2, 1800, 20000, 5.0, 5, 5},
        };
        boolean[] benefit = {B, B, B, K, B, B};
        double[] w = {0.2, 0.1, 0.1, 0.1, 0.2, 0.3};

        Ranking r = Topsis.rank(x, benefit, w, new String[] {"A1", "A2", "A3", "A4"});

        assertThat(r.closeness()).containsExactly(new double[] {0.6433, 0.2684, 0.6135, 0.3123}, within(5e-5));
        assertThat(r.order()).containsExactly(0, 2, 3, 1);
        // A1 is best on maneuverability (w 0.3), worst on ferry range
        assertThat(r.contributions()[0]).containsExactly(
                new double[] {0.0571, 0.0, 0.0667, 0.05, 0.1, 0.3}, within(5e-5));
    }

    @Test
    void constantCriterionIsIgnored() {
        // the constant middle column gives A+_j = A-_j: it moves no distance and contributes 0
        double[][] x = {{1, 7, 10}, {2, 7, 30}, {3, 7, 20}};
        double[][] without = {{1, 10}, {2, 30}, {3, 20}};

        Ranking r = Topsis.rank(x, new boolean[] {B, B, K}, new double[] {1, 1, 1}, null);
        Ranking ref = Topsis.rank(without, new boolean[] {B, K}, new double[] {1, 1}, null);

        assertThat(r.order()).containsExactly(ref.order());
        for (int i = 0; i < 3; i++) {
            assertThat(r.contributions()[i][1]).isZero();
        }
        assertNoNaN(r);
    }

    @Test
    void singleProspect() {
        Ranking r = Topsis.rank(new double[][] {{5, 3, 0}}, new boolean[] {B, K, B}, new double[] {1, 2, 3},
                new String[] {"only"});

        assertThat(r.closeness()).containsExactly(0.5);
        assertThat(r.order()).containsExactly(0);
        assertThat(r.contributions()[0]).containsExactly(0, 0, 0);
        assertThat(r.top(10)).hasSize(1);
    }

    @Test
    void allZeroWeightsMeanEqualWeights() {
        double[][] x = {{1, 9}, {2, 5}, {4, 1}};
        boolean[] benefit = {B, B};

        Ranking zero = Topsis.rank(x, benefit, new double[] {0, 0}, null);
        Ranking equal = Topsis.rank(x, benefit, new double[] {1, 1}, null);

        assertThat(zero.weights()).containsExactly(0.5, 0.5);
        assertThat(zero.closeness()).containsExactly(equal.closeness());
        assertNoNaN(zero);
    }

    @Test
    void zeroWeightOnOneCriterionDropsIt() {
        double[][] x = {{1, 9}, {2, 5}, {4, 1}};

        Ranking r = Topsis.rank(x, new boolean[] {B, B}, new double[] {1, 0}, null);

        assertThat(r.order()).containsExactly(2, 1, 0);
        assertThat(r.closeness()).containsExactly(new double[] {0, 1.0 / 3, 1}, within(1e-12));
        for (double[] c : r.contributions()) {
            assertThat(c[1]).isZero();
        }
    }

    @Test
    void identicalAlternativesAreTiedAtOneHalfAndOrderedByKey() {
        double[][] x = {{3, 4, 5}, {3, 4, 5}, {3, 4, 5}};

        Ranking r = Topsis.rank(x, new boolean[] {B, K, B}, new double[] {1, 1, 1}, new String[] {"c", "a", "b"});

        assertThat(r.closeness()).containsExactly(0.5, 0.5, 0.5);
        assertThat(r.order()).containsExactly(1, 2, 0);
        assertNoNaN(r);
    }

    @Test
    void tiesOnClosenessAreBrokenByKeyWhateverTheInputOrder() {
        // rows 0 and 2 are identical, so C is identical; the key decides
        double[][] x = {{2, 2}, {1, 1}, {2, 2}, {3, 3}};
        Ranking r = Topsis.rank(x, new boolean[] {B, B}, new double[] {1, 1}, new String[] {"z", "m", "a", "q"});
        double[][] swapped = {x[2], x[1], x[0], x[3]};
        Ranking s = Topsis.rank(swapped, new boolean[] {B, B}, new double[] {1, 1}, new String[] {"a", "m", "z", "q"});

        assertThat(keysInOrder(r)).containsExactly("q", "a", "z", "m");
        assertThat(keysInOrder(s)).containsExactly("q", "a", "z", "m");
    }

    @Test
    void zeroColumnGivesZeroNotNaN() {
        // a column of zeros has norm 0: r_ij = 0, A+ = A- = 0
        double[][] x = {{0, 1}, {0, 2}, {0, 3}};

        Ranking r = Topsis.rank(x, new boolean[] {B, K}, new double[] {0.5, 0.5}, null);

        assertNoNaN(r);
        assertThat(r.order()).containsExactly(0, 1, 2);
        assertThat(r.closeness()).containsExactly(new double[] {1, 0.5, 0}, within(1e-12));
    }

    @Test
    void largerAndMixedSignValuesStayFinite() {
        double[][] x = {{-5, 1e12, 0}, {5, -1e12, 0}, {0, 0, 0}};
        Ranking r = Topsis.rank(x, new boolean[] {B, K, B}, new double[] {1, 1, 1}, null);
        assertNoNaN(r);
        assertThat(r.order()).containsExactly(1, 2, 0);
    }

    @Test
    void rejectsBadInput() {
        boolean[] b = {B, B};
        assertThatThrownBy(() -> Topsis.rank(new double[][] {{1, Double.NaN}}, b, new double[] {1, 1}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topsis.rank(new double[][] {{1, 2}, {1}}, b, new double[] {1, 1}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topsis.rank(new double[][] {{1, 2}}, b, new double[] {1, -1}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topsis.rank(new double[][] {{1, 2}}, b, new double[] {1}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topsis.rank(new double[0][], b, new double[] {1, 1}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topsis.rank(new double[][] {{1, 2}}, b, new double[] {1, 1}, new String[] {"a", "b"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topIsAPrefixOfTheOrder() {
        double[][] x = {{1, 1}, {4, 4}, {2, 2}, {3, 3}};
        Ranking r = Topsis.rank(x, new boolean[] {B, B}, new double[] {1, 1}, new String[] {"w", "x", "y", "z"});

        List<Ranked> top = r.top(2);

        assertThat(top).extracting(Ranked::index).containsExactly(1, 3);
        assertThat(top.get(0).closeness()).isEqualTo(1.0);
        assertThat(r.top(0)).isEmpty();
        assertThat(r.top(99)).hasSize(4);
    }

    static List<String> keysInOrder(Ranking r) {
        return java.util.Arrays.stream(r.order()).mapToObj(i -> r.keys()[i]).toList();
    }

    static void assertNoNaN(Ranking r) {
        assertThat(boxed(r.closeness())).allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0));
        for (double[] c : r.contributions()) {
            assertThat(boxed(c)).allSatisfy(v -> assertThat(v).isFinite().isGreaterThanOrEqualTo(0.0));
        }
        assertThat(boxed(r.weights())).allSatisfy(v -> assertThat(v).isFinite());
    }

    static List<Double> boxed(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
