package io.parkcredit.bundle;

import io.parkcredit.classification.ClassificationService;
import io.parkcredit.rating.Metric;
import io.parkcredit.rating.RatingModel;
import io.parkcredit.rating.RatingModelService;
import io.parkcredit.rating.RatingService;
import io.parkcredit.rating.RatingViews.ApplicationView;
import io.parkcredit.screening.ScreeningService;
import io.parkcredit.screening.ShortlistService;
import io.parkcredit.security.Role;
import io.parkcredit.security.StartupActor;
import io.parkcredit.security.StartupActor.Actor;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Tells the whole story of a freshly loaded demo park through the ordinary service methods, each
 * step taken by the actor who would take it (park committee, evaluator, firm, bank, guarantor,
 * investment officer) and audited as usual: rating applications at every workflow stage and
 * published grades, two years of published red/white/yellow lists, products, financing requests at
 * every stage, alerts and SMS, a saved screening with a shortlist, and sign-in users for every role.
 * <p>
 * Deterministic: every choice is made from the loaded park in USCC order and from the demo seed;
 * days are counted back from {@code today}. Runs once, right after the demo bundle went into an
 * empty registry.
 */
@ApplicationScoped
public class DemoStory {

    private static final Logger LOG = Logger.getLogger(DemoStory.class);

    /** The park committee's decisions are taken in the name of the first ADMIN. */
    static final Actor PARK = Actor.of("admin", Role.ADMIN);
    static final Actor EVALUATOR = Actor.of(DemoUsers.EVALUATOR, Role.EVALUATOR);
    static final Actor INVESTMENT = Actor.of(DemoUsers.INVESTMENT, Role.INVESTMENT);

    /** The stages a rating application is left in, latest first; PUBLISHED goes on to the sweep. */
    enum RatingStage { PUBLISHED, APPROVED, AWAITING_APPROVAL, OBJECTED, DRAFT, UNDER_EVALUATION, QUALIFIED, APPLIED }

    /** What the story did, for the log and the demo users' bindings. */
    public record Told(Map<String, Integer> ratings, List<Long> classificationRuns, Map<String, Integer> financing,
            int alerts, int sms, long screeningId, String firmUscc, String debtorUscc, long millis) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    StartupActor actors;

    @Inject
    RatingService ratings;

    @Inject
    RatingModelService models;

    @Inject
    ClassificationService classification;

    @Inject
    io.parkcredit.rating.RatingReviewRunner reviews;

    @Inject
    DemoFinancing financing;

    @Inject
    DemoMonitoring monitoring;

    @Inject
    ScreeningService screening;

    @Inject
    ShortlistService shortlist;

    @Inject
    DemoUsers users;

    /** Tells the story of the demo park generated with {@code seed}, seen from {@code today}. */
    public Told tell(LocalDate today, long seed) {
        long t0 = System.nanoTime();
        int firms = count("select count(*) from enterprises where in_park and status = 'ACTIVE'");
        List<String> candidates = ratingCandidates(today);
        DemoFinancing.Cast cast = financing.cast(today, firms, candidates);
        Map<String, Integer> rated = rate(today, seed, firms, cast.firm(), candidates);
        List<Long> runs = classify(today);
        review(today);
        Map<String, Integer> financed = financing.tell(today, seed, cast);
        int[] alerted = monitoring.tell(today, cast);
        long screeningId = screen();
        users.create(cast.firm(), cast.debtor());
        Told told = new Told(rated, runs, financed, alerted[0], alerted[1], screeningId, cast.firm(), cast.debtor(),
                (System.nanoTime() - t0) / 1_000_000);
        LOG.infof("demo story told in %d ms: ratings %s, classification runs %s, financing %s, %d alerts, %d SMS,"
                + " screening %d", told.millis(), rated, runs, financed, told.alerts(), told.sms(), screeningId);
        return told;
    }

    /**
     * Rating applications of firms that look qualified (registered three years, revenue every
     * statement year, no serious record in three years), walked through the workflow to the stage
     * each is left in. Published grades went through their publicity period weeks ago.
     */
    Map<String, Integer> rate(LocalDate today, long seed, int firms, String firstFirm, List<String> qualified) {
        List<String> candidates = new ArrayList<>(qualified);
        if (candidates.remove(firstFirm)) {
            candidates.add(0, firstFirm); // the demo firm user's own firm gets a published grade
        }
        List<RatingStage> plan = new ArrayList<>();
        int published = Math.max(3, Math.min(30, firms / 20));
        for (int i = 0; i < published; i++) {
            plan.add(RatingStage.PUBLISHED);
        }
        int each = firms >= 300 ? 2 : 1;
        for (RatingStage s : RatingStage.values()) {
            for (int i = 0; s != RatingStage.PUBLISHED && i < each; i++) {
                plan.add(s);
            }
        }
        Map<String, Integer> done = new LinkedHashMap<>();
        Map<String, Double> maxPoints = onsiteMaxima();
        int next = 0;
        for (RatingStage stage : plan) {
            while (next < candidates.size()) {
                String uscc = candidates.get(next++);
                String reached = walk(uscc, stage, today, maxPoints, new SplittableRandom(seed ^ uscc.hashCode()));
                done.merge(reached, 1, Integer::sum);
                if (!"NOT_QUALIFIED".equals(reached)) {
                    break;
                }
            }
        }
        Map<String, Integer> swept = ratings.sweep(today);
        done.put("sweptToPublished", swept.get("published"));
        return done;
    }

