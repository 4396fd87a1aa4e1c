package io.parkcredit.rating;

import io.parkcredit.rating.RatingModel.Band;
import io.parkcredit.rating.RatingModel.Indicator;
import io.parkcredit.rating.RatingModel.Placed;
import io.parkcredit.rating.RatingModel.Rule;
import io.parkcredit.rating.RatingResult.DimensionScore;
import io.parkcredit.rating.RatingResult.Line;
import io.parkcredit.rating.RatingResult.Raise;
import io.parkcredit.rating.Ratios.Value;
import io.parkcredit.shared.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a firm against an indicator model (DOMAIN.md §5): each indicator's rule turns the metric
 * value into a share of its maximum points (weights normalised to 100), on-site indicators take the
 * evaluator's points. Pure: the same inputs give the same result and reasons.
 */
public final class Scorer {

    /** How many indicators "what would raise the grade" lists. */
    static final int RAISE_TOP = 5;

    private Scorer() {
    }

    /**
     * @param onsite         evaluator points by indicator code, on the indicator's maximum
     * @param onsiteFallback share of the maximum for an on-site indicator without points; null = 0 (not scored)
     */
    public static RatingResult score(RatingModel model, int modelVersion, Map<Metric, Value> metrics, String group,
            PeerStats peers, Map<String, Double> onsite, Double onsiteFallback) {
        double total = model.totalWeight();
        List<Line> lines = new ArrayList<>();
        Map<String, double[]> dims = new LinkedHashMap<>();
        double sum = 0;
        for (Placed p : model.indicators()) {
            Indicator ind = p.indicator();
            double max = model.maxPoints(ind, total);
            double points;
            Double value = null;
            String detail;
            Reason reason;
            if (ind.metric() == Metric.ONSITE) {
                Double given = onsite == null ? null : onsite.get(ind.code());
                if (given != null) {
                    points = Math.max(0, Math.min(max, given));
                    detail = "评价机构现场评分 " + num(points) + " / " + num(max);
                    reason = Reason.of("onsiteGiven", "points", num(points), "max", num(max));
                } else if (onsiteFallback != null) {
                    points = max * onsiteFallback;
                    detail = "无现场评分，按模型默认 " + pct(onsiteFallback) + " 计";
                    reason = Reason.of("onsiteDefault", "share", pct(onsiteFallback));
                } else {
                    points = 0;
                    detail = "未现场评分";
                    reason = Reason.of("onsiteNone");
                }
            } else {
                Value v = metrics.get(ind.metric());
                if (v == null || !v.defined()) {
                    double frac = ind.undefinedFraction();
                    points = max * frac;
                    detail = (v == null ? "无数据" : v.note()) + "，按模型得 " + pct(frac);
                    reason = Reason.list("undefinedScored",
                            List.of(v == null || v.why() == null ? Reason.of("noData") : v.why()), "share", pct(frac));
                } else {
                    value = v.value();
                    Share share = share(ind.rule(), value, group, ind.metric(), peers);
                    points = max * share.fraction;
                    detail = ind.metric().definition() + " = " + num(value) + "；" + share.why;
                    reason = Reason.list("measured", List.of(Reason.of("metric" + ind.metric().name()), share.reason),
                            "value", num(value));
                }
            }
            sum += points;
            double[] d = dims.computeIfAbsent(p.dimension().code(), k -> new double[2]);
            d[0] += points;
            d[1] += max;
            lines.add(new Line(ind.code(), ind.name(), p.dimension().code(), p.group().name(), ind.metric(), value,
                    round(points), round(max), detail, p.group().code(), reason));
        }
        BigDecimal score = round(sum);
        Grade grade = Grade.of(score);
        List<DimensionScore> dimensions = model.dimensions().stream().map(d -> new DimensionScore(d.code(), d.name(),
                d.nameEn(), round(dims.get(d.code())[0]), round(dims.get(d.code())[1]))).toList();
        Grade next = Grade.above(grade);
        BigDecimal needed = next == null ? BigDecimal.ZERO
                : BigDecimal.valueOf(next.lowerBound()).subtract(score).max(BigDecimal.ZERO);
        List<Line> raise = lines.stream().filter(l -> l.recoverable().signum() > 0)
                .sorted(Comparator.comparing(Line::recoverable).reversed().thenComparing(Line::code))
                .limit(RAISE_TOP).toList();
        return new RatingResult(modelVersion, score, grade, dimensions, lines, new Raise(next, needed, raise));
    }

