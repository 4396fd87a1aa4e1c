package io.parkcredit.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.monitoring.SmsDispatcher;
import io.parkcredit.park.ParkId;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Policies and their matching (DOMAIN.md §10.2): the park writes a policy with its eligibility as
 * data and publishes it; publishing matches the whole park in one pass and notifies each matching
 * firm once; a firm sees the policies it qualifies for with every clause and applies; the park
 * approves or rejects. {@link #rematchOpen} runs the open policies again (after lists or grades change).
 */
@ApplicationScoped
public class PolicyService {

    static final Set<String> KINDS = Set.of("SUBSIDY", "INTEREST_DISCOUNT", "GUARANTEE_FEE", "RENT", "TALENT", "OTHER");
    static final Set<String> LISTS = Set.of("RED", "WHITE", "YELLOW", "NONE");

    @Inject
    DataSource dataSource;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    TransactionSynchronizationRegistry tsr;

    /** A new policy; {@code parkCode} names its park (a region ADMIN's choice, default the first park). */
    public record PolicyRequest(String title, String kind, LocalDate validFrom, LocalDate validTo, String benefit,
            Eligibility eligibility, String parkCode) {

        public PolicyRequest(String title, String kind, LocalDate validFrom, LocalDate validTo, String benefit,
                Eligibility eligibility) {
            this(title, kind, validFrom, validTo, benefit, eligibility, null);
        }
    }

    /** A policy with the park it belongs to (DOMAIN.md §10.3). */
    public record PolicyView(long id, String title, String kind, LocalDate validFrom, LocalDate validTo, String benefit,
            Eligibility eligibility, String status, long matches, int parkId, String parkCode) {
    }

    public record Published(long id, int notified) {
    }

    public record Match(String uscc, String name, List<PolicyRules.Clause> clauses) {
    }

    public record Mine(PolicyView policy, List<PolicyRules.Clause> clauses, String application) {
    }

    static final Set<String> APPLICATION_STATUSES = Set.of("APPLIED", "APPROVED", "REJECTED");

    /**
     * A firm's application as the park decides it: the clauses are the match the firm had when it
     * applied; {@code matchLapsed} tells the firm has stopped qualifying since (the application stays).
     */
    public record Application(long id, long policyId, String policyTitle, String uscc, String name, String status,
            Instant appliedAt, List<PolicyRules.Clause> clauses, boolean matchLapsed, String decidedBy,
            Instant decidedAt, String reason) {
    }

    @Transactional
    public PolicyView create(PolicyRequest r) {
        currentUser.require(Action.POLICY_MANAGE);
        if (r == null) {
            throw ProblemException.badRequest("expected {title, kind, validFrom, validTo, benefit, eligibility}");
        }
        List<FieldProblem> p = new ArrayList<>();
        String title = text(p, "title", r.title(), 200);
        String benefit = text(p, "benefit", r.benefit(), 2000);
        if (r.kind() == null || !KINDS.contains(r.kind())) {
            p.add(FieldProblem.of("kind", "one of " + KINDS));
        }
        if (r.validFrom() == null) {
            p.add(FieldProblem.of("validFrom", "required"));
        }
        if (r.validTo() == null) {
            p.add(FieldProblem.of("validTo", "required"));
        } else if (r.validFrom() != null && r.validTo().isBefore(r.validFrom())) {
            p.add(FieldProblem.of("validTo", "not before validFrom"));
        }
        Eligibility e = r.eligibility() == null ? new Eligibility(null, null, null, null, null, null, null, null, null)
                : r.eligibility();
        check(e, p);
        Object[] park = park(r.parkCode(), p);
        if (!p.isEmpty()) {
            throw ProblemException.invalid(p.size() + " invalid field(s)", p);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into policies"
                + " (title, kind, valid_from, valid_to, benefit, eligibility, created_by, park_id) values (?, ?, ?, ?, ?,"
                + " cast(? as jsonb), ?, ?) returning id")) {
            ps.setString(1, title);
            ps.setString(2, r.kind());
            ps.setDate(3, Date.valueOf(r.validFrom()));
            ps.setDate(4, Date.valueOf(r.validTo()));
            ps.setString(5, benefit);
            ps.setString(6, json.writeValueAsString(e));
            ps.setString(7, currentUser.name());
            ps.setInt(8, (Integer) park[0]);
            long id;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            audit.record("POLICY_CREATE", "POLICY", String.valueOf(id), title + " (park " + park[1] + ")", null);
            return new PolicyView(id, title, r.kind(), r.validFrom(), r.validTo(), benefit, e, "DRAFT", 0,
                    (Integer) park[0], (String) park[1]);
        } catch (SQLException | JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The park of a new policy, {id, code}: a park ADMIN's own park (naming another is refused), the
     * park a region ADMIN names, or the first park when it names none.
     */
    private Object[] park(String code, List<FieldProblem> p) {
        Integer own = currentUser.parks().sqlParam();
        String named = code == null || code.isBlank() ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, code from parks where " + (named != null ? "code = ?" : "id = ?"))) {
            if (named != null) {
                ps.setString(1, named);
            } else {
                ps.setInt(1, own != null ? own : ParkId.DEFAULT.value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || (own != null && rs.getInt(1) != own)) {
                    p.add(FieldProblem.of("parkCode", own != null ? "a park ADMIN creates policies of its own park"
                            : "no park has this code"));
                    return new Object[] {ParkId.DEFAULT.value(), ""};
                }
                return new Object[] {rs.getInt(1), rs.getString(2)};
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void check(Eligibility e, List<FieldProblem> p) {
        if (e.lists() != null) {
            e.lists().stream().filter(l -> l == null || !LISTS.contains(l)).findFirst()
                    .ifPresent(l -> p.add(FieldProblem.of("eligibility.lists", "RED, WHITE, YELLOW or NONE")));
        }
        if (e.minGrade() != null && !PolicyRules.GRADES.contains(e.minGrade())) {
            p.add(FieldProblem.of("eligibility.minGrade", "AAA, AA, A, B or C"));
        }
        if (e.industries() != null) {
            if (e.industries().size() > 100) {
                p.add(FieldProblem.of("eligibility.industries", "at most 100 prefixes"));
            } else {
                e.industries().stream().filter(i -> i == null || !i.matches("[A-T][0-9]{0,4}")).findFirst()
                        .ifPresent(i -> p.add(FieldProblem.of("eligibility.industries",
                                "GB/T 4754 prefixes: a section letter and up to 4 digits")));
            }
        }
        for (var m : new Object[][] {{"revenueMin", e.revenueMin()}, {"revenueMax", e.revenueMax()}}) {
            if (m[1] != null) {
                try {
                    BigDecimal b = Numbers.bounded((BigDecimal) m[1]);
                    if (b.signum() < 0) {
                        p.add(FieldProblem.of("eligibility." + m[0], "0 or more"));
                    }
                } catch (RuntimeException ex) {
                    p.add(FieldProblem.of("eligibility." + m[0], ex.getMessage()));
                }
            }
        }
        range(p, "employeesMin", e.employeesMin(), 0, 10_000_000);
        range(p, "employeesMax", e.employeesMax(), 0, 10_000_000);
        range(p, "minYears", e.minYears(), 0, 200);
        range(p, "noSeriousMonths", e.noSeriousMonths(), 1, 1200);
    }

    private static void range(List<FieldProblem> p, String field, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            p.add(FieldProblem.of("eligibility." + field, "between " + min + " and " + max));
        }
    }

    /** Publishes a DRAFT and notifies every matching firm once. */
    @Transactional
    public Published publish(long id) {
        currentUser.require(Action.POLICY_MANAGE);
        PolicyView v = load(id);
        if (!"DRAFT".equals(v.status())) {
            throw ProblemException.conflict("policy-published", "policy " + id + " is already published");
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("update policies set status = 'PUBLISHED', published_at = now()"
                    + " where id = ? and status = 'DRAFT'")) {
                ps.setLong(1, id);
                if (ps.executeUpdate() != 1) {
                    throw ProblemException.conflict("policy-published", "policy " + id + " is already published");
                }
            }
            int[] n = PolicyMatcher.matchAndNotify(c, id, v.parkId(), v.title(), v.validTo(), v.eligibility(),
                    LocalDate.now(clock));
            audit.record("POLICY_PUBLISH", "POLICY", String.valueOf(id), n[0] + " firms notified", null);
            smsOnCommit(n[1]);
            return new Published(id, n[0]);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Matches every open published policy again (a firm's list, grade or facts changed); firms that
     * newly qualify are notified once, firms already matched are not touched. Run by {@link PolicyJobs}.
     *
     * @return the new matches
     */
    @Transactional
    public int rematchOpen() {
        int total = 0;
        int sms = 0;
        LocalDate day = LocalDate.now(clock);
        try (Connection c = dataSource.getConnection()) {
            List<PolicyView> open = list(c, " where status = 'PUBLISHED' and valid_to >= ?", day);
            // the firms' facts once for the pass, every park's (latest list, valid grade, latest revenue, last
            // serious record); each policy's statements read its own park's firms
            String facts = open.isEmpty() ? null : PolicyMatcher.factsTable(c, day);
            for (PolicyView v : open) {
                int[] n = PolicyMatcher.matchAndNotify(c, v.id(), v.parkId(), v.title(), v.validTo(), v.eligibility(), day,
                        facts);
                if (n[0] > 0) {
                    audit.recordAs("system", "POLICY_REMATCH", "POLICY", String.valueOf(v.id()),
                            n[0] + " firms newly notified", null);
                }
                total += n[0];
                sms += n[1];
                lapse(c, v, day, facts);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        smsOnCommit(sms);
        return total;
    }

    /**
     * Part of the re-matching pass: the policy's matches whose firm no longer qualifies become LAPSED
     * (kept, left out of "policies for me" unless the firm has applied), lapsed ones whose firm
     * qualifies again reopen, both audited. One statement per policy ({@link PolicyMatcher#lapse}).
     */
    private void lapse(Connection c, PolicyView v, LocalDate day, String facts) throws SQLException {
        int[] n = PolicyMatcher.lapse(c, v.id(), v.parkId(), v.eligibility(), day, facts);
        if (n[0] > 0 || n[1] > 0) {
            audit.recordAs("system", "POLICY_LAPSE", "POLICY", String.valueOf(v.id()),
                    n[0] + " matches lapsed, " + n[1] + " reopened", null);
        }
    }

    /** Wakes the SMS dispatcher once the new outbox rows are committed. */
    private void smsOnCommit(int queued) {
        if (queued == 0) {
            return;
        }
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }

    @Transactional
    public List<PolicyView> policies() {
        currentUser.require(Action.POLICY_READ);
        try (Connection c = dataSource.getConnection()) {
            return list(c, IN_SCOPE.replace(" and ", " where "), scope(), scope());
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Transactional
    public PolicyView policy(long id) {
        currentUser.require(Action.POLICY_READ);
        return load(id);
    }

    /** The matching firms of a published policy, each with its clauses as they read today. */
    @Transactional
    public PageResult<Match> matches(long id, PageRequest page) {
        currentUser.require(Action.POLICY_READ);
        PolicyView v = load(id);
        try (Connection c = dataSource.getConnection()) {
            List<String> usccs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select uscc from policy_matches where policy_id = ?"
                    + " and lapsed_at is null order by uscc limit ? offset ?")) {
                ps.setLong(1, id);
                ps.setInt(2, page.size());
                ps.setLong(3, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        usccs.add(rs.getString(1));
                    }
                }
            }
            LocalDate day = LocalDate.now(clock);
            List<Match> items = PolicyMatcher.facts(c, day, usccs).stream()
                    .map(r -> new Match(r.uscc(), r.name(), PolicyRules.explain(v.eligibility(), r.facts(), day))).toList();
            return new PageResult<>(items, page.page(), page.size(), v.matches());
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The firm's own matches: the published policies it was matched to, with their clauses today. */
    @Transactional
    public List<Mine> mine() {
        currentUser.require(Action.POLICY_MINE);
        String uscc = currentUser.uscc();
        if (uscc == null) {
            throw ProblemException.forbidden("the user is bound to no firm");
        }
        LocalDate day = LocalDate.now(clock);
        try (Connection c = dataSource.getConnection()) {
            List<PolicyMatcher.Row> facts = PolicyMatcher.facts(c, day, List.of(uscc));
            List<Mine> out = new ArrayList<>();
            for (PolicyView v : list(c, " where id in (select m.policy_id from policy_matches m where m.uscc = ? and (m.lapsed_at is null"
                    + " or exists (select 1 from policy_applications a where a.policy_id = m.policy_id and a.uscc = m.uscc)))",
                    uscc)) {
                String app = null;
                try (PreparedStatement ps = c.prepareStatement("select status from policy_applications where policy_id = ?"
                        + " and uscc = ?")) {
                    ps.setLong(1, v.id());
                    ps.setString(2, uscc);
                    try (ResultSet rs = ps.executeQuery()) {
                        app = rs.next() ? rs.getString(1) : null;
                    }
                }
                out.add(new Mine(v, facts.isEmpty() ? List.of() : PolicyRules.explain(v.eligibility(),
                        facts.get(0).facts(), day), app));
            }
            return out;
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The firm applies for a policy it was matched to and still qualifies for. */
    @Transactional
    public long apply(long id) {
        currentUser.require(Action.POLICY_MINE);
        String uscc = currentUser.uscc();
        Mine m = mine().stream().filter(x -> x.policy().id() == id).findFirst()
                .orElseThrow(() -> ProblemException.notFound("policy match", String.valueOf(id)));
        if (!PolicyRules.qualifies(m.clauses())) {
            throw ProblemException.conflict("policy-not-qualified", "the firm no longer meets every clause of policy " + id);
        }
        if (m.application() != null) {
            throw ProblemException.conflict("policy-applied", "already applied for policy " + id);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into"
                + " policy_applications (policy_id, uscc, status, applied_by, clauses) values (?, ?, 'APPLIED', ?,"
                + " cast(? as jsonb)) on conflict do nothing returning id")) {
            ps.setLong(1, id);
            ps.setString(2, uscc);
            ps.setString(3, currentUser.name());
            ps.setString(4, json.writeValueAsString(m.clauses()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.conflict("policy-applied", "already applied for policy " + id);
                }
                long appId = rs.getLong(1);
                audit.record("POLICY_APPLY", "POLICY", id + "/" + uscc, null, null);
                return appId;
            }
        } catch (SQLException | JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The park approves or rejects an application. */
    @Transactional
    public void decide(long applicationId, String outcome, String reason) {
        currentUser.require(Action.POLICY_MANAGE);
        if (!"APPROVED".equals(outcome) && !"REJECTED".equals(outcome)) {
            throw ProblemException.invalid("outcome", "APPROVED or REJECTED");
        }
        String why = Text.required("reason", reason, 2000);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update policy_applications"
                + " set status = ?, reason = ?, decided_by = ?, decided_at = now() where id = ? and status = 'APPLIED'"
                + " and exists (select 1 from policies p where p.id = policy_applications.policy_id"
                + IN_SCOPE.replace("park_id", "p.park_id") + ")")) {
            ps.setString(1, outcome);
            ps.setString(2, why);
            ps.setString(3, currentUser.name());
            ps.setLong(4, applicationId);
            ps.setObject(5, scope());
            ps.setObject(6, scope());
            if (ps.executeUpdate() != 1) {
                throw ProblemException.notFound("open policy application", String.valueOf(applicationId));
            }
            audit.record("POLICY_DECIDE", "POLICY_APPLICATION", String.valueOf(applicationId), outcome, why);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The applications, newest first, of one policy or all ({@code policyId} null), in one status or all. */
    @Transactional
    public PageResult<Application> applications(Long policyId, String status, PageRequest page) {
        currentUser.require(Action.POLICY_READ);
        String st = status == null || status.isBlank() ? "" : status.strip();
        if (!st.isEmpty() && !APPLICATION_STATUSES.contains(st)) {
            throw ProblemException.invalid("status", "APPLIED, APPROVED or REJECTED");
        }
        long pid = policyId == null ? 0 : policyId;
        String where = " from policy_applications a join policies p on p.id = a.policy_id"
                + " join enterprises e on e.uscc = a.uscc left join policy_matches m on m.policy_id = a.policy_id"
                + " and m.uscc = a.uscc where (? = 0 or a.policy_id = ?) and (? = '' or a.status = ?)"
                + IN_SCOPE.replace("park_id", "p.park_id");
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                filter(ps, pid, st);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Application> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select a.id, a.policy_id, p.title, a.uscc, e.name, a.status,"
                    + " a.applied_at, cast(a.clauses as text), m.lapsed_at is not null, a.decided_by, a.decided_at, a.reason"
                    + where + " order by a.id desc limit ? offset ?")) {
                filter(ps, pid, st);
                ps.setInt(7, page.size());
                ps.setLong(8, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String clauses = rs.getString(8);
                        items.add(new Application(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                                clauses == null ? List.of() : List.of(json.readValue(clauses, PolicyRules.Clause[].class)),
                                rs.getBoolean(9), rs.getString(10),
                                rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12)));
                    }
                }
            }
            return new PageResult<>(items, page.page(), page.size(), total);
        } catch (SQLException | JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The policy filter as typed (blank: every policy). */
    static Long policyFilter(String s) {
        try {
            Integer id = Numbers.integer(s, 1, Integer.MAX_VALUE);
            return id == null ? null : id.longValue();
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("policy", e.getMessage());
        }
    }

    private void filter(PreparedStatement ps, long policyId, String status) throws SQLException {
        ps.setLong(1, policyId);
        ps.setLong(2, policyId);
        ps.setString(3, status);
        ps.setString(4, status);
        ps.setObject(5, scope());
        ps.setObject(6, scope());
    }

    /** The caller's parks (DOMAIN.md §10.3), two parameters: the park or null for the region. */
    private static final String IN_SCOPE = " and (cast(? as integer) is null or park_id = ?)";

    private Integer scope() {
        return currentUser.parks().sqlParam();
    }

    /** A policy in the caller's parks; one of another park is as if it did not exist. */
    private PolicyView load(long id) {
        try (Connection c = dataSource.getConnection()) {
            List<PolicyView> l = list(c, " where id = ?" + IN_SCOPE, id, scope(), scope());
            if (l.isEmpty()) {
                throw ProblemException.notFound("policy", String.valueOf(id));
            }
            return l.get(0);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<PolicyView> list(Connection c, String where, Object... params) throws SQLException {
        List<PolicyView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, title, kind, valid_from, valid_to, benefit,"
                + " cast(eligibility as text), status, (select count(*) from policy_matches m where m.policy_id = p.id"
                + " and m.lapsed_at is null), park_id, (select k.code from parks k where k.id = p.park_id)"
                + " from policies p" + where + " order by id desc")) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof LocalDate d) {
                    ps.setDate(i + 1, Date.valueOf(d));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PolicyView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                            rs.getDate(5).toLocalDate(), rs.getString(6), json.readValue(rs.getString(7), Eligibility.class),
                            rs.getString(8), rs.getLong(9), rs.getInt(10), rs.getString(11)));
                }
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return out;
    }

    private static String text(List<FieldProblem> p, String field, String v, int max) {
        try {
            return Text.required(field, v, max);
        } catch (ProblemException e) {
            p.addAll(e.errors());
            return null;
        }
    }
}