    /** Firms that look qualified for a rating, in USCC order. */
    List<String> ratingCandidates(LocalDate today) {
        return strings("""
                select e.uscc from enterprises e
                where e.in_park and e.status = 'ACTIVE' and e.registered_on <= ?
                  and (select count(*) from financial_statements s where s.uscc = e.uscc and s.revenue > 0) >= 3
                  and not exists (select 1 from credit_events v where v.uscc = e.uscc and v.severity = 'SERIOUS'
                                  and v.occurred_on > ? and v.repaired_on is null)
                order by e.uscc""", today.minusYears(3).minusDays(90), today.minusYears(3));
    }

    /** One firm's application taken to {@code stage}; returns the status it ended in. */
    private String walk(String uscc, RatingStage stage, LocalDate today, Map<String, Double> maxPoints,
            SplittableRandom r) {
        Actor firm = financing.firmActor(uscc);
        // days of the steps: the published ones went through their publicity period weeks ago
        boolean old = stage == RatingStage.PUBLISHED;
        LocalDate applied = today.minusDays(old ? 75 : 20);
        ApplicationView a = actors.call(firm, () -> ratings.apply(uscc, applied));
        long id = a.id();
        if (stage == RatingStage.APPLIED) {
            return a.status();
        }
        a = actors.call(PARK, () -> ratings.qualify(id, applied.plusDays(2)));
        if (!"QUALIFIED".equals(a.status()) || stage == RatingStage.QUALIFIED) {
            return a.status();
        }
        a = actors.call(PARK, () -> ratings.review(id, "营业执照、财务报表及信用承诺书齐全"));
        if (stage == RatingStage.UNDER_EVALUATION) {
            return a.status();
        }
        Map<String, Double> onsite = new LinkedHashMap<>();
        maxPoints.forEach((code, max) -> onsite.put(code, Math.floor(max * (0.55 + r.nextDouble() * 0.4) * 10) / 10));
        LocalDate scored = switch (stage) {
            case PUBLISHED -> today.minusDays(60);
            case APPROVED, AWAITING_APPROVAL -> today.minusDays(8);
            case OBJECTED -> today.minusDays(4);
            default -> today.minusDays(1);
        };
        a = actors.call(EVALUATOR, () -> ratings.score(id, onsite, scored));
        if (stage == RatingStage.DRAFT) {
            return a.status();
        }
        if (stage == RatingStage.OBJECTED) {
            return actors.call(firm, () -> ratings.object(id, "研发投入未计入2024年新增专利，请复核创新能力指标",
                    scored.plusDays(2))).status();
        }
        a = actors.call(firm, () -> ratings.accept(id));
        if (stage == RatingStage.AWAITING_APPROVAL) {
            return a.status();
        }
        LocalDate approved = stage == RatingStage.PUBLISHED ? scored.plusDays(12) : today.minusDays(2);
        return actors.call(PARK, () -> ratings.approve(id, approved)).status();
    }

    /** The on-site indicators of the current model with their full points. */
    private Map<String, Double> onsiteMaxima() {
        RatingModel m = models.current().model();
        double total = m.totalWeight();
        Map<String, Double> max = new LinkedHashMap<>();
        for (RatingModel.Placed p : m.indicators()) {
            if (p.indicator().metric() == Metric.ONSITE) {
                max.put(p.indicator().code(), m.maxPoints(p.indicator(), total));
            }
        }
        return max;
    }

    /**
     * The lists of the year before last and of last year, each run and published by the park, so
     * the year overview shows the moves between them.
     */
    List<Long> classify(LocalDate today) {
        List<Long> runs = new ArrayList<>();
        for (int year = today.getYear() - 2; year < today.getYear(); year++) {
            int y = year;
            long runId = actors.call(PARK, () -> classification.run(y)).runId();
            actors.run(PARK, () -> classification.publish(y, runId));
            runs.add(runId);
        }
        return runs;
    }

    /**
     * The evaluator's yearly reviews (年审) of the last three statement years: every firm scored on
     * each Y-12-31, which the back-test (DOMAIN.md §10.4) sets against the next year. The scores
     * separate the firms because the generator draws one hidden risk per firm ({@link DemoPark})
     * that drives both its statements (leverage, margin, contract fulfilment) and its later loans in
     * arrears and serious records.
     */
    void review(LocalDate today) {
        for (int year = today.getYear() - 3; year < today.getYear(); year++) {
            int y = year;
            actors.call(EVALUATOR, () -> reviews.run(y));
        }
    }

    /** The investment officer's saved screening of the prospects, with the top five shortlisted. */
    long screen() {
        return actors.call(INVESTMENT, () -> {
            var result = screening.screen(new ScreeningService.Request(null, "ENTROPY", 50));
            result.ranked().stream().limit(5).forEach(r -> {
                try {
                    shortlist.add(result.screeningId(), r.uscc(), "第" + r.rank() + "名，建议上门洽谈");
                } catch (ProblemException e) {
                    LOG.debugf("not shortlisted: %s", e.getMessage());
                }
            });
            return result.screeningId();
        });
    }

    int count(String sql, Object... params) {
        return Integer.parseInt(strings(sql, params).get(0));
    }

    /** The first column of a query's rows as text. */
    List<String> strings(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("demo story query failed: " + e.getMessage(), e);
        }
    }
}
