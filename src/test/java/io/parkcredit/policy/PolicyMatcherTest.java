package io.parkcredit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The one-statement matching of the whole park (the SQL WHERE of {@link PolicyMatcher}) and the
 * clause-by-clause explanation ({@link PolicyRules}) agree at every boundary, on firms whose facts
 * sit exactly on and just past each limit on 2026-06-15.
 */
@QuarkusTest
class PolicyMatcherTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    @Inject
    DataSource dataSource;

    @Test
    void theSqlPassAndTheClausesAgreeOnEachBoundary() throws SQLException {
        String f1 = Fixtures.newUscc();
        String f2 = Fixtures.newUscc();
        String f3 = Fixtures.newUscc();
        String f4 = Fixtures.newUscc();
        String f5 = Fixtures.newUscc();
        List<String> all = List.of(f1, f2, f3, f4, f5);
        try (Connection c = dataSource.getConnection()) {
            // on each limit
            firm(c, f1, "C3511", 10, "2023-06-15");
            statement(c, f1, "1000000.00");
            serious(c, f1, "2025-06-15", null);
            grade(c, f1, "A", null);
            // just past each limit
            firm(c, f2, "C3411", 9, "2023-06-16");
            statement(c, f2, "999999.99");
            serious(c, f2, "2025-06-16", null);
            grade(c, f2, "B", null);
            // on the upper limits
            firm(c, f3, "C35", 300, "2000-01-01");
            statement(c, f3, "5000000");
            grade(c, f3, "AAA", null);
            // just past the upper limits; a repaired serious record and a revoked grade count for nothing
            firm(c, f4, "I6510", 301, "2026-06-15");
            statement(c, f4, "5000000.01");
            serious(c, f4, "2026-03-01", "2026-04-01");
            grade(c, f4, "AAA", "2026-06-01");
            // nothing known
            firm(c, f5, null, null, null);

            Map<Eligibility, List<String>> expected = Map.of(
                    e(null, null, null, null, null, null, null, null, null), all,
                    e(List.of("NONE"), null, null, null, null, null, null, null, null), all,
                    e(List.of("RED", "WHITE"), null, null, null, null, null, null, null, null), List.of(),
                    e(null, "A", null, null, null, null, null, null, null), List.of(f1, f3),
                    e(null, null, List.of("C35"), null, null, null, null, null, null), List.of(f1, f3),
                    e(null, null, null, new BigDecimal("1000000"), new BigDecimal("5000000"), null, null, null, null),
                    List.of(f1, f3),
                    e(null, null, null, null, null, 10, 300, null, null), List.of(f1, f3),
                    e(null, null, null, null, null, null, null, 3, null), List.of(f1, f3),
                    e(null, null, null, null, null, null, null, null, 12), List.of(f1, f3, f4, f5));
            List<PolicyMatcher.Row> facts = PolicyMatcher.facts(c, DAY, all);
            assertThat(facts).hasSize(5);
            for (var x : expected.entrySet()) {
                TreeSet<String> want = new TreeSet<>(x.getValue());
                assertThat(sql(c, x.getKey(), all)).as("SQL for %s", x.getKey()).isEqualTo(want);
                TreeSet<String> rules = new TreeSet<>();
                facts.stream().filter(r -> PolicyRules.qualifies(PolicyRules.explain(x.getKey(), r.facts(), DAY)))
                        .forEach(r -> rules.add(r.uscc()));
                assertThat(rules).as("rules for %s", x.getKey()).isEqualTo(want);
            }
            // the facts as read: the valid grade, the latest unrepaired serious record, no list = NONE
            PolicyRules.Facts four = facts.stream().filter(r -> r.uscc().equals(f4)).findFirst().orElseThrow().facts();
            assertThat(four).isEqualTo(new PolicyRules.Facts("NONE", null, "I6510", new BigDecimal("5000000.01"), 301,
                    DAY, null));
        }
    }

    static Eligibility e(List<String> lists, String minGrade, List<String> industries, BigDecimal revenueMin,
            BigDecimal revenueMax, Integer employeesMin, Integer employeesMax, Integer minYears, Integer noSeriousMonths) {
        return new Eligibility(lists, minGrade, industries, revenueMin, revenueMax, employeesMin, employeesMax, minYears,
                noSeriousMonths);
    }

    private static TreeSet<String> sql(Connection c, Eligibility e, List<String> within) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(Date.valueOf(DAY));
        String where = PolicyMatcher.where(e, DAY, params);
        TreeSet<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("select f.uscc from (" + PolicyMatcher.FACTS + ") f where " + where
                + " and f.uscc = any (?)")) {
            int i = 1;
            for (Object p : params) {
                if (p instanceof String[] a) {
                    ps.setArray(i++, c.createArrayOf("text", a));
                } else {
                    ps.setObject(i++, p);
                }
            }
            ps.setArray(i, c.createArrayOf("text", within.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static void firm(Connection c, String uscc, String industry, Integer employees, String registered) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into enterprises (uscc, name, industry_code, employees,"
                + " registered_on, contact_mobile) values (?, ?, ?, ?, cast(? as date), '13900139000')")) {
            ps.setString(1, uscc);
            ps.setString(2, "政策边界" + uscc.substring(10));
            ps.setString(3, industry);
            ps.setObject(4, employees);
            ps.setString(5, registered);
            ps.executeUpdate();
        }
    }

    static void statement(Connection c, String uscc, String revenue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into financial_statements (uscc, year, revenue) values"
                + " (?, 2025, ?)")) {
            ps.setString(1, uscc);
            ps.setBigDecimal(2, new BigDecimal(revenue));
            ps.executeUpdate();
        }
    }

    static void serious(Connection c, String uscc, String on, String repaired) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into credit_events (source, event_no, uscc, type, severity,"
                + " occurred_on, repaired_on, title) values ('POLICYTEST', ?, ?, 'ADMIN_PENALTY', 'SERIOUS',"
                + " cast(? as date), cast(? as date), '行政处罚')")) {
            ps.setString(1, uscc + on);
            ps.setString(2, uscc);
            ps.setString(3, on);
            ps.setString(4, repaired);
            ps.executeUpdate();
        }
    }

    static void grade(Connection c, String uscc, String grade, String revoked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into published_ratings (uscc, grade, score, valid_from,"
                + " valid_until, revoked_on) values (?, ?, 80, date '2026-01-01', date '2027-12-31', cast(? as date))")) {
            ps.setString(1, uscc);
            ps.setString(2, grade);
            ps.setString(3, revoked);
            ps.executeUpdate();
        }
    }
}
