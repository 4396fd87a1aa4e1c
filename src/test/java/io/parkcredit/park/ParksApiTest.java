package io.parkcredit.park;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parks of the region (DOMAIN.md §10.3): created and renamed by a region ADMIN, each user sees its own. */
@QuarkusTest
class ParksApiTest {

    @Test
    void aRegionAdminCreatesAndRenamesAParkAndBothAreAudited() {
        String code = Fixtures.newCode("NP").toUpperCase();
        asAdmin().contentType("application/json").body(Map.of("code", code, "name", "新区产业园")).post("/api/parks")
                .then().statusCode(201).body("code", equalTo(code)).body("name", equalTo("新区产业园"))
                .body("firms", is(0));
        asAdmin().contentType("application/json").body(Map.of("name", "新区高新产业园")).put("/api/parks/" + code)
                .then().statusCode(200).body("code", equalTo(code)).body("name", equalTo("新区高新产业园"));
        asAdmin().get("/api/parks/" + code).then().statusCode(200).body("name", equalTo("新区高新产业园"));
        asAdmin().get("/api/audit?targetType=park&targetKey=" + code).then().statusCode(200)
                .body("total", is(2))
                .body("items[0].action", equalTo("PARK_RENAMED"))
                .body("items[0].detail", equalTo("name=新区产业园 → 新区高新产业园"))
                .body("items[1].action", equalTo("PARK_CREATED"))
                .body("items[1].detail", equalTo("name=新区产业园"))
                .body("items[1].actor", equalTo("admin"));
        // the default park is there from the start
        List<String> codes = asAdmin().get("/api/parks").then().statusCode(200).extract().jsonPath().getList("code");
        assertThat(codes).contains("PARK", code);
    }

    @Test
    void aTakenCodeIsAConflictAndBadInputIsNamed() {
        String code = Fixtures.newCode("DP").toUpperCase();
        asAdmin().contentType("application/json").body(Map.of("code", code, "name", "甲园")).post("/api/parks")
                .then().statusCode(201);
        asAdmin().contentType("application/json").body(Map.of("code", code, "name", "乙园")).post("/api/parks")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"));
        asAdmin().contentType("application/json").body(Map.of("code", "PARK", "name", "重名")).post("/api/parks")
                .then().statusCode(409);
        for (String bad : List.of("a1", "X", "-AB", "AB CD", "A".repeat(33))) {
            asAdmin().contentType("application/json").body(Map.of("code", bad, "name", "园")).post("/api/parks")
                    .then().statusCode(422).body("errors[0].field", equalTo("code"));
        }
        asAdmin().contentType("application/json").body(Map.of("code", Fixtures.newCode("LN").toUpperCase(),
                "name", "园".repeat(101))).post("/api/parks").then().statusCode(422).body("errors[0].field", equalTo("name"));
        asAdmin().contentType("application/json").body(Map.of("code", Fixtures.newCode("BL").toUpperCase(), "name", "  "))
                .post("/api/parks").then().statusCode(422).body("errors[0].field", equalTo("name"));
        asAdmin().contentType("application/json").body(Map.of("name", "  ")).put("/api/parks/" + code).then()
                .statusCode(422).body("errors[0].field", equalTo("name"));
        asAdmin().contentType("application/json").body(Map.of("name", "无")).put("/api/parks/NO-SUCH-PARK").then()
                .statusCode(404);
        // nothing was written by the refused requests
        asAdmin().get("/api/parks/" + code).then().statusCode(200).body("name", equalTo("甲园"));
    }

    @Test
    void aParkUserSeesOnlyItsParkAndOnlyARegionAdminManagesParks() {
        int park = ParkFixtures.newPark("丙园");
        String code = ParkFixtures.code(park);
        String parkAdmin = ParkFixtures.userIn(park, "ADMIN", null, null);
        String firm = ParkFixtures.enterpriseIn(park, "丙园企业");
        String firmUser = ParkFixtures.userIn(park, "ENTERPRISE", firm, null);
        String regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);

        for (String user : List.of(parkAdmin, firmUser)) {
            asUser(user).get("/api/parks").then().statusCode(200).body("size()", is(1))
                    .body("[0].code", equalTo(code)).body("[0].name", equalTo("丙园")).body("[0].firms", is(1));
            asUser(user).get("/api/parks/" + code).then().statusCode(200);
            // the default park is outside: as if it did not exist
            asUser(user).get("/api/parks/PARK").then().statusCode(404);
        }
        List<String> all = asUser(regionRegulator).get("/api/parks").then().statusCode(200).extract().jsonPath()
                .getList("code");
        assertThat(all).contains("PARK", code);

        asUser(parkAdmin).contentType("application/json").body(Map.of("code", Fixtures.newCode("PA").toUpperCase(),
                "name", "越权")).post("/api/parks").then().statusCode(403);
        asUser(parkAdmin).contentType("application/json").body(Map.of("name", "越权")).put("/api/parks/" + code).then()
                .statusCode(403);
        asUser(regionRegulator).contentType("application/json").body(Map.of("name", "越权")).put("/api/parks/" + code)
                .then().statusCode(403);
        asUser(firmUser).contentType("application/json").body(Map.of("code", Fixtures.newCode("PE").toUpperCase(),
                "name", "越权")).post("/api/parks").then().statusCode(403);
        asAdmin().get("/api/parks/" + code).then().body("name", equalTo("丙园"));

        // the parks page is the region ADMIN's
        String page = io.restassured.RestAssured.given().cookies(ParkFixtures.pageSession("admin", Fixtures.ADMIN_PASSWORD))
                .redirects().follow(false).get("/parks").then().statusCode(200).extract().asString();
        assertThat(page).contains(code, "丙园", "create-park");
        io.restassured.RestAssured.given().cookies(ParkFixtures.pageSession(parkAdmin)).redirects().follow(false)
                .get("/parks").then().statusCode(403);
    }
}
