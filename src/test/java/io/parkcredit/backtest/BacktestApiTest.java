package io.parkcredit.backtest;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The back-test of a year (DOMAIN.md §10.4) over seven firms whose grades, lists and next-year
 * outcomes are set by hand, each outcome rule at its boundary.
 */
@QuarkusTest
class BacktestApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void aYearIsMeasuredAgainstTheNextAsWorkedByHand() throws SQLException {
        int y = 2140 + (int) (System.nanoTime() % 40);
        int n = y + 1;
        String[] f = new String[7];
        StringBuilder firms = new StringBuilder(Fixtures.ENTERPRISES_HEADER);
        for (int i = 0; i < f.length; i++) {
            f[i] = Fixtures.newUscc();
            firms.append(Fixtures.enterpriseRow(f[i], "回测企业" + "甲乙丙丁戊己庚".charAt(i)));
        }
        String bank = Fixtures.newCode("BT");
        java.time.LocalDate due = java.time.LocalDate.of(n, 1, 15);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + bank + ",回测银行,BANK\n");
        files.put("enterprises", firms.toString());
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                // f3: due Jan 15, repaid the day after it was 90 days overdue → bad
                + bank + ",L3," + f[3] + ",100000," + y + "-06-01," + due + "," + due.plusDays(91) + "\n"
                // f4: repaid on the day it would have been 90 days overdue: 89 at most → good
                + bank + ",L4," + f[4] + ",100000," + y + "-06-01," + due + "," + due.plusDays(90) + "\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                // f1: a serious record of Y (not new) and one of Y+1 repaired within Y+1 (not counting) → good
                + "SAMR,E1," + f[1] + ",ADMIN_PENALTY,SERIOUS," + y + "-05-01,,,处罚,,\n"
                + "SAMR,E2," + f[1] + ",ADMIN_PENALTY,SERIOUS," + n + "-03-01,,,处罚,," + n + "-09-01\n"
                // f2: a new serious record in Y+1, still counting at its end → bad
                + "SAMR,E3," + f[2] + ",SAFETY_VIOLATION,SERIOUS," + n + "-12-31,,,安全违法,,\n"
                // f6: a GENERAL record of Y+1 is not serious → good
                + "SAMR,E4," + f[6] + ",ADMIN_PENALTY,GENERAL," + n + "-02-01,,,处罚,,\n");
        Fixtures.importBundle(files);
        // grades: f0 AAA 95, f1 AA 85, f2 A 75, f3 B 60, f4 B 55, f5 C 30, f6 A 75; f0 and f1 since Y−1
        String[] grades = {"AAA", "AA", "A", "B", "B", "C", "A"};
        double[] scores = {95, 85, 75, 60, 55, 30, 75};
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into published_ratings (uscc, grade, score, valid_from,"
                    + " valid_until) values (?, ?, ?, ?::date, ?::date)")) {
                for (int i = 0; i < f.length; i++) {
                    ps.setString(1, f[i]);
                    ps.setString(2, grades[i]);
                    ps.setDouble(3, scores[i]);
                    ps.setString(4, (i < 2 ? y - 1 : y) + "-06-01");
                    ps.setString(5, (y + 2) + "-05-31");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // Y's published list: f0 RED, f5 NONE; Y+1's: f5 YELLOW → bad
            publishedRun(c, y, Map.of(f[0], "RED", f[5], "NONE"));
            publishedRun(c, n, Map.of(f[5], "YELLOW", f[0], "RED"));
        }

        JsonPath bt = asAdmin().get("/api/backtests/" + y).then().statusCode(200).extract().jsonPath();
        assertThat(bt.getInt("year")).isEqualTo(y);
        assertThat(bt.getList("grades.grade")).containsExactly("C", "B", "A", "AA", "AAA");
        assertThat(bt.getList("grades.count", Integer.class)).containsExactly(1, 2, 2, 1, 1);
        assertThat(bt.getList("grades.bad", Integer.class)).containsExactly(1, 1, 1, 0, 0);
        assertThat(bt.getList("grades.badRate", Float.class)).containsExactly(1.0f, 0.5f, 0.5f, 0f, 0f);
        assertThat(bt.getList("lists.list")).containsExactly("YELLOW", "NONE", "WHITE", "RED");
        assertThat(bt.getList("lists.count", Integer.class)).containsExactly(0, 1, 0, 1);
        assertThat(bt.getList("lists.bad", Integer.class)).containsExactly(0, 1, 0, 0);
        // good 95, 85, 75, 55 against bad 75, 60, 30: 3 + 3 + 2.5 + 1 = 9.5 of 12 pairs
        assertThat(bt.getDouble("auc")).isEqualTo(0.791667);
        // at ≤ 75: every bad firm, half the good ones
        assertThat(bt.getDouble("ks")).isEqualTo(0.5);
        // Y−1: AA 1, AAA 1 against Y: 1, 2, 2, 1, 1 (empty bins floored at 0.0001)
        assertThat(bt.getDouble("psi")).isEqualTo(6.477476);
        assertThat(bt.getBoolean("monotonic")).isTrue();
        assertThat(bt.getList("breaks")).isEmpty();

        String csv = asAdmin().get("/api/backtests/" + y + "/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.lines().toList()).hasSize(8).contains(f[3] + ",回测企业丁,B,60.00,,1,1,0,0",
                f[4] + ",回测企业戊,B,55.00,,0,0,0,0", f[5] + ",回测企业己,C,30.00,NONE,1,0,0,1");
    }

    @Test
    void aYearWithoutDataIsEmptyAndTheRegulatorMayReadIt() {
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).get("/api/backtests/1901").then().statusCode(200).body("auc", equalTo(null))
                .body("grades.count", equalTo(List.of(0, 0, 0, 0, 0))).body("monotonic", equalTo(true));
        String investment = Fixtures.newUser("INVESTMENT", null, null);
        Fixtures.asUser(investment).get("/api/backtests/1901").then().statusCode(403);
        asAdmin().get("/api/backtests/1800").then().statusCode(422).body("errors[0].field", equalTo("year"));
    }

    private static void publishedRun(Connection c, int year, Map<String, String> lists) throws SQLException {
        long run;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("insert into classification_runs (year,"
                + " version, rule_set_id, evaluation_day, status, created_by) values (" + year + ", 1, (select min(id) from"
                + " classification_rule_sets), '" + year + "-12-31', 'DRAFT', 'test') returning id")) {
            rs.next();
            run = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into classification_results (run_id, uscc, name, list,"
                + " clauses) values (?, ?, 'x', ?, '[]')")) {
            for (var e : lists.entrySet()) {
                ps.setLong(1, run);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("update classification_runs set status = 'PUBLISHED' where id = " + run);
        }
    }
}
