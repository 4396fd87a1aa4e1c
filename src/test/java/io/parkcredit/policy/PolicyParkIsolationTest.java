package io.parkcredit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Policies in a region of two parks (DOMAIN.md §10.3): a policy is its park's, matches exactly that
 * park's qualifying firms (at publishing and when matching again), and only that park and the region
 * read it, its matches and its applications; for the other park it is as if it did not exist.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyParkIsolationTest {

    @Inject
    PolicyService service;

    String industry;
    int parkB;
    String codeB;
    String a1;
    String a2;
    String b1;
    String b2;
    String b3;
    String userA1;
    String userB1;
    String regulatorA;
    String regulatorB;
    String adminA;
    String adminB;
    String regionRegulator;
    long policyA;
    long policyB;

    boolean ready;

    /** Once per class (the server's HTTP port is known from the first test on). */
    @BeforeEach
    void twoParks() {
        if (ready) {
            return;
        }
        ready = true;
        industry = PolicyApiTest.industry();
        parkB = ParkFixtures.newPark("政策第二园区");
        codeB = ParkFixtures.code(parkB);
        a1 = Fixtures.newUscc();
        a2 = Fixtures.newUscc();
        b1 = Fixtures.newUscc();
        b2 = Fixtures.newUscc();
        b3 = Fixtures.newUscc();
        // 150 employees qualify, 50 do not
        PolicyApiTest.importFirms(PolicyApiTest.row(a1, "甲园区甲", industry, 150, null)
                + PolicyApiTest.row(a2, "甲园区乙", industry, 50, null)
                + PolicyApiTest.row(b1, "乙园区甲", industry, 150, null)
                + PolicyApiTest.row(b2, "乙园区乙", industry, 200, null)
                + PolicyApiTest.row(b3, "乙园区丙", industry, 50, null));
        for (String b : List.of(b1, b2, b3)) {
            ParkFixtures.execute("update enterprises set park_id = ? where uscc = ?", parkB, b);
        }
        userA1 = Fixtures.newUser("ENTERPRISE", a1, null);
        userB1 = ParkFixtures.userIn(parkB, "ENTERPRISE", b1, null);
        regulatorA = ParkFixtures.userIn(1, "REGULATOR", null, null);
        regulatorB = ParkFixtures.userIn(parkB, "REGULATOR", null, null);
        adminA = ParkFixtures.userIn(1, "ADMIN", null, null);
        adminB = ParkFixtures.userIn(parkB, "ADMIN", null, null);
        regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);
        // the region ADMIN names park B; without a park code the policy is the first park's
        policyB = create(Fixtures.asAdmin(), "乙园区人才补贴", codeB).then().statusCode(201).extract().jsonPath().getLong("id");
        policyA = create(Fixtures.asAdmin(), "甲园区人才补贴", null).then().statusCode(201).extract().jsonPath().getLong("id");
        Fixtures.asAdmin().post("/api/policies/" + policyB + "/publish").then().statusCode(200)
                .body("notified", org.hamcrest.Matchers.equalTo(2));
        Fixtures.asAdmin().post("/api/policies/" + policyA + "/publish").then().statusCode(200)
                .body("notified", org.hamcrest.Matchers.equalTo(1));
    }

    private io.restassured.response.Response create(RequestSpecification who, String title, String parkCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("kind", "SUBSIDY");
        body.put("validFrom", "2020-01-01");
        body.put("validTo", PolicyApiTest.VALID_TO);
        body.put("benefit", "每人补贴500元");
        body.put("eligibility", Map.of("industries", List.of(industry), "employeesMin", 100));
        if (parkCode != null) {
            body.put("parkCode", parkCode);
        }
        return who.contentType("application/json").body(body).post("/api/policies");
    }

    private static List<String> matches(RequestSpecification who, long policy) {
        return who.get("/api/policies/" + policy + "/matches?size=100").then().statusCode(200).extract().jsonPath()
                .getList("items.uscc", String.class);
    }

    private static List<Long> policies(RequestSpecification who) {
        return who.get("/api/policies").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }

    @Test
    @Order(1)
    void aPolicyMatchesExactlyItsParksQualifyingFirms() {
        assertThat(matches(Fixtures.asAdmin(), policyB)).containsExactlyInAnyOrder(b1, b2);
        assertThat(matches(Fixtures.asAdmin(), policyA)).containsExactly(a1);
        JsonPath list = Fixtures.asAdmin().get("/api/policies").then().statusCode(200).extract().jsonPath();
        assertThat(list.getString("find { it.id == " + policyB + " }.parkCode")).isEqualTo(codeB);
        assertThat(list.getString("find { it.id == " + policyA + " }.parkCode")).isEqualTo("PARK");
    }

    @Test
    @Order(4)
    void matchingAgainAddsOnlyTheParksNewFirms() {
        String b4 = Fixtures.newUscc();
        String a3 = Fixtures.newUscc();
        PolicyApiTest.importFirms(PolicyApiTest.row(b4, "乙园区丁", industry, 300, null)
                + PolicyApiTest.row(a3, "甲园区丙", industry, 300, null));
        ParkFixtures.execute("update enterprises set park_id = ? where uscc = ?", parkB, b4);
        service.rematchOpen();
        assertThat(matches(Fixtures.asAdmin(), policyB)).containsExactlyInAnyOrder(b1, b2, b4);
        assertThat(matches(Fixtures.asAdmin(), policyA)).containsExactlyInAnyOrder(a1, a3);
    }

    @Test
    @Order(2)
    void theOtherParkNeitherSeesNorActsOnAPolicy() {
        assertThat(policies(Fixtures.asUser(regulatorB))).contains(policyB).doesNotContain(policyA);
        assertThat(policies(Fixtures.asUser(adminB))).contains(policyB).doesNotContain(policyA);
        assertThat(policies(Fixtures.asUser(regulatorA))).contains(policyA).doesNotContain(policyB);
        assertThat(policies(Fixtures.asUser(regionRegulator))).contains(policyA, policyB);
        Fixtures.asUser(regulatorB).get("/api/policies/" + policyA + "/matches").then().statusCode(404)
                .contentType("application/problem+json");
        Fixtures.asUser(regulatorA).get("/api/policies/" + policyB + "/matches").then().statusCode(404);
        assertThat(matches(Fixtures.asUser(regionRegulator), policyB)).containsExactlyInAnyOrder(b1, b2);

        long draftA = create(Fixtures.asUser(adminA), "甲园区草稿", null).then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Fixtures.asUser(adminB).post("/api/policies/" + draftA + "/publish").then().statusCode(404);
        // a park ADMIN's policy is its park's; naming another park is refused
        JsonPath own = create(Fixtures.asUser(adminB), "乙园区自建", null).then().statusCode(201).extract().jsonPath();
        assertThat(own.getString("parkCode")).isEqualTo(codeB);
        assertThat(own.getInt("parkId")).isEqualTo(parkB);
        create(Fixtures.asUser(adminB), "越园区", "PARK").then().statusCode(422);
        create(Fixtures.asAdmin(), "无此园区", "NO-SUCH-PARK").then().statusCode(422);
    }

    @Test
    @Order(3)
    void aFirmSeesItsParksPoliciesAndItsApplicationStaysInItsPark() {
        List<Long> mineB = Fixtures.asUser(userB1).get("/api/policies/mine").then().statusCode(200).extract().jsonPath()
                .getList("policy.id", Long.class);
        assertThat(mineB).containsExactly(policyB);
        List<Long> mineA = Fixtures.asUser(userA1).get("/api/policies/mine").then().statusCode(200).extract().jsonPath()
                .getList("policy.id", Long.class);
        assertThat(mineA).contains(policyA).doesNotContain(policyB);
        Fixtures.asUser(userB1).post("/api/policies/" + policyA + "/applications").then().statusCode(404);
        long application = Fixtures.asUser(userB1).post("/api/policies/" + policyB + "/applications").then()
                .statusCode(201).extract().jsonPath().getLong("id");

        assertThat(Fixtures.asUser(regulatorB).get("/api/policies/applications?size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class)).containsExactly(application);
        assertThat(Fixtures.asUser(regulatorA).get("/api/policies/applications?size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class)).doesNotContain(application);
        assertThat(Fixtures.asUser(regionRegulator).get("/api/policies/applications?size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class)).contains(application);
        Fixtures.asUser(adminA).contentType("application/json").body(Map.of("outcome", "APPROVED", "reason", "越园区审批"))
                .post("/api/policies/applications/" + application + "/decision").then().statusCode(404);
        Fixtures.asUser(adminB).contentType("application/json").body(Map.of("outcome", "APPROVED", "reason", "符合条件"))
                .post("/api/policies/applications/" + application + "/decision").then().statusCode(200);
    }
}
