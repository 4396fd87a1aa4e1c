package io.parkcredit.rating;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The indicator model of the credit rating (DOMAIN.md §5, seed 002 第八条) as data: five
 * dimensions, their second-level groups and the third-level indicators, each with a weight and a
 * scoring rule. Stored as versioned JSON rows ({@code rating_models}); version 1 is the default of
 * {@code default-model.json}. Weights need not sum to 100: {@link #maxPoints} normalises them.
 *
 * @param onsiteDefault share of an on-site indicator's points used by the yearly review when a
 *                      firm has no evaluator sheet
 * @param minPeers      fewest industry peers for a percentile rule; with fewer the whole park is the peer group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RatingModel(double onsiteDefault, int minPeers, List<Dimension> dimensions) {

    public record Dimension(String code, String name, String nameEn, List<Group> groups) {
    }

    public record Group(String code, String name, List<Indicator> indicators) {
    }

    /**
     * A third-level indicator.
     *
     * @param metric        what it measures ({@link Metric}); {@code ONSITE} for an evaluator's score
     * @param whenUndefined share of the points when the value is undefined (a zero or missing
     *                      denominator, no record); 0 unless the model says otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Indicator(String code, String name, Metric metric, double weight, Double whenUndefined, Rule rule) {

        double undefinedFraction() {
            return whenUndefined == null ? 0 : whenUndefined;
        }
    }

    /** How a value becomes a share of the points. */
    public enum RuleKind { THRESHOLDS, LINEAR, PERCENTILE, ONSITE }

    /**
     * A scoring rule. THRESHOLDS: the first band the value reaches ({@code ≥ at} when higher is
     * better, {@code ≤ at} otherwise) gives its fraction, none gives 0. LINEAR: 0 at {@code zeroAt},
     * full at {@code fullAt}, straight in between, clamped. PERCENTILE: the share of industry peers
     * the value beats (ties count half). ONSITE: the evaluator's points.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(RuleKind kind, Boolean higherIsBetter, List<Band> bands, Double zeroAt, Double fullAt) {

        boolean higher() {
            return higherIsBetter == null || higherIsBetter;
        }
    }

    public record Band(double at, double fraction) {
    }

    /** A flattened indicator with its dimension and group. */
    public record Placed(Dimension dimension, Group group, Indicator indicator) {
    }

    @JsonIgnore
    public List<Placed> indicators() {
        List<Placed> all = new ArrayList<>();
        for (Dimension d : dimensions) {
            for (Group g : d.groups()) {
                for (Indicator i : g.indicators()) {
                    all.add(new Placed(d, g, i));
                }
            }
        }
        return all;
    }

    @JsonIgnore
    public double totalWeight() {
        return indicators().stream().mapToDouble(p -> p.indicator().weight()).sum();
    }

    /** The indicator's maximum points on a scale of 100: its weight over the sum of all weights. */
    public double maxPoints(Indicator i, double totalWeight) {
        return totalWeight <= 0 ? 0 : i.weight() * 100.0 / totalWeight;
    }

    /** What is wrong with the model, as (field, message) pairs; empty when it can be used. */
    public List<String[]> problems() {
        List<String[]> p = new ArrayList<>();
        if (dimensions == null || dimensions.isEmpty()) {
            p.add(new String[] {"dimensions", "at least one dimension"});
            return p;
        }
        if (onsiteDefault < 0 || onsiteDefault > 1) {
            p.add(new String[] {"onsiteDefault", "between 0 and 1"});
        }
        if (minPeers < 1) {
            p.add(new String[] {"minPeers", "at least 1"});
        }
        Set<String> codes = new HashSet<>();
        for (int d = 0; d < dimensions.size(); d++) {
            Dimension dim = dimensions.get(d);
            String dp = "dimensions[" + d + "]";
            if (blank(dim.code()) || blank(dim.name())) {
                p.add(new String[] {dp, "code and name required"});
            }
            if (dim.groups() == null || dim.groups().isEmpty()) {
                p.add(new String[] {dp + ".groups", "at least one group"});
                continue;
            }
            for (int g = 0; g < dim.groups().size(); g++) {
                Group grp = dim.groups().get(g);
                String gp = dp + ".groups[" + g + "]";
                if (grp.indicators() == null || grp.indicators().isEmpty()) {
                    p.add(new String[] {gp + ".indicators", "at least one indicator"});
                    continue;
                }
                for (int i = 0; i < grp.indicators().size(); i++) {
                    checkIndicator(grp.indicators().get(i), gp + ".indicators[" + i + "]", codes, p);
                }
            }
        }
        if (p.isEmpty() && totalWeight() <= 0) {
            p.add(new String[] {"dimensions", "the weights must add up to more than 0"});
        }
        return p;
    }

    private static void checkIndicator(Indicator ind, String ip, Set<String> codes, List<String[]> p) {
        if (blank(ind.code()) || blank(ind.name())) {
            p.add(new String[] {ip, "code and name required"});
        } else if (!codes.add(ind.code())) {
            p.add(new String[] {ip + ".code", "duplicate indicator code " + ind.code()});
        }
        if (ind.metric() == null) {
            p.add(new String[] {ip + ".metric", "one of " + List.of(Metric.values())});
        }
        if (!(ind.weight() >= 0)) {
            p.add(new String[] {ip + ".weight", "0 or more"});
        }
        if (ind.whenUndefined() != null && (ind.whenUndefined() < 0 || ind.whenUndefined() > 1)) {
            p.add(new String[] {ip + ".whenUndefined", "between 0 and 1"});
        }
        Rule r = ind.rule();
        if (r == null || r.kind() == null) {
            p.add(new String[] {ip + ".rule.kind", "one of " + List.of(RuleKind.values())});
            return;
        }
        boolean onsite = ind.metric() == Metric.ONSITE;
        if (onsite != (r.kind() == RuleKind.ONSITE)) {
            p.add(new String[] {ip + ".rule.kind", "ONSITE exactly for the metric ONSITE"});
        }
        switch (r.kind()) {
            case THRESHOLDS -> {
                if (r.bands() == null || r.bands().isEmpty()) {
                    p.add(new String[] {ip + ".rule.bands", "at least one band"});
                } else if (r.bands().stream().anyMatch(b -> b.fraction() < 0 || b.fraction() > 1)) {
                    p.add(new String[] {ip + ".rule.bands", "fractions between 0 and 1"});
                }
            }
            case LINEAR -> {
                if (r.zeroAt() == null || r.fullAt() == null || r.zeroAt().equals(r.fullAt())) {
                    p.add(new String[] {ip + ".rule", "zeroAt and fullAt required and different"});
                }
            }
            default -> {
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
