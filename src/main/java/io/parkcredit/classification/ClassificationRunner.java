package io.parkcredit.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.classification.ClassificationRules.Outcome;
import io.parkcredit.classification.FirmFacts.EventFact;
import io.parkcredit.classification.FirmFacts.LoanFact;
import io.parkcredit.classification.FirmFacts.RatingFact;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import io.parkcredit.shared.db.UsccCursor;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Runs the classification of a year over the whole park (DOMAIN.md §4) in one transaction:
 * six set-based queries read every eligible firm's facts from one consistent snapshot, ordered by
 * USCC and merged in a single pass; {@link ClassificationRules} decides each firm; results stream
 * back by COPY into a new DRAFT run. A run that dies leaves nothing; running again makes a new
 * version. No per-firm query and no ORM loop.
 */
@ApplicationScoped
public class ClassificationRunner {

    private static final Logger LOG = Logger.getLogger(ClassificationRunner.class);

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    RuleSetService ruleSets;

    /** Classifies the default park's firms (a one-park installation's whole park). */
    public long run(int year, String actor) {
        return run(year, actor, 1);
    }

    /**
     * Classifies every in-park, not deregistered firm of {@code park} registered by the evaluation day
     * of {@code year}; returns the new draft run's id (DOMAIN.md §4, §10.3).
     */
    public long run(int year, String actor, int park) {
        if (year < 1900 || year > 2199) {
            throw ProblemException.invalid("year", "between 1900 and 2199");
        }
        RuleSetService.RuleSet rules = ruleSets.current();
        RuleParams p = rules.params();
        LocalDate d = p.evaluationDayOf(year);
        long started = System.nanoTime();
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            write.setAutoCommit(false);
            read.setAutoCommit(false);
            read.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            read.setReadOnly(true);
            try {
                long runId = newRun(write, year, rules.id(), d, actor, park);
                long firms = classifyAll(read, write, runId, year, d, p, park);
                updateCounts(write, runId);
                audit(write, actor, runId, year, firms, rules.version(), park);
                write.commit();
                read.commit();
                LOG.infof("classified %d firms for %d (run %d, rules v%d) in %d ms", firms, year, runId,
                        rules.version(), (System.nanoTime() - started) / 1_000_000);
                return runId;
            } catch (SQLException | RuntimeException e) {
                write.rollback();
                read.rollback();
                throw e;
            } finally {
                read.setReadOnly(false);
                read.setAutoCommit(true);
                write.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("classification run failed in the database: " + e.getMessage(), e);
        }
    }

