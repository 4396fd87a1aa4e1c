package io.parkcredit.rating;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The distributions that percentile rules compare a firm with: every defined value of each metric
 * among the park firms of an industry group (GB/T 4754 division), and park-wide for groups with
 * fewer than {@code minPeers} firms having the value. Medians (shown in the reasons) come from
 * Commons Math's {@link Percentile}.
 */
public final class PeerStats {

    private final int minPeers;
    private final Map<String, Map<Metric, double[]>> byGroup = new HashMap<>();
    private final Map<Metric, double[]> park = new EnumMap<>(Metric.class);
    private final Map<double[], Double> medians = new java.util.IdentityHashMap<>();

    /** One firm's group and metric values by {@link Metric#ordinal()}, NaN where undefined. */
    public record Member(String group, double[] values) {
    }

    public PeerStats(List<Member> members, List<Metric> metrics, int minPeers) {
        this.minPeers = minPeers;
        for (Metric m : metrics) {
            Map<String, double[]> buf = new HashMap<>();
            Map<String, Integer> sizes = new HashMap<>();
            double[] all = new double[members.size()];
            int n = 0;
            for (Member mem : members) {
                double v = mem.values()[m.ordinal()];
                if (!Double.isNaN(v)) {
                    all[n++] = v;
                    double[] g = buf.computeIfAbsent(mem.group(), k -> new double[8]);
                    int size = sizes.getOrDefault(mem.group(), 0);
                    if (size == g.length) {
                        g = Arrays.copyOf(g, size * 2);
                        buf.put(mem.group(), g);
                    }
                    g[size] = v;
                    sizes.put(mem.group(), size + 1);
                }
            }
            double[] sortedAll = Arrays.copyOf(all, n);
            Arrays.sort(sortedAll);
            park.put(m, sortedAll);
            buf.forEach((group, values) -> {
                double[] sorted = Arrays.copyOf(values, sizes.get(group));
                Arrays.sort(sorted);
                byGroup.computeIfAbsent(group, k -> new EnumMap<>(Metric.class)).put(m, sorted);
            });
        }
    }

    /** The peers of a firm's group for a metric: the group when large enough, else the park. */
    double[] peers(String group, Metric m) {
        double[] g = byGroup.getOrDefault(group, Map.of()).get(m);
        if (g != null && g.length >= minPeers) {
            return g;
        }
        return park.getOrDefault(m, new double[0]);
    }

    boolean groupSized(String group, Metric m) {
        double[] g = byGroup.getOrDefault(group, Map.of()).get(m);
        return g != null && g.length >= minPeers;
    }

    /**
     * The share of peers a value beats, ties counting half; 0.5 with no peers. With
     * {@code higherIsBetter = false} a lower value beats a higher one.
     */
    static double rank(double[] sorted, double v, boolean higherIsBetter) {
        if (sorted.length == 0) {
            return 0.5;
        }
        int below = lowerBound(sorted, v);
        int upTo = upperBound(sorted, v);
        int equal = upTo - below;
        int better = higherIsBetter ? below : sorted.length - upTo;
        return (better + 0.5 * equal) / sorted.length;
    }

    double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return medians.computeIfAbsent(sorted, s -> new Percentile().evaluate(s, 50));
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
