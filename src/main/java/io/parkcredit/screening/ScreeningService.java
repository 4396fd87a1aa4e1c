package io.parkcredit.screening;

import io.parkcredit.security.Action;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.enterprise.RegistryChanged;
import io.parkcredit.security.AuditLog;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Screens prospects (DOMAIN.md §9): excluded prospects are set aside with their reasons, the rest
 * are ranked by TOPSIS over the chosen criteria with entropy, officer or blended weights, and each
 * ranked prospect carries its per-criterion contributions. Every screening is saved with its
 * parameters so it can be run again.
 */
@ApplicationScoped
public class ScreeningService {

    public enum Weighting { ENTROPY, MANUAL, BLEND }

    public record CriterionChoice(String code, Double weight) {
    }

    public record Request(List<CriterionChoice> criteria, String weighting, Integer limit) {
    }

    public record Contribution(String code, double value) {
    }

    public record Ranked(String uscc, String name, double score, int rank, List<Contribution> contributions) {
    }

    public record CriterionWeight(String code, double weight) {
    }

    public record Result(Long screeningId, LocalDate asOf, String weighting, List<Ranked> ranked,
            List<ProspectCriteria.Excluded> excluded, List<CriterionWeight> weights, int candidates) {

        Result withId(long id) {
            return new Result(id, asOf, weighting, ranked, excluded, weights, candidates);
        }
    }

    public record CriterionInfo(String code, String direction, double defaultWeight, String label, String definition) {
    }

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    ProspectCriteria prospects;

    @Inject
    ChainMapService chains;

    @Inject
    ScreeningConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    /** A park's candidates' criteria and when they were read. */
    private record Cached(ProspectCriteria.Snapshot snapshot, Instant at) {
    }

    /** Per park (DOMAIN.md §10.3): each park screens its own prospects against its own map. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Cached> cached = new java.util.concurrent.ConcurrentHashMap<>();

    public List<CriterionInfo> criteria() {
        currentUser.require(Action.SCREENING);
        List<CriterionInfo> list = new ArrayList<>();
        for (ScreeningCriterion c : ScreeningCriterion.values()) {
            list.add(new CriterionInfo(c.name(), c.benefit() ? "BENEFIT" : "COST", c.defaultWeight(), c.label(),
                    c.definition()));
        }
        return list;
    }

    void onRegistryChanged(@Observes RegistryChanged event) {
        cached.clear();
    }

    /** Park {@code park}'s candidates' criteria, reused for a while (see {@link ScreeningConfig#criteriaTtl()}). */
    ProspectCriteria.Snapshot snapshot(int park) {
        LocalDate today = LocalDate.now(clock);
        Cached c = cached.get(park);
        if (c == null || !c.snapshot().day().equals(today) || c.at().plus(config.criteriaTtl()).isBefore(clock.instant())) {
            synchronized (this) {
                c = cached.get(park);
                if (c == null || !c.snapshot().day().equals(today)
                        || c.at().plus(config.criteriaTtl()).isBefore(clock.instant())) {
                    c = new Cached(prospects.compute(today, chains.read(park), park), clock.instant());
                    cached.put(park, c);
                }
            }
        }
        return c.snapshot();
    }

    /** Runs a screening and saves it with its parameters. */
    @Transactional
    public Result screen(Request request) {
        currentUser.require(Action.SCREENING);
        return screen(request, chains.workPark());
    }

