package io.parkcredit.screening;

/**
 * Objective criterion weights by the entropy method (Shannon entropy of each criterion's
 * distribution over the prospects): a criterion on which the prospects differ a lot carries more
 * information and gets more weight; one on which they are all alike gets little or none.
 *
 * <p>For a decision matrix {@code x} of {@code m} prospects (rows) by {@code n} criteria (columns):
 *
 * <ol>
 *   <li><b>Orient and min-max normalise</b> each column to [0, 1]:
 *       {@code x'_ij = (x_ij - min_j) / (max_j - min_j)} for a benefit criterion and
 *       {@code x'_ij = (max_j - x_ij) / (max_j - min_j)} for a cost criterion, so that 1 is always
 *       the best value and 0 the worst. A constant column ({@code max_j = min_j}) gives
 *       {@code x'_ij = 0}. Note that min-max normalisation makes the worst prospect on a criterion
 *       contribute exactly 0 to that criterion's distribution ({@code 0 · ln 0 = 0}): the entropy
 *       is that of the other {@code m - 1} prospects' distances from the worst one.
 *   <li><b>Shares</b>: {@code p_ij = x'_ij / S_j} with {@code S_j = Σ_i x'_ij}.
 *   <li><b>Entropy</b>: {@code e_j = -(1 / ln m) Σ_i p_ij ln p_ij}, with {@code 0 · ln 0 = 0}; it
 *       lies in [0, 1). It is highest when the prospects are spread evenly and lowest when one
 *       stands out; because the worst prospect's share is 0 it never exceeds
 *       {@code ln(m - 1) / ln m}, so a non-constant column always keeps some weight.
 *       Computed in one pass as {@code Σ_i p ln p = T_j / S_j - ln S_j}, where
 *       {@code T_j = Σ_i x'_ij ln x'_ij}.
 *   <li><b>Divergence</b>: {@code d_j = 1 - e_j} (clamped at 0 against rounding).
 *   <li><b>Weights</b>: {@code w_j = d_j / Σ_k d_k}.
 * </ol>
 *
 * <p>Degenerate inputs give finite weights, never NaN: a single prospect ({@code m = 1},
 * {@code ln m = 0}) or no divergence at all (every column constant) gives equal weights
 * {@code 1/n}; a constant column ({@code S_j = 0}) gets {@code d_j = 0}, hence weight 0.
 */
public final class EntropyWeights {

    private EntropyWeights() {
    }

    /**
     * @param x       decision matrix, {@code m} rows of {@code n} finite values
     * @param benefit per criterion, {@code true} when larger is better
     * @return {@code n} weights, each in [0, 1], summing to 1
     */
    public static double[] of(double[][] x, boolean[] benefit) {
        int n = benefit.length;
        Matrices.check(x, n);
        int m = x.length;
        double[] equal = new double[n];
        java.util.Arrays.fill(equal, 1.0 / n);
        if (m <= 1) {
            return equal;
        }
        double[] min = new double[n];
        double[] max = new double[n];
        Matrices.columnMinMax(x, min, max);

        // x'_ij = a_j + b_j * x_ij, oriented so that 1 is the best value; b_j = 0 for a constant column
        double[] a = new double[n];
        double[] b = new double[n];
        for (int j = 0; j < n; j++) {
            double range = max[j] - min[j];
            if (range > 0) {
                b[j] = benefit[j] ? 1 / range : -1 / range;
                a[j] = benefit[j] ? -min[j] / range : max[j] / range;
            }
        }
        double[] s = new double[n];
        double[] t = new double[n];
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                double xp = a[j] + b[j] * row[j];
                if (xp > 0) {
                    s[j] += xp;
                    t[j] += xp * Math.log(xp);
                }
            }
        }
        double lnM = Math.log(m);
        double[] d = new double[n];
        double dSum = 0;
        for (int j = 0; j < n; j++) {
            if (s[j] > 0) {
                double sumPLnP = t[j] / s[j] - Math.log(s[j]);
                double e = -sumPLnP / lnM;
                d[j] = Math.max(0, 1 - e);
                dSum += d[j];
            }
        }
        if (!(dSum > 0)) {
            return equal;
        }
        for (int j = 0; j < n; j++) {
            d[j] /= dSum;
        }
        return d;
    }
}