    private long newRun(Connection c, int year, long ruleSetId, LocalDate d, String actor, int park)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            // one run of a park's year at a time: versions are numbered per (park, year)
            st.execute("select pg_advisory_xact_lock(" + (0x434c4153_0000L + year + ((long) park << 32)) + ")");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into classification_runs (year, version, rule_set_id, evaluation_day, status, created_by, park_id)
                values (?, (select coalesce(max(version), 0) + 1 from classification_runs where year = ? and park_id = ?),
                        ?, ?, 'DRAFT', ?, ?)
                returning id""")) {
            ps.setInt(1, year);
            ps.setInt(2, year);
            ps.setInt(3, park);
            ps.setLong(4, ruleSetId);
            ps.setDate(5, Date.valueOf(d));
            ps.setString(6, actor);
            ps.setInt(7, park);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static final String ELIGIBLE = "e.in_park and e.status <> 'DEREGISTERED'";

    private long classifyAll(Connection read, Connection write, long runId, int year, LocalDate d, RuleParams p,
            int park) throws SQLException {
        CopyIn copy = write.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy classification_results (run_id, uscc, name, list, clauses) from stdin");
        StringBuilder buf = new StringBuilder(1 << 18);
        long[] n = {0};
        try {
            forEachFirm(read, year, d, p, null, park, (facts, outcome) -> {
                buf.append(runId).append('\t').append(facts.uscc()).append('\t').append(escape(facts.name())).append('\t')
                        .append(outcome.list().name()).append('\t').append(escape(clausesJson(outcome))).append('\n');
                n[0]++;
                if (buf.length() > (1 << 18)) {
                    flush(copy, buf);
                }
            });
            flush(copy, buf);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return n[0];
    }

    /** Receives each firm's facts and outcome, in USCC order. */
    private interface FirmSink {
        void accept(FirmFacts facts, Outcome outcome) throws SQLException;
    }

    /**
     * Decides one firm again in every DRAFT run of {@code fromYear} or later, with the rule set each
     * run used, on the caller's connection and transaction (DOMAIN.md §8: a repaired record or a
     * corrected item changes the firm's current draft list). Returns the ids of the runs whose entry
     * for the firm changed.
     */
    public List<Long> reclassifyInDrafts(Connection c, String uscc, int fromYear) throws SQLException {
        List<long[]> drafts = new ArrayList<>();
        // only the drafts of the firm's own park classify it
        try (PreparedStatement ps = c.prepareStatement("select id, year, rule_set_id, park_id from classification_runs"
                + " where status = 'DRAFT' and year >= ? and park_id = (select park_id from enterprises where uscc = ?)"
                + " order by id for update")) {
            ps.setInt(1, fromYear);
            ps.setString(2, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    drafts.add(new long[] {rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4)});
                }
            }
        }
        List<Long> changed = new ArrayList<>();
        for (long[] run : drafts) {
            RuleParams p = ruleSets.byId(run[2]).params();
            int year = (int) run[1];
            List<String[]> rows = new ArrayList<>();
            forEachFirm(c, year, p.evaluationDayOf(year), p, uscc, (int) run[3], (facts, outcome) -> rows.add(
                    new String[] {facts.name(), outcome.list().name(), clausesJson(outcome)}));
            String before = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from classification_results where run_id = ? and uscc = ? returning list || clauses::text")) {
                ps.setLong(1, run[0]);
                ps.setString(2, uscc);
                try (ResultSet rs = ps.executeQuery()) {
                    before = rs.next() ? rs.getString(1) : null;
                }
            }
            String after = null;
            for (String[] r : rows) {
                try (PreparedStatement ps = c.prepareStatement("insert into classification_results (run_id, uscc, name, list,"
                        + " clauses) values (?, ?, ?, ?, cast(? as jsonb)) returning list || clauses::text")) {
                    ps.setLong(1, run[0]);
                    ps.setString(2, uscc);
                    ps.setString(3, r[0]);
                    ps.setString(4, r[1]);
                    ps.setString(5, r[2]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        after = rs.getString(1);
                    }
                }
            }
            updateCounts(c, run[0]);
            if (!java.util.Objects.equals(before, after)) {
                changed.add(run[0]);
            }
        }
        return changed;
    }

    private void forEachFirm(Connection read, int year, LocalDate d, RuleParams p, String only, int park,
            FirmSink sink) throws SQLException {
        Date day = Date.valueOf(d);
        // the park's firms only (DOMAIN.md §10.3); flows, statements and ratings of other firms are skipped by USCC
        String eligible = ELIGIBLE + " and e.park_id = " + park;
        // one firm: the same queries narrowed to it
        String firm = only == null ? "" : " and e.uscc = ?";
        String own = only == null ? "" : " and %s.uscc = ?";
        // a firm registered after the evaluation day is not classified for that year (DOMAIN.md §4)
        try (UsccCursor firms = new UsccCursor(read, "select e.uscc, e.name, e.status, e.registered_on from enterprises e where "
                        + eligible + firm + " and (e.registered_on is null or e.registered_on <= ?) order by e.uscc",
                        args(only, day));
                UsccCursor loans = new UsccCursor(read, "select l.uscc, l.lender_code || '/' || l.loan_no, l.principal, l.start_date,"
                        + " l.due_date, l.settled_on from loans l join enterprises e on e.uscc = l.uscc where " + eligible + firm
                        + " and l.start_date <= ? order by l.uscc", args(only, day));
                UsccCursor events = new UsccCursor(read, "select v.uscc, v.source || '/' || v.event_no, v.type, v.severity,"
                        + " v.occurred_on, v.repaired_on, coalesce(v.title, '') from credit_events v join enterprises e"
                        + " on e.uscc = v.uscc where " + eligible + firm + " and v.severity is not null and v.occurred_on <= ?"
                        + " and (v.repaired_on is null or v.repaired_on > ?) order by v.uscc", args(only, day, day));
                UsccCursor inflows = new UsccCursor(read, "select t.uscc, sum(t.amount) from transactions t where t.direction = 'IN'"
                        + own.formatted("t") + " and t.booked_on > ? and t.booked_on <= ? group by t.uscc order by t.uscc",
                        args(only, Date.valueOf(d.minusDays(p.inflowDays())), day));
                UsccCursor revenue = new UsccCursor(read, "select s.uscc, s.year from financial_statements s where s.revenue > 0"
                        + own.formatted("s") + " and s.year between ? and ? order by s.uscc",
                        args(only, year - p.whiteStatementYears(), year));
                UsccCursor ratings = new UsccCursor(read, "select distinct on (r.uscc) r.uscc, r.grade, r.valid_from, r.valid_until"
                        + " from published_ratings r where r.valid_from <= ? and r.valid_until >= ?" + own.formatted("r")
                        + " and (r.revoked_on is null or r.revoked_on > ?) order by r.uscc, r.valid_from desc",
                        only == null ? new Object[] {day, day, day} : new Object[] {day, day, only, day})) {
            while (firms.next()) {
                String uscc = firms.rs.getString(1);
                List<LoanFact> firmLoans = new ArrayList<>();
                while (loans.at(uscc)) {
                    ResultSet r = loans.rs;
                    firmLoans.add(new LoanFact(r.getString(2), r.getBigDecimal(3), date(r, 4), date(r, 5), date(r, 6)));
                    loans.advance();
                }
                List<EventFact> firmEvents = new ArrayList<>();
                while (events.at(uscc)) {
                    ResultSet r = events.rs;
                    firmEvents.add(new EventFact(r.getString(2), r.getString(3), r.getString(4), date(r, 5),
                            date(r, 6), r.getString(7)));
                    events.advance();
                }
                BigDecimal inflow = BigDecimal.ZERO;
                if (inflows.at(uscc)) {
                    inflow = inflows.rs.getBigDecimal(2);
                    inflows.advance();
                }
                Set<Integer> years = new HashSet<>();
                while (revenue.at(uscc)) {
                    years.add(revenue.rs.getInt(2));
                    revenue.advance();
                }
                RatingFact rating = null;
                if (ratings.at(uscc)) {
                    rating = new RatingFact(ratings.rs.getString(2), date(ratings.rs, 3), date(ratings.rs, 4));
                    ratings.advance();
                }
                FirmFacts facts = new FirmFacts(uscc, firms.rs.getString(2), firms.rs.getString(3),
                        date(firms.rs, 4), firmLoans, firmEvents, inflow, years, rating);
                sink.accept(facts, ClassificationRules.classify(facts, year, p));
            }
        }
    }

    /** The parameters of a firm query: the USCC first when narrowed to one firm. */
    private static Object[] args(String only, Object... rest) {
        if (only == null) {
            return rest;
        }
        Object[] all = new Object[rest.length + 1];
        all[0] = only;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private String clausesJson(Outcome outcome) {
        try {
            return json.writeValueAsString(outcome.clauses());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(CopyIn copy, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** COPY text format: backslash, tab and line breaks escaped. */
    static String escape(String v) {
        if (v.indexOf('\\') < 0 && v.indexOf('\t') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static LocalDate date(ResultSet rs, int col) throws SQLException {
        Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }

    private static void updateCounts(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update classification_runs r set
                  red_count = coalesce(s.red, 0), white_count = coalesce(s.white, 0),
                  yellow_count = coalesce(s.yellow, 0), none_count = coalesce(s.none, 0)
                from (select count(*) filter (where list = 'RED') red, count(*) filter (where list = 'WHITE') white,
                             count(*) filter (where list = 'YELLOW') yellow, count(*) filter (where list = 'NONE') none
                      from classification_results where run_id = ?) s
                where r.id = ?""")) {
            ps.setLong(1, runId);
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }

    private static void audit(Connection c, String actor, long runId, int year, long firms, int ruleVersion, int park)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log (actor, action, target_type, target_key,"
                + " detail) values (?, 'CLASSIFICATION_RUN', 'classification', ?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, year + "/" + runId);
            ps.setString(3, firms + " firms classified with rule set v" + ruleVersion + " (park " + park + ")");
            ps.executeUpdate();
        }
    }
}
