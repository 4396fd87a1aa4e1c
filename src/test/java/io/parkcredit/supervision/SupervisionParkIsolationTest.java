package io.parkcredit.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Inspection plans in a region of two parks (DOMAIN.md §10.1, §10.3): a plan draws only among its
 * park's firms; only its park and the region read it or record its results.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionParkIsolationTest {

    int parkB;
    List<String> firmsB;
    String adminA;
    String adminB;
    String regulatorB;
    String regionRegulator;
    long planA;
    long planB;

    boolean ready;

    /** Once per class (the server's HTTP port is known from the first test on). */
    @BeforeEach
    void twoParks() {
        if (ready) {
            return;
        }
        ready = true;
        parkB = ParkFixtures.newPark("抽查第二园区");
        firmsB = List.of(ParkFixtures.enterpriseIn(parkB, "乙园区抽查甲"), ParkFixtures.enterpriseIn(parkB, "乙园区抽查乙"),
                ParkFixtures.enterpriseIn(parkB, "乙园区抽查丙"));
        Fixtures.newEnterprise("甲园区抽查企业");
        adminA = ParkFixtures.userIn(1, "ADMIN", null, null);
        adminB = ParkFixtures.userIn(parkB, "ADMIN", null, null);
        regulatorB = ParkFixtures.userIn(parkB, "REGULATOR", null, null);
        regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);
        planB = plan(Fixtures.asAdmin(), 2, ParkFixtures.code(parkB)).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        planA = plan(Fixtures.asAdmin(), 1, null).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.Response plan(RequestSpecification who, int count, String parkCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", "园区隔离抽查");
        body.put("count", count);
        body.put("seed", 20260101L);
        body.put("inspectors", SupervisionApiTest.POOL);
        if (parkCode != null) {
            body.put("parkCode", parkCode);
        }
        return who.contentType("application/json").body(body).post("/api/inspections/plans");
    }

    private static List<Long> plans(RequestSpecification who) {
        return who.get("/api/inspections/plans").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }

    @Test
    void aPlanDrawsOnlyAmongItsParksFirms() {
        JsonPath b = Fixtures.asAdmin().get("/api/inspections/plans/" + planB).then().statusCode(200).extract().jsonPath();
        assertThat(b.getList("firms.uscc", String.class)).containsExactlyInAnyOrderElementsOf(firmsB);
        assertThat(b.getList("firms.findAll { it.selected }.uscc", String.class)).hasSize(2).isSubsetOf(firmsB);
        JsonPath a = Fixtures.asAdmin().get("/api/inspections/plans/" + planA).then().statusCode(200).extract().jsonPath();
        assertThat(a.getList("firms.uscc", String.class)).doesNotContainAnyElementsOf(firmsB);
        // a park ADMIN plans for its own park without naming it, and may not name another
        JsonPath own = plan(Fixtures.asUser(adminB), 3, null).then().statusCode(201).extract().jsonPath();
        assertThat(own.getList("firms.findAll { it.selected }.uscc", String.class))
                .containsExactlyInAnyOrderElementsOf(firmsB);
        plan(Fixtures.asUser(adminB), 1, "PARK").then().statusCode(422);
        plan(Fixtures.asAdmin(), 1, "NO-SUCH-PARK").then().statusCode(422);
    }

    @Test
    void onlyItsParkAndTheRegionReadAPlanOrRecordItsResults() {
        assertThat(plans(Fixtures.asUser(regulatorB))).contains(planB).doesNotContain(planA);
        assertThat(plans(Fixtures.asUser(adminA))).contains(planA).doesNotContain(planB);
        assertThat(plans(Fixtures.asUser(regionRegulator))).contains(planA, planB);
        Fixtures.asUser(regulatorB).get("/api/inspections/plans/" + planA).then().statusCode(404)
                .contentType("application/problem+json");
        Fixtures.asUser(adminA).get("/api/inspections/plans/" + planB).then().statusCode(404);
        Fixtures.asUser(regionRegulator).get("/api/inspections/plans/" + planB).then().statusCode(200);

        String drawnA = Fixtures.asAdmin().get("/api/inspections/plans/" + planA).then().extract().jsonPath()
                .getString("firms.find { it.selected }.uscc");
        Fixtures.asUser(adminB).contentType("application/json").body(Map.of("uscc", drawnA, "outcome", "PASSED"))
                .post("/api/inspections/" + planA + "/results").then().statusCode(404);
        String drawnB = Fixtures.asAdmin().get("/api/inspections/plans/" + planB).then().extract().jsonPath()
                .getString("firms.find { it.selected }.uscc");
        Fixtures.asUser(adminA).contentType("application/json").body(Map.of("uscc", drawnB, "outcome", "PASSED"))
                .post("/api/inspections/" + planB + "/results").then().statusCode(404);
        Fixtures.asUser(adminB).contentType("application/json").body(Map.of("uscc", drawnB, "outcome", "PASSED"))
                .post("/api/inspections/" + planB + "/results").then().statusCode(201);
    }
}
