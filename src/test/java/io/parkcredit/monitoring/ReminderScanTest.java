package io.parkcredit.monitoring;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The reminder scans (DOMAIN.md §6): each reminder raised once, on a far-future day of its own. */
@QuarkusTest
class ReminderScanTest {

    @Inject
    ReminderScan scan;

    @Inject
    DataSource dataSource;

    private void rating(String uscc, String grade, LocalDate from, LocalDate until, LocalDate revoked) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into published_ratings (uscc, grade, score, valid_from, valid_until, revoked_on) values (?, ?, 80, ?, ?, ?)")) {
            ps.setString(1, uscc);
            ps.setString(2, grade);
            ps.setObject(3, from);
            ps.setObject(4, until);
            ps.setObject(5, revoked);
            ps.executeUpdate();
        }
    }

    private static JsonPath alerts(String uscc) {
        return asAdmin().get("/api/alerts?uscc=" + uscc).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void eachKindOfReminderIsRaisedOnceHoweverOftenTheScanRuns() throws SQLException {
        LocalDate day = LocalDate.of(2100 + ThreadLocalRandom.current().nextInt(90), 3, 10);
        List<Firm> firms = MonitoringFixtures.firms(5, "提醒");
        Firm expiring = firms.get(0), review = firms.get(1), borrower = firms.get(2), repair = firms.get(3), revoked = firms.get(4);
        rating(expiring.uscc(), "AA", day.minusYears(3).plusMonths(2), day.plusMonths(2), null);
        rating(review.uscc(), "A", day.minusYears(1).plusDays(10), day.minusYears(1).plusDays(10).plusYears(3), null);
        rating(revoked.uscc(), "A", day.minusYears(3).plusMonths(1), day.plusMonths(1), day.minusDays(30));
        String bank = MonitoringFixtures.bankLending(borrower.uscc(), day.minusYears(1), day.plusDays(20));
        Fixtures.importBundle(Map.of("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + ",PICKUP-" + Fixtures.newCode("") + "," + borrower.uscc() + ",1000," + day.minusDays(5) + "," + day.plusYears(1) + ",\n"));
        Fixtures.importBundle(Map.of("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR," + Fixtures.newCode("R") + "," + repair.uscc() + ",ADMIN_PENALTY,GENERAL," + day.minusMonths(3).minusDays(5)
                + ",1000,,未按规定公示年报,,\n"));
        MonitoringFixtures.await("the imported record's alert", java.time.Duration.ofSeconds(20),
                () -> alerts(repair.uscc()).getInt("total") == 1);

        Map<String, Integer> first = scan.scan(day);
        // one of each kind for this far-future day (the revoked rating raises nothing), none on the next scan
        assertThat(first).isEqualTo(Map.of("RATING_EXPIRY", 1, "ANNUAL_REVIEW", 1, "LOAN_DUE", 1, "REPAIR_ELIGIBLE", 1,
                "FINANCING_PICKUP_DEADLINE", 1, "OBJECTION_OVERDUE", 0, "REPAIR_OVERDUE", 0));
        assertThat(alerts(expiring.uscc()).getList("items.kind", String.class)).containsExactly("RATING_EXPIRY");
        assertThat(alerts(review.uscc()).getList("items.kind", String.class)).containsExactly("ANNUAL_REVIEW");
        assertThat(alerts(borrower.uscc()).getList("items.kind", String.class))
                .containsExactlyInAnyOrder("LOAN_DUE", "FINANCING_PICKUP_DEADLINE");
        assertThat(alerts(borrower.uscc()).getList("items.institutions", List.class)).allSatisfy(i -> assertThat(i).containsExactly(bank));
        // the record itself raised an EVENT alert when it was imported (it lies in the future of the real clock)
        assertThat(alerts(repair.uscc()).getList("items.kind", String.class)).containsExactlyInAnyOrder("EVENT", "REPAIR_ELIGIBLE");
        assertThat(alerts(revoked.uscc()).getInt("total")).isZero();
        JsonPath sms = asAdmin().get("/api/sms?uscc=" + expiring.uscc()).then().extract().jsonPath();
        assertThat(sms.getString("items[0].text")).startsWith("【园区信用通】" + expiring.name() + "：信用等级AA将于").contains("到期");

        assertThat(scan.scan(day)).isEqualTo(Map.of("RATING_EXPIRY", 0, "ANNUAL_REVIEW", 0, "LOAN_DUE", 0, "REPAIR_ELIGIBLE", 0,
                "FINANCING_PICKUP_DEADLINE", 0, "OBJECTION_OVERDUE", 0, "REPAIR_OVERDUE", 0));
        scan.scan(day.plusDays(1));
        for (Firm f : List.of(expiring, review)) {
            assertThat(alerts(f.uscc()).getInt("total")).isEqualTo(1);
        }
        assertThat(alerts(repair.uscc()).getList("items.kind", String.class)).containsExactlyInAnyOrder("EVENT", "REPAIR_ELIGIBLE");
        assertThat(alerts(borrower.uscc()).getInt("total")).isEqualTo(2);
        assertThat(asAdmin().get("/api/sms?uscc=" + borrower.uscc()).then().extract().jsonPath().getInt("total")).isEqualTo(2);
    }

    @Test
    void theScanCanBeRunByTheAdminForADay() {
        // a far-future day no other test uses, and one loan falling due ten days after it
        LocalDate day = LocalDate.of(2190 + ThreadLocalRandom.current().nextInt(9), 1, 1);
        Firm borrower = MonitoringFixtures.firm("扫描借款");
        MonitoringFixtures.bankLending(borrower.uscc(), day.minusYears(1), day.plusDays(10));
        Map<String, Integer> once = Map.of("RATING_EXPIRY", 0, "ANNUAL_REVIEW", 0, "LOAN_DUE", 1, "REPAIR_ELIGIBLE", 0,
                "FINANCING_PICKUP_DEADLINE", 0, "OBJECTION_OVERDUE", 0, "REPAIR_OVERDUE", 0);
        assertThat(asAdmin().post("/api/monitoring/scans?day=" + day).then().statusCode(200).extract().jsonPath()
                .getMap("", String.class, Integer.class)).isEqualTo(once);
        assertThat(alerts(borrower.uscc()).getList("items.kind", String.class)).containsExactly("LOAN_DUE");
        assertThat(asAdmin().post("/api/monitoring/scans?day=" + day).then().statusCode(200).extract().jsonPath()
                .getMap("", String.class, Integer.class)).containsEntry("LOAN_DUE", 0);
        asAdmin().post("/api/monitoring/scans?day=not-a-day").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("day"));
        String firmUser = Fixtures.newUser("ENTERPRISE", Fixtures.newEnterprise("扫描"), null);
        Fixtures.asUser(firmUser).post("/api/monitoring/scans").then().statusCode(403);
    }
}
