package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.policy.PolicyService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Policy matching benchmark of issue 15 (DOMAIN.md §10.2): a park of 100,000 firms with a
 * published list, grades, statements and serious records, and 20 open policies whose eligibility
 * uses every clause. One pass matches every policy against the whole park in one statement each
 * ({@code PolicyService.rematchOpen}, the pass publishing and the re-match job run), writing the
 * matches, their inbox alerts and SMS. Target: the first pass (every match new) under 5 s; the
 * pass after it (nothing new, what the re-match job costs every firing) reported too, same target.
 *
 * <p>Run: {@code ./mvnw -B verify -Pbenchmark -Dtest=PolicyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.firms=100000 -Dbench.policies=20}). Results go to the console and
 * {@code target/benchmarks/policy.md}.
 */
@QuarkusTest
@Tag("benchmark")
class PolicyBenchmark {

    @Inject
    DataSource ds;

    @Inject
    PolicyService policies;

    /** Twenty eligibilities over every clause, from wide to narrow. */
    static final List<String> ELIGIBILITIES = List.of(
            "{}",
            "{\"lists\": [\"RED\"]}",
            "{\"lists\": [\"RED\", \"WHITE\"]}",
            "{\"minGrade\": \"A\"}",
            "{\"minGrade\": \"AA\", \"lists\": [\"RED\"]}",
            "{\"industries\": [\"C\"]}",
            "{\"industries\": [\"C35\", \"C39\", \"I65\"]}",
            "{\"revenueMin\": 1000000, \"revenueMax\": 50000000}",
            "{\"revenueMin\": 20000000}",
            "{\"employeesMin\": 10, \"employeesMax\": 300}",
            "{\"employeesMax\": 50}",
            "{\"minYears\": 3}",
            "{\"minYears\": 10, \"minGrade\": \"A\"}",
            "{\"noSeriousMonths\": 12}",
            "{\"noSeriousMonths\": 36, \"lists\": [\"RED\", \"WHITE\"]}",
            "{\"industries\": [\"I\"], \"employeesMin\": 20, \"minYears\": 2}",
            "{\"minGrade\": \"B\", \"revenueMin\": 500000, \"noSeriousMonths\": 24}",
            "{\"lists\": [\"NONE\"], \"industries\": [\"C\"]}",
            "{\"lists\": [\"WHITE\"], \"revenueMax\": 5000000, \"employeesMax\": 100}",
            "{\"lists\": [\"RED\"], \"minGrade\": \"AAA\", \"industries\": [\"C39\"], \"revenueMin\": 10000000,"
                    + " \"employeesMin\": 50, \"minYears\": 5, \"noSeriousMonths\": 36}");

