package io.parkcredit.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TOPSIS (Technique for Order Preference by Similarity to Ideal Solution; Hwang &amp; Yoon, 1981)
 * over a decision matrix of {@code m} prospects (rows) by {@code n} criteria (columns).
 *
 * <ol>
 *   <li><b>Weights</b> are normalised with {@link Weights#normalise}: they sum to 1, and all-zero
 *       weights mean "no preference", i.e. equal weights.
 *   <li><b>Vector normalisation</b>: {@code r_ij = x_ij / sqrt(Σ_i x_ij²)}; a column of zeros gives
 *       {@code r_ij = 0}. Rescaling a criterion's unit (yuan vs. 10k yuan) does not change
 *       {@code r}, so it does not change the ranking.
 *   <li><b>Weighted matrix</b>: {@code v_ij = w_j · r_ij}.
 *   <li><b>Ideal points</b>: the ideal best {@code A+_j} is {@code max_i v_ij} for a benefit
 *       criterion and {@code min_i v_ij} for a cost criterion; the anti-ideal {@code A-_j} is the
 *       opposite. Both are taken over the prospects being screened (relative, not absolute ideals).
 *   <li><b>Distances</b> (Euclidean): {@code D+_i = ||v_i - A+||}, {@code D-_i = ||v_i - A-||}.
 *   <li><b>Closeness</b> — the TOPSIS score: {@code C_i = D-_i / (D+_i + D-_i)} in [0, 1], 1 at the
 *       ideal, 0 at the anti-ideal. When {@code D+_i + D-_i = 0}, which happens only when
 *       {@code A+ = A-}, i.e. all prospects are identical on every weighted criterion, nothing
 *       separates them and {@code C_i = 0.5} for all.
 *   <li><b>Order</b>: by {@code C} descending; equal {@code C} by key ascending (then by row index),
 *       so the result does not depend on input order or sort stability.
 * </ol>
 *
 * <p><b>Contributions</b> explain the ranking: {@code contributions[i][j] = w_j · (v_ij - A-_j) /
 * (A+_j - A-_j)}, the weighted share of the way from the worst to the best value on criterion
 * {@code j} (0 when {@code A+_j = A-_j}). With vector normalisation this equals
 * {@code w_j · (x_ij - worst_j) / (best_j - worst_j)}. Each lies in {@code [0, w_j]}, and their sum
 * lies in [0, 1]. They are a linear read-out for display ("where this prospect gains its score"),
 * not a decomposition of {@code C}, which is not additive over criteria: {@code C} remains the
 * score the order is built on.
 *
 * <p>Cost: two passes over the matrix and an {@code O(m log m)} sort of primitive indices; the only
 * allocations proportional to {@code m} are the result arrays.
 */
public final class Topsis {

    private Topsis() {
    }

    /** One ranked prospect, as shown to an officer. */
    public record Ranked(int rank, int index, String key, double closeness, double[] contributions) {
    }

    /**
     * The result of one screening.
     *
     * @param weights       the normalised weights used, per criterion
     * @param closeness     {@code C_i} per row of the input, the TOPSIS score
     * @param order         row indices, best first
     * @param contributions per row of the input, per criterion, see {@link Topsis}
     * @param keys          the keys given, per row (may be {@code null})
     */
    public record Ranking(double[] weights, double[] closeness, int[] order, double[][] contributions,
            String[] keys) {

        public int size() {
            return order.length;
        }

        /** The best {@code n} prospects (fewer when there are fewer), best first, rank from 1. */
        public List<Ranked> top(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, was " + n);
            }
            int k = Math.min(n, order.length);
            List<Ranked> out = new ArrayList<>(k);
            for (int r = 0; r < k; r++) {
                int i = order[r];
                out.add(new Ranked(r + 1, i, keys == null ? null : keys[i], closeness[i], contributions[i]));
            }
            return out;
        }
    }

    /**
     * @param x       decision matrix, {@code m >= 1} rows of {@code n} finite values
     * @param benefit per criterion, {@code true} when larger is better
     * @param weights per criterion, finite and {@code >= 0}, any scale
     * @param keys    per row, the stable key used to break ties (e.g. the USCC); {@code null} to
     *                break ties by row index
     */
    public static Ranking rank(double[][] x, boolean[] benefit, double[] weights, String[] keys) {
        int n = benefit.length;
        if (weights == null || weights.length != n) {
            throw new IllegalArgumentException("need " + n + " weights");
        }
        double[] w = Weights.normalise(weights);
        Matrices.check(x, n);
        int m = x.length;
        if (keys != null) {
            if (keys.length != m) {
                throw new IllegalArgumentException("need " + m + " keys, got " + keys.length);
            }
            for (int i = 0; i < m; i++) {
                if (keys[i] == null) {
                    throw new IllegalArgumentException("key " + i + " is null");
                }
            }
        }

        // pass 1: column sums of squares and extremes
        double[] sumSq = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        System.arraycopy(x[0], 0, min, 0, n);
        System.arraycopy(x[0], 0, max, 0, n);
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                double v = row[j];
                sumSq[j] += v * v;
                if (v < min[j]) {
                    min[j] = v;
                }
                if (v > max[j]) {
                    max[j] = v;
                }
            }
        }
        // v_ij = f_j * x_ij with f_j = w_j / ||x_j|| >= 0, so the extremes of v are f_j times those of x
        double[] f = new double[n];
        double[] best = new double[n];
        double[] worst = new double[n];
        double[] share = new double[n]; // w_j / |best_j - worst_j| in x units, 0 when A+_j = A-_j
        for (int j = 0; j < n; j++) {
            double norm = Math.sqrt(sumSq[j]);
            f[j] = norm > 0 ? w[j] / norm : 0;
            double hi = benefit[j] ? max[j] : min[j];
            double lo = benefit[j] ? min[j] : max[j];
            best[j] = f[j] * hi;
            worst[j] = f[j] * lo;
            share[j] = best[j] != worst[j] ? w[j] / (max[j] - min[j]) : 0;
        }

        // pass 2: distances, closeness, contributions
        double[] c = new double[m];
        double[][] contributions = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] row = x[i];
            double[] ci = new double[n];
            double dPlus = 0;
            double dMinus = 0;
            for (int j = 0; j < n; j++) {
                double v = f[j] * row[j];
                double a = v - best[j];
                double b = v - worst[j];
                dPlus += a * a;
                dMinus += b * b;
                ci[j] = share[j] * (benefit[j] ? row[j] - min[j] : max[j] - row[j]);
            }
            dPlus = Math.sqrt(dPlus);
            dMinus = Math.sqrt(dMinus);
            double d = dPlus + dMinus;
            c[i] = d > 0 ? dMinus / d : 0.5;
            contributions[i] = ci;
        }
        return new Ranking(w, c, Order.bestFirst(c, keys), contributions, keys);
    }
}
