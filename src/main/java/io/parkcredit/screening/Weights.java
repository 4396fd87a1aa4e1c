package io.parkcredit.screening;

/**
 * Criterion weights: normalising an officer's weights and blending them with entropy weights.
 *
 * <p>All weights returned here are non-negative, finite and sum to 1.
 */
public final class Weights {

    private Weights() {
    }

    /**
     * Scales {@code w} so that it sums to 1.
     *
     * <ul>
     *   <li>a negative, NaN or infinite weight is an {@link IllegalArgumentException};
     *   <li>all weights zero means "no preference": equal weights {@code 1/n};
     *   <li>otherwise each weight is divided by the sum.
     * </ul>
     *
     * @return a new array; {@code w} is not modified
     */
    public static double[] normalise(double[] w) {
        if (w == null || w.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            double v = w[j];
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("weight " + j + " is " + v + "; weights must be finite and >= 0");
            }
            sum += v;
        }
        double[] out = new double[w.length];
        if (sum == 0) {
            java.util.Arrays.fill(out, 1.0 / w.length);
            return out;
        }
        for (int j = 0; j < w.length; j++) {
            out[j] = w[j] / sum;
        }
        return out;
    }

    /**
     * The configurable mix of objective and subjective weights:
     * {@code normalise(alpha * entropy + (1 - alpha) * manual)}.
     *
     * <p>{@code alpha = 1} is pure entropy weights, {@code alpha = 0} the officer's weights alone.
     * Both inputs are normalised first, so an officer may enter weights on any scale (e.g. points
     * out of 100) without tilting the mix.
     *
     * @param alpha share of the entropy weights, in [0, 1]
     */
    public static double[] blend(double[] entropy, double[] manual, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        }
        if (entropy == null || manual == null || entropy.length != manual.length) {
            throw new IllegalArgumentException("entropy and manual weights must have the same length");
        }
        double[] e = normalise(entropy);
        double[] m = normalise(manual);
        double[] out = new double[e.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = alpha * e[j] + (1 - alpha) * m[j];
        }
        return normalise(out);
    }
}
