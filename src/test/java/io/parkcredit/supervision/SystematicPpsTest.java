package io.parkcredit.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.parkcredit.shared.ProblemException;
import io.parkcredit.supervision.InspectorAssignment.Inspector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The unequal-probability draw of DOMAIN.md §10.1: exact inclusion probabilities, reproducible, fair inspectors. */
class SystematicPpsTest {

    @Test
    void probabilitiesAreProportionalAndAddUpToTheCount() {
        // weights 1, 1, 2, 4 for 2 firms: c = 2/8 → ¼, ¼, ½, 1 (the largest exactly certain)
        assertThat(SystematicPps.inclusionProbabilities(new double[] {1, 1, 2, 4}, 2)).containsExactly(0.25, 0.25, 0.5, 1.0);
        // weights 5, 1, 1, 1, 1, 1 for 3: c·5 = 15/10 > 1, so the first is certain and c = 2/5 over the rest
        assertThat(SystematicPps.inclusionProbabilities(new double[] {5, 1, 1, 1, 1, 1}, 3))
                .containsExactly(1.0, 0.4, 0.4, 0.4, 0.4, 0.4);
        // capping twice: 10, 9, 1, 1, 1, 1 for 3 → the two large ones certain, 1 of 4 for the rest
        assertThat(SystematicPps.inclusionProbabilities(new double[] {10, 9, 1, 1, 1, 1}, 3))
                .containsExactly(1.0, 1.0, 0.25, 0.25, 0.25, 0.25);
        assertThat(SystematicPps.inclusionProbabilities(new double[] {1, 2, 3}, 3)).containsExactly(1.0, 1.0, 1.0);
        assertThat(SystematicPps.inclusionProbabilities(new double[] {1, 2, 3}, 0)).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void theDrawIsReproducibleFromItsSeedAndDrawsExactlyN() {
        double[] pi = SystematicPps.inclusionProbabilities(weights(200, 7), 30);
        int[] a = SystematicPps.draw(pi, 42L);
        assertThat(a).hasSize(30).doesNotHaveDuplicates();
        assertThat(SystematicPps.draw(pi, 42L)).containsExactly(a);
        assertThat(SystematicPps.draw(pi, 43L)).isNotEqualTo(a);
    }

    /**
     * Over 20,000 seeded draws each firm's inclusion frequency lies within 4.5 standard errors of
     * its probability (for 60 firms, a false alarm has a chance under 1 in 2,000), certain firms are
     * always in, and each draw holds exactly n firms.
     */
    @Test
    void everyFirmIsDrawnAsOftenAsItsInclusionProbabilitySays() {
        double[] w = weights(60, 11);
        w[0] = 40; // certain after capping
        w[1] = 30;
        int n = 12;
        double[] pi = SystematicPps.inclusionProbabilities(w, n);
        assertThat(pi[0]).isEqualTo(1.0);
        assertThat(pi[1]).isEqualTo(1.0);
        assertThat(java.util.Arrays.stream(pi).sum()).isCloseTo(n, within(1e-9));
        int draws = 20_000;
        long[] hits = new long[w.length];
        SplittableRandom seeds = new SplittableRandom(2026);
        for (int d = 0; d < draws; d++) {
            int[] drawn = SystematicPps.draw(pi, seeds.nextLong());
            assertThat(drawn).hasSize(n);
            for (int i : drawn) {
                hits[i]++;
            }
        }
        List<String> off = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            double f = hits[i] / (double) draws;
            double se = Math.sqrt(pi[i] * (1 - pi[i]) / draws);
            if (Math.abs(f - pi[i]) > 4.5 * se + 1e-12) {
                off.add("firm " + i + ": π " + pi[i] + ", frequency " + f);
            }
        }
        assertThat(off).isEmpty();
        assertThat(hits[0]).isEqualTo(draws);
    }

    @Test
    void tiersTakeTheHighestApplicableWeightFromTheData() {
        Map<String, Double> defaults = Map.of("YELLOW", 5.0, "SERIOUS", 4.0, "GENERAL", 2.0, "NONE", 1.0, "WHITE", 0.75,
                "RED", 0.5);
        assertThat(Tiers.tier(new Tiers.Facts("YELLOW", "AAA", true, true), defaults)).isEqualTo("YELLOW");
        assertThat(Tiers.tier(new Tiers.Facts("RED", "AA", true, false), defaults)).isEqualTo("SERIOUS");
        assertThat(Tiers.tier(new Tiers.Facts("WHITE", "B", false, false), defaults)).isEqualTo("GENERAL");
        assertThat(Tiers.tier(new Tiers.Facts("WHITE", "A", false, true), defaults)).isEqualTo("GENERAL");
        assertThat(Tiers.tier(new Tiers.Facts(null, null, false, false), defaults)).isEqualTo("NONE");
        assertThat(Tiers.tier(new Tiers.Facts("NONE", "AAA", false, false), defaults)).isEqualTo("NONE");
        assertThat(Tiers.tier(new Tiers.Facts("WHITE", "AA", false, false), defaults)).isEqualTo("WHITE");
        assertThat(Tiers.tier(new Tiers.Facts("RED", "A", false, false), defaults)).isEqualTo("RED");
        // the weights are data: make the red tier the heaviest and a red firm with a general record is RED
        Map<String, Double> changed = new java.util.HashMap<>(defaults);
        changed.put("RED", 3.0);
        assertThat(Tiers.tier(new Tiers.Facts("RED", "A", false, true), changed)).isEqualTo("RED");
        assertThat(Tiers.tier(new Tiers.Facts("RED", "A", false, true), defaults)).isEqualTo("GENERAL");
    }

    @Test
    void twoInspectorsOfDifferentUnitsNeverTheLastOnes() {
        List<Inspector> pool = List.of(new Inspector("a1", "甲", "市监局"), new Inspector("a2", "乙", "市监局"),
                new Inspector("b1", "丙", "税务局"), new Inspector("c1", "丁", "应急局"));
        List<String> firms = new ArrayList<>();
        List<Set<String>> last = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            firms.add("F" + i);
            last.add(i % 2 == 0 ? Set.of("b1", "a1") : Set.of());
        }
        List<String[]> a = InspectorAssignment.assign(firms, last, pool, 7L);
        Map<String, String> unit = Map.of("a1", "市监局", "a2", "市监局", "b1", "税务局", "c1", "应急局");
        for (int i = 0; i < firms.size(); i++) {
            assertThat(unit.get(a.get(i)[0])).isNotEqualTo(unit.get(a.get(i)[1]));
            assertThat(last.get(i)).doesNotContain(a.get(i)[0], a.get(i)[1]);
        }
        assertThat(InspectorAssignment.assign(firms, last, pool, 7L)).usingRecursiveComparison().isEqualTo(a);
        // the last inspector of the only other unit leaves no pair
        assertThatThrownBy(() -> InspectorAssignment.assign(List.of("F"), List.of(Set.of("b1", "c1")), pool, 1L))
                .isInstanceOf(ProblemException.class).hasMessageContaining("F");
        Set<String> used = new HashSet<>();
        a.forEach(p -> used.addAll(List.of(p)));
        assertThat(used).containsExactlyInAnyOrder("a1", "a2", "b1", "c1");
    }

    private static double[] weights(int n, long seed) {
        double[] tiers = {5, 4, 2, 1, 0.75, 0.5};
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = tiers[r.nextInt(tiers.length)];
        }
        return w;
    }
}
