package io.parkcredit.supervision;

import java.util.SplittableRandom;

/**
 * Unequal-probability sampling without replacement (DOMAIN.md §10.1). The inclusion probabilities
 * are πᵢ = min(1, c·wᵢ) with c such that Σπᵢ = n; the draw is systematic πps over a randomly
 * ordered list: the firms, shuffled by the seed, lay their πᵢ end to end on [0, n); one random
 * start u in [0, 1) picks the firms under the points u, u+1, …, u+n−1. Because no πᵢ exceeds 1, a
 * firm's segment holds at most one point and holds one with probability exactly πᵢ, whatever the
 * order; the random order spreads the joint probabilities. Exactly n firms are drawn.
 */
public final class SystematicPps {

    private SystematicPps() {
    }

    /**
     * The inclusion probabilities for a sample of {@code n} from firms with weights {@code w} (all
     * positive): firms whose c·wᵢ would exceed 1 are certain, c is solved again over the rest until
     * none exceeds 1.
     */
    public static double[] inclusionProbabilities(double[] w, int n) {
        if (n < 0 || n > w.length) {
            throw new IllegalArgumentException("cannot draw " + n + " of " + w.length);
        }
        double[] pi = new double[w.length];
        boolean[] certain = new boolean[w.length];
        int left = n;
        while (true) {
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                if (!certain[i]) {
                    if (!(w[i] > 0) || Double.isInfinite(w[i])) {
                        throw new IllegalArgumentException("weights must be positive and finite");
                    }
                    sum += w[i];
                }
            }
            double c = left == 0 ? 0 : left / sum;
            boolean capped = false;
            for (int i = 0; i < w.length; i++) {
                if (!certain[i] && c * w[i] >= 1) {
                    certain[i] = true;
                    left--;
                    capped = true;
                }
            }
            if (!capped) {
                for (int i = 0; i < w.length; i++) {
                    pi[i] = certain[i] ? 1 : c * w[i];
                }
                return pi;
            }
        }
    }

    /**
     * Draws with the probabilities {@code pi} (summing to a whole number n) from {@code seed}.
     *
     * @return the indexes of the drawn firms in the order they were drawn (the shuffled order)
     */
    public static int[] draw(double[] pi, long seed) {
        double total = 0;
        for (double p : pi) {
            total += p;
        }
        int n = (int) Math.round(total);
        if (Math.abs(total - n) > 1e-6) {
            throw new IllegalArgumentException("the probabilities add up to " + total + ", not a whole number");
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] order = new int[pi.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double u = r.nextDouble();
        int[] drawn = new int[n];
        int k = 0;
        double end = 0;
        double point = u;
        for (int i = 0; i < order.length && k < n; i++) {
            double start = end;
            end = start + pi[order[i]];
            // a certain firm takes exactly one point whatever the rounding of the running sum
            if (pi[order[i]] >= 1 || (point >= start && point < end)) {
                drawn[k++] = order[i];
                point = u + k;
            }
        }
        if (k < n) {
            // rounding left the last point just past the end of the list: it belongs to the last firm not drawn
            for (int i = order.length - 1; i >= 0 && k < n; i--) {
                final int idx = order[i];
                boolean taken = false;
                for (int j = 0; j < k; j++) {
                    taken |= drawn[j] == idx;
                }
                if (!taken && pi[idx] > 0) {
                    drawn[k++] = idx;
                }
            }
        }
        return drawn;
    }
}
