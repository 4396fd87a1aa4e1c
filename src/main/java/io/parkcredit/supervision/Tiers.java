package io.parkcredit.supervision;

import java.util.Map;

/**
 * A firm's supervision tier (DOMAIN.md §10.1): of the tiers that apply to it, the one with the
 * highest weight. The weights are data (table {@code inspection_tier_weights}); defaults YELLOW 5,
 * counting SERIOUS 4, counting GENERAL or grade B or below 2, NONE 1, WHITE 0.75, RED or AA and
 * above 0.5.
 */
public final class Tiers {

    public static final java.util.List<String> ORDER = java.util.List.of("YELLOW", "SERIOUS", "GENERAL", "NONE", "WHITE",
            "RED");

    private Tiers() {
    }

    /** The facts a tier reads: the current published list (null: not listed), the valid grade (null: none). */
    public record Facts(String list, String grade, boolean seriousCounting, boolean generalCounting) {
    }

    public static String tier(Facts f, Map<String, Double> weights) {
        String best = null;
        for (String t : ORDER) {
            if (applies(t, f) && (best == null || weights.get(t) > weights.get(best))) {
                best = t;
            }
        }
        return best;
    }

    static boolean applies(String tier, Facts f) {
        String list = f.list() == null ? "NONE" : f.list();
        return switch (tier) {
            case "YELLOW" -> list.equals("YELLOW");
            case "SERIOUS" -> f.seriousCounting();
            case "GENERAL" -> f.generalCounting() || "B".equals(f.grade()) || "C".equals(f.grade());
            case "NONE" -> list.equals("NONE");
            case "WHITE" -> list.equals("WHITE");
            case "RED" -> list.equals("RED") || "AA".equals(f.grade()) || "AAA".equals(f.grade());
            default -> false;
        };
    }
}
