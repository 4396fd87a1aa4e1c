package io.parkcredit.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.monitoring.EventIntake;
import io.parkcredit.park.ParkId;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import io.parkcredit.supervision.InspectorAssignment.Inspector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Inspection plans (DOMAIN.md §10.1): every active in-park firm's tier and inclusion probability,
 * the draw from a stored seed, two inspectors per drawn firm, and results that become credit
 * records (FAILED: a QUALITY_CHECK_FAILED record, 抽检不合格, GENERAL or SERIOUS; PASSED: a
 * positive HONOR record) through the event intake, so lists, ratings and monitoring see them.
 */
@ApplicationScoped
public class SupervisionService {

    static final String EVENT_SOURCE = "INSPECTION";

    @Inject
    DataSource dataSource;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    EventIntake intake;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public record InspectorIn(String id, String name, String unit) {
    }

    /** A plan; {@code parkCode} names its park (a region ADMIN's choice, default the first park). */
    public record PlanRequest(String period, Integer count, Long seed, List<InspectorIn> inspectors, String parkCode) {

        public PlanRequest(String period, Integer count, Long seed, List<InspectorIn> inspectors) {
            this(period, count, seed, inspectors, null);
        }
    }

    public record FirmView(String uscc, String name, String tier, double weight, double inclusionProbability,
            boolean selected, List<Inspector> inspectors, String outcome) {
    }

    /** The plan as API.md fixes it, with its header for the pages. */
    public record PlanView(long id, long seed, String period, int count, LocalDate day, int eligible, String createdBy,
            List<FirmView> firms) {
    }

    public record TierShare(String tier, double weight, long firms, double shareOfFirms, double expected,
            long drawn, long inspected) {
    }

    public record PlanSummary(long id, String period, int count, long seed, LocalDate day, int eligible,
            long results) {
    }

    public record ResultRequest(String uscc, String outcome, String findings, String severity) {
    }

    public record ResultView(long planId, String uscc, String outcome, String findings, String severity,
            EventIntake.StoredEvent event) {
    }

    record Eligible(String uscc, String name, String tier, double weight) {
    }

