package io.parkcredit.bundle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.security.Role;
import io.parkcredit.security.StartupActor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A demo park of 120 firms loaded at start tells the whole story (issue 13): two published years
 * with moves between them, rating applications at every workflow stage, products of banks and
 * guarantors, financing requests at every stage, alerts and SMS, a saved screening with a
 * shortlist, and a sign-in user per role.
 */
@QuarkusTest
@TestProfile(DemoStoryTest.Profile.class)
public class DemoStoryTest {

    static final Path DATA_DIR = Path.of("target", "demo-story");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parkcredit.demo.firms", "120", "parkcredit.data-dir", DATA_DIR.toString());
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    StartupActor actors;

    @Inject
    DemoParkLoader loader;

    @Test
    void twoYearsArePublishedWithMovesAndNoFirmBeforeItsRegistration() {
        int year = LocalDate.now(clock).getYear();
        List<Object[]> runs = rows("select year, status, published_by, red_count + white_count + yellow_count + none_count,"
                + " evaluation_day from classification_runs order by year");
        assertThat(runs).hasSize(2);
        assertThat(runs).extracting(r -> ((Number) r[0]).intValue()).containsExactly(year - 2, year - 1);
        assertThat(runs).extracting(r -> r[1]).containsOnly("PUBLISHED");
        assertThat(runs).extracting(r -> r[2]).containsOnly("admin");
        for (Object[] run : runs) {
            // exactly the in-park, not deregistered firms registered by the evaluation day
            assertThat(((Number) run[3]).longValue()).isEqualTo(count("select count(*) from enterprises where in_park"
                    + " and status <> 'DEREGISTERED' and registered_on <= ?", run[4]));
        }
        assertThat(count("""
                select count(*) from classification_results c join classification_runs r on r.id = c.run_id
                join enterprises e on e.uscc = c.uscc where e.registered_on > r.evaluation_day""")).isZero();
        // the demo park has firms registered in last year: they are in last year's lists only
        assertThat(count("""
                select count(*) from enterprises e where e.in_park and e.status <> 'DEREGISTERED'
                and e.registered_on > ? and e.registered_on <= ?""", LocalDate.of(year - 2, 12, 31),
                LocalDate.of(year - 1, 12, 31))).isPositive();
        long moved = count("""
                select count(*) from (select uscc, list from classification_results where run_id =
                        (select id from classification_runs where year = ?)) n
                join (select uscc, list from classification_results where run_id =
                        (select id from classification_runs where year = ?)) o on o.uscc = n.uscc
                where n.list <> o.list""", year - 1, year - 2);
        assertThat(moved).isPositive();
        assertThat(count("select count(*) from audit_log where action = 'CLASSIFICATION_PUBLISHED' and actor = 'admin'"))
                .isEqualTo(2);
    }

    @Test
    void ratingApplicationsStandAtEveryStageAndGradesArePublished() {
        Map<String, Long> byStatus = counts("select status, count(*) from rating_applications group by status");
        long firms = count("select count(*) from enterprises where in_park and status = 'ACTIVE'");
        assertThat(byStatus).containsEntry("PUBLISHED", Math.max(3, Math.min(30, firms / 20)));
        for (String s : List.of("APPLIED", "QUALIFIED", "UNDER_EVALUATION", "DRAFT", "OBJECTED", "AWAITING_APPROVAL",
                "APPROVED")) {
            assertThat(byStatus).as(s).containsEntry(s, firms >= 300 ? 2L : 1L);
        }
        LocalDate today = LocalDate.now(clock);
        assertThat(count("select count(*) from published_ratings where valid_from <= ? and valid_until >= ?"
                + " and revoked_on is null", today, today)).isEqualTo(byStatus.get("PUBLISHED"));
        assertThat(count("select count(*) from audit_log where action = 'RATING_APPLIED'"))
                .isEqualTo(count("select count(*) from rating_applications"));
        assertThat(count("select count(*) from audit_log where action = 'RATING_SCORED' and actor = 'evaluator'"))
                .isEqualTo(count("select count(*) from rating_applications where evaluator = 'evaluator'"))
                .isPositive();
    }

