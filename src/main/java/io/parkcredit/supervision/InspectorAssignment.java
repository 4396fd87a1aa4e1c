package io.parkcredit.supervision;

import io.parkcredit.shared.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Two inspectors of different units for each drawn firm (DOMAIN.md §10.1), never one who
 * inspected that firm last; the least loaded eligible inspectors first, ties broken by the plan's
 * seed, so the assignment is as reproducible as the draw.
 */
public final class InspectorAssignment {

    private InspectorAssignment() {
    }

    public record Inspector(String id, String name, String unit) {
    }

    /**
     * @param lastInspectors for each drawn firm, in draw order, the inspectors of its last inspection
     * @return for each drawn firm the two inspector ids
     */
    public static List<String[]> assign(List<String> firms, List<Set<String>> lastInspectors, List<Inspector> pool,
            long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] load = new int[pool.size()];
        List<String[]> out = new ArrayList<>(firms.size());
        for (int f = 0; f < firms.size(); f++) {
            Set<String> last = lastInspectors.get(f);
            int first = pick(pool, load, last, null, r);
            int second = first < 0 ? -1 : pick(pool, load, last, pool.get(first).unit(), r);
            if (second < 0) {
                throw ProblemException.conflict("inspectors-short", "no two inspectors of different units who did not"
                        + " inspect " + firms.get(f) + " last", "uscc", firms.get(f));
            }
            load[first]++;
            load[second]++;
            out.add(new String[] {pool.get(first).id(), pool.get(second).id()});
        }
        return out;
    }

    private static int pick(List<Inspector> pool, int[] load, Set<String> last, String otherUnit, SplittableRandom r) {
        int best = -1;
        int ties = 0;
        for (int i = 0; i < pool.size(); i++) {
            Inspector x = pool.get(i);
            if (last.contains(x.id()) || (otherUnit != null && otherUnit.equals(x.unit()))) {
                continue;
            }
            if (best < 0 || load[i] < load[best]) {
                best = i;
                ties = 1;
            } else if (load[i] == load[best] && r.nextInt(++ties) == 0) {
                best = i; // reservoir choice among the equally loaded
            }
        }
        return best;
    }
}