    /** Draws a plan and stores it with its seed: the same seed over the same park gives the same draw. */
    @Transactional
    public PlanView plan(PlanRequest req) {
        currentUser.require(Action.INSPECTION_PLAN);
        if (req == null) {
            throw ProblemException.badRequest("expected {period, count, seed?, inspectors}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String period = text(problems, "period", req.period(), 40, true);
        if (req.count() == null || req.count() < 1) {
            problems.add(FieldProblem.of("count", "a whole number of at least 1"));
        }
        List<Inspector> pool = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> units = new HashSet<>();
        List<InspectorIn> given = req.inspectors() == null ? List.of() : req.inspectors();
        if (given.size() > 1000) {
            problems.add(FieldProblem.of("inspectors", "at most 1000 inspectors"));
            given = List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            InspectorIn x = given.get(i);
            if (x == null) {
                problems.add(FieldProblem.of("inspectors[" + i + "]", "an object {id, name, unit}"));
                continue;
            }
            String id = text(problems, "inspectors[" + i + "].id", x.id(), 40, true);
            String name = text(problems, "inspectors[" + i + "].name", x.name(), 100, true);
            String unit = text(problems, "inspectors[" + i + "].unit", x.unit(), 100, true);
            if (id != null && !ids.add(id)) {
                problems.add(FieldProblem.of("inspectors[" + i + "].id", "the id " + id + " is given twice"));
            }
            if (id != null && name != null && unit != null) {
                pool.add(new Inspector(id, name, unit));
                units.add(unit);
            }
        }
        if (problems.isEmpty() && units.size() < 2) {
            problems.add(FieldProblem.of("inspectors", "inspectors of at least two different units"));
        }
        int park = park(req.parkCode(), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.size() + " invalid field(s)", problems);
        }
        LocalDate day = LocalDate.now(clock);
        long seed = req.seed() != null ? req.seed() : new SecureRandom().nextLong();
        try (Connection c = dataSource.getConnection()) {
            List<Eligible> firms = eligible(c, day, park);
            int n = req.count();
            if (n > firms.size()) {
                throw ProblemException.invalid("count", "at most the " + firms.size() + " eligible firms");
            }
            double[] w = firms.stream().mapToDouble(Eligible::weight).toArray();
            double[] pi = SystematicPps.inclusionProbabilities(w, n);
            int[] drawn = SystematicPps.draw(pi, seed);
            List<String> drawnUscc = new ArrayList<>();
            for (int i : drawn) {
                drawnUscc.add(firms.get(i).uscc());
            }
            Map<String, Set<String>> last = lastInspectors(c, drawnUscc);
            List<Set<String>> lastList = drawnUscc.stream().map(u -> last.getOrDefault(u, Set.of())).toList();
            List<String[]> assigned = InspectorAssignment.assign(drawnUscc, lastList, pool, seed);
            long planId = insertPlan(c, period, n, seed, day, firms.size(), pool, park);
            insertFirms(c, planId, firms, pi, drawn, assigned);
            audit.record("INSPECTION_PLAN", "INSPECTION_PLAN", String.valueOf(planId),
                    "park " + park + ", period " + period + ", " + n + " of " + firms.size() + " firms, seed " + seed
                            + ", " + pool.size() + " inspectors", null);
            return view(c, planId, false);
        } catch (SQLException e) {
            throw new IllegalStateException("storing the inspection plan failed: " + e.getMessage(), e);
        }
    }

    /**
     * The park of a new plan (DOMAIN.md §10.3): a park ADMIN's own (naming another is refused), the one a
     * region ADMIN names, or the first park when it names none.
     */
    private int park(String code, List<FieldProblem> problems) {
        Integer own = currentUser.parks().sqlParam();
        String named = code == null || code.isBlank() ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (named == null) {
            return own != null ? own : ParkId.DEFAULT.value();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id from parks where code = ?")) {
            ps.setString(1, named);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || (own != null && rs.getInt(1) != own)) {
                    problems.add(FieldProblem.of("parkCode", own != null ? "a park ADMIN plans for its own park"
                            : "no park has this code"));
                    return ParkId.DEFAULT.value();
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's parks: the park, or null for the region (two parameters of {@link #IN_SCOPE}). */
    private Integer scope() {
        return currentUser.parks().sqlParam();
    }

    private static final String IN_SCOPE = " and (cast(? as integer) is null or p.park_id = ?)";

    /** Every active in-park firm of park {@code park} with its tier and weight on {@code day}, in USCC order. */
    List<Eligible> eligible(Connection c, LocalDate day, int park) throws SQLException {
        Map<String, Double> weights = weights(c);
        List<Eligible> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                with run as (select id from classification_runs where status = 'PUBLISHED' and park_id = %1$d
                             order by year desc limit 1)
                select e.uscc, e.name, l.list, g.grade,
                       exists (select 1 from credit_events v where v.uscc = e.uscc and v.severity = 'SERIOUS'
                               and v.occurred_on <= ?1 and v.occurred_on > ?1 - interval '36 months'
                               and (v.repaired_on is null or v.repaired_on > ?1)),
                       exists (select 1 from credit_events v where v.uscc = e.uscc and v.severity = 'GENERAL'
                               and v.occurred_on <= ?1 and v.occurred_on > ?1 - interval '12 months'
                               and (v.repaired_on is null or v.repaired_on > ?1))
                from enterprises e
                left join classification_results l on l.run_id = (select id from run) and l.uscc = e.uscc
                left join lateral (select p.grade from published_ratings p where p.uscc = e.uscc and p.valid_from <= ?1
                                   and p.valid_until >= ?1 and (p.revoked_on is null or p.revoked_on > ?1)
                                   order by p.valid_from desc limit 1) g on true
                where e.in_park and e.status = 'ACTIVE' and e.park_id = %1$d
                order by e.uscc""".replace("?1", "?::date").formatted(park))) {
            String d = day.toString();
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setString(i, d);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String tier = Tiers.tier(new Tiers.Facts(rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getBoolean(6)), weights);
                    out.add(new Eligible(rs.getString(1), rs.getString(2), tier, weights.get(tier)));
                }
            }
        }
        return out;
    }

    static Map<String, Double> weights(Connection c) throws SQLException {
        Map<String, Double> w = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select tier, weight from inspection_tier_weights order by rank");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                w.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return w;
    }

    private static Map<String, Set<String>> lastInspectors(Connection c, List<String> usccs) throws SQLException {
        Map<String, Set<String>> last = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select distinct on (uscc) uscc, inspector_1, inspector_2 from inspection_firms
                where selected and uscc = any (?) order by uscc, plan_id desc""")) {
            ps.setArray(1, c.createArrayOf("text", usccs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getString(1), Set.of(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return last;
    }

    private long insertPlan(Connection c, String period, int n, long seed, LocalDate day, int eligible,
            List<Inspector> pool, int park) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("insert into inspection_plans (period, target, seed, day, eligible,"
                + " created_by, park_id) values (?, ?, ?, ?, ?, ?, ?) returning id")) {
            ps.setInt(7, park);
            ps.setString(1, period);
            ps.setInt(2, n);
            ps.setLong(3, seed);
            ps.setDate(4, Date.valueOf(day));
            ps.setInt(5, eligible);
            ps.setString(6, currentUser.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into inspection_inspectors (plan_id, inspector_id, name,"
                + " unit) values (?, ?, ?, ?)")) {
            for (Inspector x : pool) {
                ps.setLong(1, id);
                ps.setString(2, x.id());
                ps.setString(3, x.name());
                ps.setString(4, x.unit());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    /** All firms of the plan in one statement (arrays unnested), drawn ones with their order and inspectors. */
    private static void insertFirms(Connection c, long planId, List<Eligible> firms, double[] pi, int[] drawn,
            List<String[]> assigned) throws SQLException {
        int size = firms.size();
        Object[] uscc = new Object[size];
        Object[] tier = new Object[size];
        Object[] weight = new Object[size];
        Object[] prob = new Object[size];
        Object[] order = new Object[size];
        Object[] i1 = new Object[size];
        Object[] i2 = new Object[size];
        for (int i = 0; i < size; i++) {
            uscc[i] = firms.get(i).uscc();
            tier[i] = firms.get(i).tier();
            weight[i] = firms.get(i).weight();
            prob[i] = pi[i];
        }
        for (int k = 0; k < drawn.length; k++) {
            order[drawn[k]] = k + 1;
            i1[drawn[k]] = assigned.get(k)[0];
            i2[drawn[k]] = assigned.get(k)[1];
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into inspection_firms (plan_id, uscc, tier, weight, probability, selected, draw_order,
                                              inspector_1, inspector_2)
                select ?, u, t, w, p, o is not null, o, a, b
                from unnest(?::text[], ?::text[], ?::float8[], ?::float8[], ?::int4[], ?::text[], ?::text[])
                     as x (u, t, w, p, o, a, b)""")) {
            ps.setLong(1, planId);
            ps.setArray(2, c.createArrayOf("text", uscc));
            ps.setArray(3, c.createArrayOf("text", tier));
            ps.setArray(4, c.createArrayOf("float8", weight));
            ps.setArray(5, c.createArrayOf("float8", prob));
            ps.setArray(6, c.createArrayOf("int4", order));
            ps.setArray(7, c.createArrayOf("text", i1));
            ps.setArray(8, c.createArrayOf("text", i2));
            ps.executeUpdate();
        }
    }

    @Transactional
    public PlanView view(long planId, boolean selectedOnly) {
        currentUser.require(Action.INSPECTIONS_READ);
        try (Connection c = dataSource.getConnection()) {
            return view(c, planId, selectedOnly);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private PlanView view(Connection c, long planId, boolean selectedOnly) throws SQLException {
        PlanView head = null;
        try (PreparedStatement ps = c.prepareStatement("select id, seed, period, target, day, eligible, created_by"
                + " from inspection_plans p where id = ?" + IN_SCOPE)) {
            ps.setLong(1, planId);
            ps.setObject(2, scope());
            ps.setObject(3, scope());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // a plan of another park is as if it did not exist
                    throw ProblemException.notFound("inspection plan", String.valueOf(planId));
                }
                head = new PlanView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getString(7), List.of());
            }
        }
        Map<String, Inspector> pool = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select inspector_id, name, unit from inspection_inspectors"
                + " where plan_id = ?")) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pool.put(rs.getString(1), new Inspector(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        List<FirmView> firms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select f.uscc, e.name, f.tier, f.weight, f.probability, f.selected, f.inspector_1, f.inspector_2, r.outcome
                from inspection_firms f join enterprises e on e.uscc = f.uscc
                left join inspection_results r on r.plan_id = f.plan_id and r.uscc = f.uscc
                where f.plan_id = ?""" + (selectedOnly ? " and f.selected" : "")
                + " order by f.selected desc, f.draw_order, f.uscc")) {
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Inspector> who = rs.getString(7) == null ? List.of()
                            : List.of(pool.get(rs.getString(7)), pool.get(rs.getString(8)));
                    firms.add(new FirmView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getBoolean(6), who, rs.getString(9)));
                }
            }
        }
        return new PlanView(head.id(), head.seed(), head.period(), head.count(), head.day(), head.eligible(),
                head.createdBy(), firms);
    }

    /** Per tier: firms, their share, the expected and actual inspections, the results so far. */
    @Transactional
    public List<TierShare> tiers(long planId) {
        currentUser.require(Action.INSPECTIONS_READ);
        requirePlan(planId);
        List<TierShare> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select w.tier, w.weight, count(f.uscc), coalesce(sum(f.probability), 0),
                       count(*) filter (where f.selected), count(r.uscc),
                       (select count(*) from inspection_firms where plan_id = ?)
                from inspection_tier_weights w
                left join inspection_firms f on f.tier = w.tier and f.plan_id = ?
                left join inspection_results r on r.plan_id = f.plan_id and r.uscc = f.uscc
                group by w.tier, w.weight, w.rank order by w.rank""")) {
            ps.setLong(1, planId);
            ps.setLong(2, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long all = rs.getLong(7);
                    out.add(new TierShare(rs.getString(1), rs.getDouble(2), rs.getLong(3),
                            all == 0 ? 0 : round(rs.getLong(3) / (double) all), round(rs.getDouble(4)), rs.getLong(5),
                            rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** 404 unless the plan exists in the caller's parks. */
    private void requirePlan(long planId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from inspection_plans p where p.id = ?" + IN_SCOPE)) {
            ps.setLong(1, planId);
            ps.setObject(2, scope());
            ps.setObject(3, scope());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("inspection plan", String.valueOf(planId));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Before drawing: what a plan of {@code n} would give each tier today (no seed needed: Σπ per tier),
     * over the caller's park (the first park for the region, as a plan that names none).
     */
    @Transactional
    public List<TierShare> preview(int n) {
        currentUser.require(Action.INSPECTION_PLAN);
        try (Connection c = dataSource.getConnection()) {
            List<Eligible> firms = eligible(c, LocalDate.now(clock), park(null, new ArrayList<>()));
            if (n < 1 || n > firms.size()) {
                throw ProblemException.invalid("count", "between 1 and the " + firms.size() + " eligible firms");
            }
            double[] pi = SystematicPps.inclusionProbabilities(firms.stream().mapToDouble(Eligible::weight).toArray(), n);
            Map<String, Double> weights = weights(c);
            List<TierShare> out = new ArrayList<>();
            for (String t : Tiers.ORDER) {
                long count = 0;
                double expected = 0;
                for (int i = 0; i < firms.size(); i++) {
                    if (firms.get(i).tier().equals(t)) {
                        count++;
                        expected += pi[i];
                    }
                }
                out.add(new TierShare(t, weights.get(t), count, round(count / (double) firms.size()), round(expected),
                        0, 0));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public List<PlanSummary> plans() {
        currentUser.require(Action.INSPECTIONS_READ);
        List<PlanSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select p.id, p.period, p.target, p.seed, p.day, p.eligible,
                       (select count(*) from inspection_results r where r.plan_id = p.id)
                from inspection_plans p where true""" + IN_SCOPE + " order by p.id desc limit 200")) {
            ps.setObject(1, scope());
            ps.setObject(2, scope());
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                out.add(new PlanSummary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getLong(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** A drawn firm's result, recorded once, as a credit record through the event intake (monitoring sees it). */
    @Transactional
    public ResultView result(long planId, ResultRequest req) {
        currentUser.require(Action.INSPECTION_RESULT);
        if (req == null) {
            throw ProblemException.badRequest("expected {uscc, outcome, findings?, severity?}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String uscc = null;
        try {
            uscc = Uscc.parse(req.uscc()).value();
        } catch (InvalidValueException e) {
            problems.add(FieldProblem.of("uscc", e.getMessage()));
        }
        String outcome = req.outcome() == null ? null : req.outcome().strip();
        if (!"PASSED".equals(outcome) && !"FAILED".equals(outcome)) {
            problems.add(FieldProblem.of("outcome", "PASSED or FAILED"));
        }
        String findings = text(problems, "findings", req.findings(), 2000, "FAILED".equals(outcome));
        String severity = req.severity() == null || req.severity().isBlank() ? null : req.severity().strip();
        if (severity != null && !severity.equals("GENERAL") && !severity.equals("SERIOUS")) {
            problems.add(FieldProblem.of("severity", "GENERAL or SERIOUS"));
        }
        if (severity != null && "PASSED".equals(outcome)) {
            problems.add(FieldProblem.of("severity", "only a FAILED inspection carries a severity"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.size() + " invalid field(s)", problems);
        }
        if ("FAILED".equals(outcome) && severity == null) {
            severity = "GENERAL";
        }
        String period;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select p.period, f.selected,"
                    + " exists (select 1 from inspection_results r where r.plan_id = f.plan_id and r.uscc = f.uscc)"
                    + " from inspection_plans p left join inspection_firms f on f.plan_id = p.id and f.uscc = ?"
                    + " where p.id = ?" + IN_SCOPE)) {
                ps.setString(1, uscc);
                ps.setLong(2, planId);
                ps.setObject(3, scope());
                ps.setObject(4, scope());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("inspection plan", String.valueOf(planId));
                    }
                    if (!rs.getBoolean(2)) {
                        throw ProblemException.conflict("not-drawn", uscc + " was not drawn in plan " + planId);
                    }
                    if (rs.getBoolean(3)) {
                        throw ProblemException.conflict("result-recorded", "the result of " + uscc + " in plan "
                                + planId + " is already recorded");
                    }
                    period = rs.getString(1);
                }
            }
            String eventNo = "P" + planId + "-" + uscc;
            ObjectNode e = json.createObjectNode();
            e.put("source", EVENT_SOURCE);
            e.put("eventNo", eventNo);
            e.put("uscc", uscc);
            e.put("occurredOn", LocalDate.now(clock).toString());
            if ("FAILED".equals(outcome)) {
                e.put("type", "QUALITY_CHECK_FAILED");
                e.put("severity", severity);
                e.put("title", "双随机抽查不合格（" + period + "）");
                e.put("detail", findings);
            } else {
                e.put("type", "HONOR");
                e.put("title", "双随机抽查合格（" + period + "）");
            }
            EventIntake.StoredEvent stored = intake.accept(e).get(0);
            try (PreparedStatement ps = c.prepareStatement("insert into inspection_results (plan_id, uscc, outcome,"
                    + " findings, severity, event_source, event_no, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, planId);
                ps.setString(2, uscc);
                ps.setString(3, outcome);
                ps.setString(4, findings);
                ps.setString(5, severity);
                ps.setString(6, EVENT_SOURCE);
                ps.setString(7, eventNo);
                ps.setString(8, currentUser.name());
                ps.executeUpdate();
            }
            audit.record("INSPECTION_RESULT", "INSPECTION_PLAN", planId + "/" + uscc,
                    outcome + (severity == null ? "" : " " + severity), findings);
            return new ResultView(planId, uscc, outcome, findings, severity, stored);
        } catch (SQLException ex) {
            throw new IllegalStateException("recording the result failed: " + ex.getMessage(), ex);
        }
    }

    private static String text(List<FieldProblem> problems, String field, String value, int max, boolean required) {
        try {
            return required ? Text.required(field, value, max) : Text.optional(field, value, max);
        } catch (ProblemException e) {
            problems.addAll(e.errors());
            return null;
        } catch (InvalidValueException e) {
            problems.add(FieldProblem.of(field, e.getMessage()));
            return null;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