    @Test
    void financingHasProductsOfBothKindsAndRequestsAtEveryStage() {
        assertThat(counts("select kind, count(*) from financing_products group by kind"))
                .isEqualTo(Map.of("LOAN", 8L, "GUARANTEE", 4L));
        Map<String, Long> byStatus = counts("select status, count(*) from financing_requests"
                + " where overdue_loan_no is null group by status");
        for (String s : List.of("REVIEW", "ROUTED", "CLAIMED", "OFFERED", "ACCEPTED", "DISBURSED", "REPAID")) {
            assertThat(byStatus).as(s).containsKey(s);
        }
        long overdue = count("select count(*) from financing_requests where status = 'DISBURSED'"
                + " and overdue_loan_no is not null and repayment_due < ?", LocalDate.now(clock));
        assertThat(overdue).isPositive();
        // the sweep turned each missed repayment into a loan in arrears the classification sees
        assertThat(count("select count(*) from loans l join financing_requests r on l.loan_no = r.overdue_loan_no"
                + " and l.lender_code = r.claimed_by where l.settled_on is null")).isEqualTo(overdue);
        assertThat(count("select count(*) from audit_log where action = 'FINANCING_POSTED'"))
                .isEqualTo(count("select count(*) from financing_requests"));
        assertThat(count("select count(*) from financing_routes where leg = 'GUARANTORS'")).isPositive();
    }

    @Test
    void monitoringRaisedAlertsAndSentSms() {
        assertThat(count("select count(*) from monitoring_alerts")).isPositive();
        assertThat(count("select count(*) from sms_outbox")).isPositive();
        // the serious tax record of a firm a bank lends to: texted at any hour with the log sender
        assertThat(count("select count(*) from sms_outbox where status = 'SENT'")).isPositive();
        assertThat(count("select count(*) from monitoring_alerts a join credit_events e on e.id = a.event_id"
                + " where e.source = 'TAX' and e.event_no like 'TAX-%-DEMO-1'")).isEqualTo(1);
    }

    @Test
    void aScreeningIsSavedWithAShortlist() {
        assertThat(count("select count(*) from screenings where created_by = 'investment'")).isEqualTo(1);
        assertThat(count("select count(*) from shortlist s join enterprises e on e.uscc = s.uscc where not e.in_park"))
                .isEqualTo(5);
    }

    @Test
    void everyDemoUserSignsInAndIsBoundAsPromised() throws Exception {
        Path file = DATA_DIR.resolve("demo-users.txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, String[]> users = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && !line.startsWith("ParkCredit")) {
                users.put(f[1], f);
            }
        }
        assertThat(users.keySet()).containsExactlyInAnyOrder("regulator", "evaluator", "investment", "bank",
                "guarantor", "firm", "debtor");
        for (String[] u : users.values()) {
            given().auth().preemptive().basic(u[1], u[2]).get("/api/enterprises").then().statusCode(200);
            assertThat(single("select role from app_users where username = ?", u[1])).isEqualTo(u[0]);
        }
        assertThat(users.get("bank")[3]).isEqualTo("B001");
        assertThat(users.get("guarantor")[3]).isEqualTo("G001");
        String firm = users.get("firm")[3];
        assertThat(count("select count(*) from financing_requests where seller_uscc = ?", firm)).isGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from rating_applications where uscc = ?", firm)).isEqualTo(1);
        assertThat(count("select count(*) from financing_requests where debtor_uscc = ? and seller_uscc = ?",
                users.get("debtor")[3], firm)).isGreaterThanOrEqualTo(2);
        given().auth().preemptive().basic("firm", users.get("firm")[2]).get("/api/financing-requests").then()
                .statusCode(200);
    }

    @Test
    void theStoryRunsOnceAndActorsCannotBeBorrowedInsideARequest() {
        long audit = count("select count(*) from audit_log");
        loader.onStart(null);
        assertThat(count("select count(*) from audit_log")).isEqualTo(audit);
        var requestContext = io.quarkus.arc.Arc.container().requestContext();
        boolean opened = !requestContext.isActive();
        if (opened) {
            requestContext.activate();
        }
        try {
            assertThatThrownBy(() -> actors.run(StartupActor.Actor.of("x", Role.ADMIN), () -> { }))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            if (opened) {
                requestContext.terminate();
            }
        }
    }

    private long count(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0)[0]).longValue();
    }

    private Object single(String sql, Object... params) {
        return rows(sql, params).get(0)[0];
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> m = new HashMap<>();
        rows(sql).forEach(r -> m.put((String) r[0], ((Number) r[1]).longValue()));
        return m;
    }

    private List<Object[]> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
