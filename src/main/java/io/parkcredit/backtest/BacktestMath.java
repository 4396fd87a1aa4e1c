package io.parkcredit.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The measures of a back-test (DOMAIN.md §10.4) as pure functions over plain arrays. A score is
 * "good when high" (a rating score); an outcome is bad or not. Nothing here reads a database.
 */
public final class BacktestMath {

    /** PSI replaces an empty share by this floor, so an empty grade does not make the index infinite. */
    public static final double PSI_FLOOR = 1e-4;

    private BacktestMath() {
    }

    /**
     * AUC by the Mann-Whitney rank formula: the probability that a random good firm scores higher
     * than a random bad one, ties counted half. Midranks (average ranks for ties) of all scores;
     * U = (sum of the good firms' ranks) − nGood(nGood+1)/2; AUC = U / (nGood·nBad).
     *
     * @return NaN when there is no good or no bad firm (the measure is undefined)
     */
    public static double auc(double[] score, boolean[] bad) {
        check(score, bad);
        long nBad = count(bad);
        long nGood = score.length - nBad;
        if (nBad == 0 || nGood == 0) {
            return Double.NaN;
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(score);
        double sumGood = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (!bad[i]) {
                sumGood += ranks[i];
            }
        }
        double u = sumGood - nGood * (nGood + 1) / 2.0;
        return u / ((double) nGood * nBad);
    }

    /** A point of a curve over score thresholds: at score ≤ {@code threshold}, the shares of bad and good firms. */
    public record CurvePoint(double threshold, double badShare, double goodShare) {
    }

    /**
     * The cumulative shares of bad and good firms with a score at or below each distinct score,
     * lowest first, starting at (−∞, 0, 0). As a ROC curve, x is goodShare (false alarms when every
     * firm at or below the threshold is flagged) and y is badShare (bad firms caught); the KS curve
     * draws both against the threshold.
     */
    public static List<CurvePoint> curve(double[] score, boolean[] bad) {
        check(score, bad);
        long nBad = count(bad);
        long nGood = score.length - nBad;
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        List<CurvePoint> points = new ArrayList<>();
        points.add(new CurvePoint(Double.NEGATIVE_INFINITY, 0, 0));
        long b = 0;
        long g = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (bad[i]) {
                b++;
            } else {
                g++;
            }
            if (k + 1 == order.length || score[order[k + 1]] != score[i]) {
                points.add(new CurvePoint(score[i], nBad == 0 ? 0 : (double) b / nBad, nGood == 0 ? 0 : (double) g / nGood));
            }
        }
        return points;
    }

    /**
     * Kolmogorov-Smirnov statistic: the largest gap between the cumulative score distributions of
     * bad and good firms, over every threshold. NaN without a bad or a good firm.
     */
    public static double ks(double[] score, boolean[] bad) {
        long nBad = count(bad);
        if (nBad == 0 || nBad == score.length) {
            return Double.NaN;
        }
        double max = 0;
        for (CurvePoint p : curve(score, bad)) {
            max = Math.max(max, Math.abs(p.badShare() - p.goodShare()));
        }
        return max;
    }

    /**
     * Population stability index between two distributions over the same bins (counts):
     * Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) with shares eᵢ of {@code expected} and aᵢ of {@code actual}; a share
     * of 0 is taken as {@link #PSI_FLOOR}. NaN when either side is empty.
     */
    public static double psi(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("the two distributions need the same bins");
        }
        long te = Arrays.stream(expected).sum();
        long ta = Arrays.stream(actual).sum();
        if (te == 0 || ta == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(PSI_FLOOR, (double) expected[i] / te);
            double a = Math.max(PSI_FLOOR, (double) actual[i] / ta);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** A grade's firms and bad firms, worst grade first in the lists given to {@link #breaks}. */
    public record Bucket(String name, long count, long bad) {
        public double badRate() {
            return count == 0 ? 0 : (double) bad / count;
        }
    }

    /**
     * The grades that break monotonicity: going from the worst grade to the best, each grade with
     * firms must have a bad rate no higher than the nearest worse grade with firms; a grade whose
     * rate is higher is named. Empty grades are skipped (no rate to compare).
     *
     * @param worstFirst the grades from the worst (C) to the best (AAA)
     */
    public static List<String> breaks(List<Bucket> worstFirst) {
        List<String> breaks = new ArrayList<>();
        Bucket previous = null;
        for (Bucket b : worstFirst) {
            if (b.count() == 0) {
                continue;
            }
            if (previous != null && b.badRate() > previous.badRate()) {
                breaks.add(b.name());
            }
            previous = b;
        }
        return breaks;
    }

    private static long count(boolean[] bad) {
        long n = 0;
        for (boolean b : bad) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    private static void check(double[] score, boolean[] bad) {
        if (score.length != bad.length) {
            throw new IllegalArgumentException("one outcome per score");
        }
        for (double s : score) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN");
            }
        }
    }
}