    record Share(double fraction, String why, Reason reason) {
    }

    /**
     * The yearly review's fast path: points per dimension (in model order) and the total last,
     * without reasons. {@code values} by {@link Metric#ordinal()}, NaN where undefined.
     */
    public static double[] points(RatingModel model, double totalWeight, double[] values, String group,
            PeerStats peers, double onsiteFallback) {
        int dims = model.dimensions().size();
        double[] out = new double[dims + 1];
        for (int d = 0; d < dims; d++) {
            for (RatingModel.Group g : model.dimensions().get(d).groups()) {
                for (Indicator ind : g.indicators()) {
                    double max = model.maxPoints(ind, totalWeight);
                    double f;
                    if (ind.metric() == Metric.ONSITE) {
                        f = onsiteFallback;
                    } else {
                        double v = values[ind.metric().ordinal()];
                        f = Double.isNaN(v) ? ind.undefinedFraction()
                                : fraction(ind.rule(), v, group, ind.metric(), peers);
                    }
                    out[d] += max * f;
                    out[dims] += max * f;
                }
            }
        }
        return out;
    }

    static double fraction(Rule r, double v, String group, Metric metric, PeerStats peers) {
        return switch (r.kind()) {
            case THRESHOLDS -> {
                boolean higher = r.higher();
                for (Band b : r.bands()) {
                    if (higher ? v >= b.at() : v <= b.at()) {
                        yield b.fraction();
                    }
                }
                yield 0;
            }
            case LINEAR -> Math.max(0, Math.min(1, (v - r.zeroAt()) / (r.fullAt() - r.zeroAt())));
            case PERCENTILE -> PeerStats.rank(peers == null ? new double[0] : peers.peers(group, metric), v, r.higher());
            case ONSITE -> 0;
        };
    }

    static Share share(Rule r, double v, String group, Metric metric, PeerStats peers) {
        return switch (r.kind()) {
            case THRESHOLDS -> thresholds(r, v);
            case LINEAR -> linear(r.zeroAt(), r.fullAt(), v);
            case PERCENTILE -> {
                double[] sorted = peers == null ? new double[0] : peers.peers(group, metric);
                double rank = PeerStats.rank(sorted, v, r.higher());
                boolean inGroup = peers != null && peers.groupSized(group, metric);
                String scope = inGroup ? "同行业（" + group + "）" : "全园区";
                String median = sorted.length > 0 ? num(peers.median(sorted)) : null;
                yield new Share(rank, scope + sorted.length + " 家中优于 " + pct(rank)
                        + (median != null ? "，中位数 " + median : ""),
                        Reason.of(inGroup ? "peersInGroup" : "peersInPark", "group", group, "count", sorted.length,
                                "share", pct(rank), "median", median));
            }
            case ONSITE -> new Share(0, "现场评分", Reason.of("onsiteRule"));
        };
    }

    static Share thresholds(Rule r, double v) {
        boolean higher = r.higher();
        for (Band b : r.bands()) {
            if (higher ? v >= b.at() : v <= b.at()) {
                return new Share(b.fraction(), (higher ? "达到 ≥ " : "不超过 ≤ ") + num(b.at()) + " 档，得 " + pct(b.fraction()),
                        Reason.of(higher ? "bandAtLeast" : "bandAtMost", "at", num(b.at()), "share", pct(b.fraction())));
            }
        }
        return new Share(0, "未达到任何得分档", Reason.of("noBand"));
    }

    static Share linear(double zeroAt, double fullAt, double v) {
        double f = (v - zeroAt) / (fullAt - zeroAt);
        f = Math.max(0, Math.min(1, f));
        return new Share(f, num(zeroAt) + " 得零分、" + num(fullAt) + " 得满分，线性得 " + pct(f),
                Reason.of("linear", "zeroAt", num(zeroAt), "fullAt", num(fullAt), "share", pct(f)));
    }

    static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    static String num(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String pct(double f) {
        return BigDecimal.valueOf(f * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