    /** Screens park {@code park}'s prospects and saves the screening as that park's. */
    private Result screen(Request request, int park) {
        Result result = rank(request, snapshot(park));
        try {
            Number id = (Number) em.createNativeQuery("insert into screenings (params, summary, created_by, park_id)"
                    + " values (cast(?1 as jsonb), cast(?2 as jsonb), ?3, ?4) returning id")
                    .setParameter(1, json.writeValueAsString(request))
                    .setParameter(2, json.writeValueAsString(Map.of("asOf", result.asOf().toString(),
                            "weights", result.weights(), "candidates", result.candidates(),
                            "excluded", result.excluded().size(),
                            "top", result.ranked().stream().limit(20).map(r -> Map.of("uscc", r.uscc(),
                                    "score", r.score(), "rank", r.rank())).toList())))
                    .setParameter(3, audit.actor()).setParameter(4, park).getSingleResult();
            return result.withId(id.longValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a saved screening again with its stored parameters (the data may have changed since). */
    @Transactional
    public Result rerun(long screeningId) {
        currentUser.require(Action.SCREENING);
        Stored s = stored(screeningId);
        return screen(s.request(), s.park());
    }

    /**
     * A saved screening recomputed with its stored parameters on today's data, without saving a new
     * one (the result page shows a screening; {@link #rerun} is the explicit "run again").
     */
    @Transactional
    public Result view(long screeningId) {
        currentUser.require(Action.SCREENING);
        Stored s = stored(screeningId);
        return rank(s.request(), snapshot(s.park())).withId(screeningId);
    }

    /** The caller's park, or 0 for the region (park ids start at 1; a bound number keeps its type). */
    private int regionOrPark() {
        return currentUser.parks().regionWide() ? 0 : currentUser.parks().park().value();
    }

    /** A saved screening's parameters and park. */
    private record Stored(Request request, int park) {
    }

    /** A saved screening of the caller's parks; one of another park is as if it did not exist. */
    private Stored stored(long screeningId) {
        @SuppressWarnings("unchecked")
        List<Object[]> params = em.createNativeQuery("select cast(params as text), park_id from screenings where id = ?1"
                + " and (?2 = 0 or park_id = ?2)")
                .setParameter(1, screeningId).setParameter(2, regionOrPark()).getResultList();
        if (params.isEmpty()) {
            throw ProblemException.notFound("screening", Long.toString(screeningId));
        }
        try {
            return new Stored(json.readValue((String) params.get(0)[0], Request.class),
                    ((Number) params.get(0)[1]).intValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored screening parameters are not readable", e);
        }
    }

    /** The ranking itself, on a snapshot: pure apart from reading the configuration. */
    Result rank(Request request, ProspectCriteria.Snapshot s) {
        List<ScreeningCriterion> chosen = new ArrayList<>();
        double[] manual = chosenCriteria(request, chosen);
        Weighting weighting = weighting(request.weighting());
        int limit = limit(request.limit());
        int n = s.usccs().length;
        int k = chosen.size();
        double[][] x = new double[n][k];
        boolean[] benefit = new boolean[k];
        for (int j = 0; j < k; j++) {
            benefit[j] = chosen.get(j).benefit();
            int col = chosen.get(j).ordinal();
            for (int i = 0; i < n; i++) {
                x[i][j] = s.values()[i][col];
            }
        }
        // no prospect left to rank: entropy weights are undefined, the chosen weights stand as given
        double[] weights = n == 0 ? Weights.normalise(manual) : switch (weighting) {
            case MANUAL -> Weights.normalise(manual);
            case ENTROPY -> EntropyWeights.of(x, benefit);
            case BLEND -> Weights.blend(EntropyWeights.of(x, benefit), Weights.normalise(manual), config.blendAlpha());
        };
        List<Ranked> ranked = new ArrayList<>();
        if (n > 0) {
            Topsis.Ranking ranking = Topsis.rank(x, benefit, weights, s.usccs());
            int[] order = ranking.order();
            for (int r = 0; r < Math.min(limit, order.length); r++) {
                int i = order[r];
                List<Contribution> contributions = new ArrayList<>(k);
                for (int j = 0; j < k; j++) {
                    contributions.add(new Contribution(chosen.get(j).name(), ranking.contributions()[i][j]));
                }
                ranked.add(new Ranked(s.usccs()[i], s.names()[i], ranking.closeness()[i], r + 1, contributions));
            }
        }
        List<CriterionWeight> used = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            used.add(new CriterionWeight(chosen.get(j).name(), weights[j]));
        }
        return new Result(null, s.day(), weighting.name(), ranked, s.excluded(), used, n);
    }

    private static double[] chosenCriteria(Request request, List<ScreeningCriterion> chosen) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<ScreeningCriterion, Double> weights = new EnumMap<>(ScreeningCriterion.class);
        if (request.criteria() == null || request.criteria().isEmpty()) {
            for (ScreeningCriterion c : ScreeningCriterion.values()) {
                weights.put(c, c.defaultWeight());
            }
        } else {
            for (int i = 0; i < request.criteria().size(); i++) {
                CriterionChoice choice = request.criteria().get(i);
                ScreeningCriterion c;
                try {
                    c = ScreeningCriterion.valueOf(String.valueOf(choice.code()).strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(FieldProblem.of("criteria[" + i + "].code", "unknown criterion " + choice.code()));
                    continue;
                }
                double w = choice.weight() == null ? c.defaultWeight() : choice.weight();
                if (Double.isNaN(w) || w < 0 || Double.isInfinite(w)) {
                    problems.add(FieldProblem.of("criteria[" + i + "].weight", "a weight of 0 or more"));
                }
                if (weights.put(c, w) != null) {
                    problems.add(FieldProblem.of("criteria[" + i + "].code", c + " given twice"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("invalid screening criteria", problems);
        }
        chosen.addAll(weights.keySet());
        return weights.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Weighting weighting(String text) {
        if (text == null || text.isBlank()) {
            return Weighting.BLEND;
        }
        try {
            return Weighting.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("weighting", "ENTROPY, MANUAL or BLEND");
        }
    }

    private int limit(Integer limit) {
        if (limit == null) {
            return config.defaultLimit();
        }
        if (limit < 1 || limit > 100_000) {
            throw ProblemException.invalid("limit", "between 1 and 100000");
        }
        return limit;
    }

    /** Saved screenings, newest first. */
    @Transactional
    public List<Map<String, Object>> saved() {
        currentUser.require(Action.SCREENING);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, cast(params as text), cast(summary as text), created_by,"
                + " created_at from screenings where ?1 = 0 or park_id = ?1"
                + " order by id desc limit 200").setParameter(1, regionOrPark()).getResultList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", ((Number) r[0]).longValue());
            try {
                m.put("params", json.readTree((String) r[1]));
                m.put("summary", json.readTree((String) r[2]));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            m.put("createdBy", r[3]);
            m.put("createdAt", String.valueOf(r[4]));
            out.add(m);
        }
        return out;
    }
}