    @Test
    void matchTheWholeParkAgainstTwentyPolicies() throws Exception {
        String loadBefore = MarketLoad.awaitQuiet();
        int firms = Integer.getInteger("bench.firms", 100_000);
        int count = Integer.getInteger("bench.policies", 20);
        long l0 = System.nanoTime();
        seed(firms, count);
        double loadSeconds = (System.nanoTime() - l0) / 1e9;

        long t0 = System.nanoTime();
        int first = policies.rematchOpen();
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        int second = policies.rematchOpen();
        double secondSeconds = (System.nanoTime() - t1) / 1e9;

        long alerts;
        long sms;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            alerts = one(st, "select count(*) from monitoring_alerts where kind = 'POLICY_MATCH'");
            sms = one(st, "select count(*) from sms_outbox where template_code = 'PC_POLICY'");
        }
        double[] ceiling = copyCeiling();
        Targets targets = new Targets("policy")
                .atMost("first pass, " + count + " policies × " + firms + " firms", firstSeconds, 5, "s")
                .atMost("second pass (nothing new)", secondSeconds, 5, "s");
        String md = String.format(Locale.ROOT, "Policy matching: %,d firms (published list, grades, statements, serious"
                + " records) × %d open policies, one statement per policy (`PolicyService.rematchOpen`). Seeded in %.1f s.%n%n"
                + "| pass | seconds | new matches |%n|---|---:|---:|%n| first (every match new: matches, alerts, SMS) | %.2f | %,d |%n"
                + "| second (nothing new) | %.2f | %,d |%n%nInbox alerts %,d, SMS queued %,d.%n%n"
                + "Ceiling in the same run: the first pass's rows (%,.0f matches, alerts and SMS rows) written by a plain"
                + " `COPY` into empty copies of their tables with the same indexes (no foreign keys): **%.2f s** (matches"
                + " %.2f, alerts %.2f, SMS %.2f); the first pass took %.2f× that.%n%n"
                + "Load average before the run: `" + loadBefore + "`.%n%n"
                + "Machine: %d CPUs, Java %s, max heap %d MB.%n", firms, count, loadSeconds, firstSeconds, first,
                secondSeconds, second, alerts, sms, ceiling[5], ceiling[0], ceiling[1], ceiling[2], ceiling[3] + ceiling[4],
                firstSeconds / ceiling[0], Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20) + targets.markdown();
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve("policy.md"), md);
        System.out.println("\n==== policy benchmark ====\n" + md);

        assertThat(first).isPositive();
        assertThat(second).isZero();
        assertThat(alerts).isEqualTo(first);
        targets.assertAllMet();
    }

    /** The park and the policies, written set-based; the list is a published run of year 2199 (the latest). */
    void seed(int firms, int count) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("""
                    insert into enterprises (uscc, name, registered_on, industry_code, employees, contact_mobile, in_park)
                    select 'PB' || lpad(g::text, 16, '0'), '政策压测企业' || g, date '2026-01-01' - (g * 7919 %% 7300),
                           (array['C3511', 'C3914', 'I6510', 'F5100', 'M7320', 'C2710'])[1 + g %% 6],
                           cast((cast(g as bigint) * 104729) %% 1000 as integer), '139' || lpad((g %% 100000000)::text, 8, '0'), true
                    from generate_series(1, %d) g
                    """.formatted(firms));
            st.executeUpdate("""
                    insert into financial_statements (uscc, year, revenue)
                    select 'PB' || lpad(g::text, 16, '0'), y, 100000 + (g * 7919 + y) %% 60000000
                    from generate_series(1, %d) g cross join generate_series(2024, 2025) y
                    """.formatted(firms));
            st.executeUpdate("""
                    insert into published_ratings (uscc, grade, score, valid_from, valid_until, revoked_on)
                    select 'PB' || lpad(g::text, 16, '0'), (array['AAA', 'AA', 'A', 'B', 'C'])[1 + g %% 5], 60 + g %% 40,
                           current_date - 200, current_date + 165, case when g %% 97 = 0 then current_date - 10 end
                    from generate_series(1, %d) g where g %% 10 < 6
                    """.formatted(firms));
            st.executeUpdate("""
                    insert into credit_events (source, event_no, uscc, type, severity, occurred_on, title)
                    select 'PBENCH', 'PB-' || g, 'PB' || lpad(g::text, 16, '0'), 'ADMIN_PENALTY', 'SERIOUS',
                           current_date - (g %% 1500), '压测处罚'
                    from generate_series(1, %d) g where g %% 20 = 0
                    """.formatted(firms));
            long run;
            try (ResultSet rs = st.executeQuery("""
                    insert into classification_runs (year, version, rule_set_id, evaluation_day, status, created_by)
                    values (2199, 1, (select min(id) from classification_rule_sets), date '2199-12-31', 'DRAFT', 'bench')
                    returning id""")) {
                rs.next();
                run = rs.getLong(1);
            }
            st.executeUpdate("""
                    insert into classification_results (run_id, uscc, name, list, clauses)
                    select %d, 'PB' || lpad(g::text, 16, '0'), '政策压测企业' || g,
                           (array['RED', 'WHITE', 'WHITE', 'NONE', 'NONE', 'NONE', 'NONE', 'YELLOW'])[1 + g %% 8], '[]'
                    from generate_series(1, %d) g
                    """.formatted(run, firms));
            st.executeUpdate("update classification_runs set status = 'PUBLISHED', published_by = 'bench',"
                    + " published_at = now() where id = " + run);
            for (int i = 0; i < count; i++) {
                String e = ELIGIBILITIES.get(i % ELIGIBILITIES.size());
                st.executeUpdate("insert into policies (title, kind, valid_from, valid_to, benefit, eligibility, status,"
                        + " created_by, published_at) values ('压测政策" + i + "', 'SUBSIDY', current_date - 30,"
                        + " current_date + 365, '压测', cast('" + e + "' as jsonb), 'PUBLISHED', 'bench', now())");
            }
            c.commit();
            c.setAutoCommit(true);
            st.execute("analyze enterprises; analyze financial_statements; analyze published_ratings;"
                    + " analyze credit_events; analyze classification_results; analyze policies");
        }
    }

    /**
     * The physical floor of the first pass's writes: its rows copied out, then {@code COPY}-ed into empty
     * tables made {@code like} the real ones (indexes, defaults, checks; no foreign keys). Seconds in
     * total, per table, and the match count.
     */
    private double[] copyCeiling() throws Exception {
        String[][] tables = {
            {"policy_matches", "select * from policy_matches"},
            {"monitoring_alerts", "select * from monitoring_alerts where kind = 'POLICY_MATCH'"},
            {"sms_messages", "select * from sms_messages where template_code = 'PC_POLICY'"},
            {"sms_states", "select s.* from sms_states s join sms_messages m on m.id = s.id where m.template_code = 'PC_POLICY'"}};
        double[] out = new double[6];
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            for (int i = 0; i < tables.length; i++) {
                Path rows = Files.createTempFile("policy-ceiling-", ".copy");
                long n;
                try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(rows), 1 << 16)) {
                    n = copy.copyOut("copy (" + tables[i][1] + ") to stdout (format binary)", o);
                }
                if (i == 0) {
                    out[5] = n;
                }
                String copyTable = "ceiling_" + tables[i][0];
                st.execute("drop table if exists " + copyTable);
                st.execute("create table " + copyTable + " (like " + tables[i][0] + " including all)");
                long t0 = System.nanoTime();
                try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(rows), 1 << 16)) {
                    copy.copyIn("copy " + copyTable + " from stdin (format binary)", in);
                }
                Files.delete(rows);
                out[i + 1] = (System.nanoTime() - t0) / 1e9;
                out[0] += out[i + 1];
                st.execute("drop table " + copyTable);
            }
        }
        return out;
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
