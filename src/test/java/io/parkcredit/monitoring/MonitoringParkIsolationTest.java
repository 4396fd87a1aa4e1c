package io.parkcredit.monitoring;

import static io.parkcredit.testing.MonitoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Monitoring in a region of two parks (DOMAIN.md §6, §10.3): a park's office reads the alerts, SMS
 * and timelines of its park's firms only and manages its park's institutions' subscriptions; what
 * is another park's is 404; the region reads everything; the rules are the region's to change.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringParkIsolationTest {

    private static final LocalDate RECENT = LocalDate.now().minusDays(2);

    int parkB;
    Firm firmA;
    Firm firmB;
    String institutionA;
    String institutionB;
    String adminB;
    String regulatorB;
    String regulatorA;
    String regionRegulator;
    long alertA;
    long alertB;

    boolean ready;

    /** Once per class (the server's HTTP port is known from the first test on). */
    @BeforeEach
    void twoParks() {
        if (ready) {
            return;
        }
        ready = true;
        parkB = ParkFixtures.newPark("监测第二园区");
        firmA = MonitoringFixtures.firm("甲园区监测");
        firmB = MonitoringFixtures.firm("乙园区监测");
        ParkFixtures.execute("update enterprises set park_id = ? where uscc = ?", parkB, firmB.uscc());
        institutionA = ParkFixtures.institutionIn(1, "BANK");
        institutionB = ParkFixtures.institutionIn(parkB, "BANK");
        adminB = ParkFixtures.userIn(parkB, "ADMIN", null, null);
        regulatorB = ParkFixtures.userIn(parkB, "REGULATOR", null, null);
        regulatorA = ParkFixtures.userIn(1, "REGULATOR", null, null);
        regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);
        MonitoringFixtures.post(event(firmA.uscc(), "ADMIN_PENALTY", "SERIOUS", RECENT, "甲园区违法排放"));
        MonitoringFixtures.post(event(firmB.uscc(), "ADMIN_PENALTY", "SERIOUS", RECENT, "乙园区违法排放"));
        alertA = Fixtures.asAdmin().get("/api/alerts?uscc=" + firmA.uscc()).then().statusCode(200).extract().jsonPath()
                .getLong("items[0].id");
        alertB = Fixtures.asAdmin().get("/api/alerts?uscc=" + firmB.uscc()).then().statusCode(200).extract().jsonPath()
                .getLong("items[0].id");
    }

    private static JsonPath get(RequestSpecification who, String path) {
        return who.get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aParksOfficeReadsItsParksAlertsOnly() {
        // park B has one firm, with one alert
        for (String user : List.of(adminB, regulatorB)) {
            JsonPath all = get(Fixtures.asUser(user), "/api/alerts?size=1000");
            assertThat(all.getList("items.id", Long.class)).containsExactly(alertB);
            assertThat(all.getLong("total")).isEqualTo(1);
            assertThat(get(Fixtures.asUser(user), "/api/alerts?uscc=" + firmA.uscc()).getLong("total")).isZero();
        }
        assertThat(get(Fixtures.asUser(regulatorA), "/api/alerts?uscc=" + firmB.uscc()).getLong("total")).isZero();
        assertThat(get(Fixtures.asUser(regulatorA), "/api/alerts?uscc=" + firmA.uscc()).getList("items.id", Long.class))
                .containsExactly(alertA);
        assertThat(get(Fixtures.asUser(regionRegulator), "/api/alerts?uscc=" + firmA.uscc()).getList("items.id", Long.class))
                .containsExactly(alertA);
        assertThat(get(Fixtures.asUser(regionRegulator), "/api/alerts?uscc=" + firmB.uscc()).getList("items.id", Long.class))
                .containsExactly(alertB);

        Fixtures.asUser(adminB).contentType("application/json").body(Map.of("note", "越园区"))
                .post("/api/alerts/" + alertA + "/acknowledgement").then().statusCode(404)
                .contentType("application/problem+json");
        Fixtures.asUser(adminB).contentType("application/json").body(Map.of("note", "已核实"))
                .post("/api/alerts/" + alertB + "/acknowledgement").then().statusCode(200);
    }

    @Test
    void aParksOfficeReadsItsParksMessagesAndTimelinesOnly() {
        List<String> usccs = get(Fixtures.asUser(adminB), "/api/sms?size=1000").getList("items.uscc", String.class);
        assertThat(usccs).isNotEmpty().containsOnly(firmB.uscc());
        assertThat(get(Fixtures.asUser(adminB), "/api/sms?uscc=" + firmA.uscc()).getLong("total")).isZero();
        long smsA = get(Fixtures.asAdmin(), "/api/sms?uscc=" + firmA.uscc()).getLong("items[0].id");
        Fixtures.asUser(adminB).get("/api/sms/" + smsA + "/attempts").then().statusCode(404);
        Fixtures.asAdmin().get("/api/sms/" + smsA + "/attempts").then().statusCode(200);

        Fixtures.asUser(regulatorB).get("/api/monitoring/firms/" + firmA.uscc()).then().statusCode(404);
        assertThat(get(Fixtures.asUser(regulatorB), "/api/monitoring/firms/" + firmB.uscc()).getList("alerts.id", Long.class))
                .containsExactly(alertB);
        Fixtures.asUser(regulatorA).get("/api/monitoring/firms/" + firmB.uscc()).then().statusCode(404);
        Fixtures.asUser(regionRegulator).get("/api/monitoring/firms/" + firmB.uscc()).then().statusCode(200);
    }

    @Test
    void subscriptionsAreThePartsInstitutionsAndRulesTheRegions() {
        assertThat(get(Fixtures.asUser(adminB), "/api/monitoring/subscriptions").getList("institutionCode", String.class))
                .containsExactly(institutionB);
        assertThat(get(Fixtures.asAdmin(), "/api/monitoring/subscriptions").getList("institutionCode", String.class))
                .contains(institutionA, institutionB);
        Fixtures.asUser(adminB).contentType("application/json")
                .body(Map.of("mobile", MonitoringFixtures.newMobile(), "minLevel", "CRITICAL"))
                .put("/api/monitoring/subscriptions/" + institutionA).then().statusCode(404);
        Fixtures.asUser(adminB).contentType("application/json")
                .body(Map.of("mobile", MonitoringFixtures.newMobile(), "minLevel", "CRITICAL"))
                .put("/api/monitoring/subscriptions/" + institutionB).then().statusCode(200);

        // a park ADMIN reads the rules; changing them changes every park's alerts: the region's ADMIN does
        long rule = get(Fixtures.asUser(adminB), "/api/monitoring/rules").getLong("[0].id");
        Fixtures.asUser(adminB).contentType("application/json")
                .body(Map.of("eventType", "*", "severity", "*", "level", "INFO", "templateCode", "X", "template", "{firm}",
                        "reason", "越权修改", "version", 1))
                .put("/api/monitoring/rules/" + rule).then().statusCode(403);
    }
}
