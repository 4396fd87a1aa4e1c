package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commitments, records and the public disclosure across parks (DOMAIN.md §8, §10.3). */
@QuarkusTest
class CreditParkIsolationTest {

    @Test
    void commitmentsStayInTheFirmsPark() {
        int b = ParkFixtures.newPark("信用乙园");
        String firmA = Fixtures.newEnterprise("信用默认园企业");
        String firmB = ParkFixtures.enterpriseIn(b, "信用乙园企业");
        String adminA = ParkFixtures.userIn(1, "ADMIN", null, null);
        String regulatorA = ParkFixtures.userIn(1, "REGULATOR", null, null);
        String adminB = ParkFixtures.userIn(b, "ADMIN", null, null);
        String firmUserB = ParkFixtures.userIn(b, "ENTERPRISE", firmB, null);
        String regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);

        long commitmentB = asUser(firmUserB).contentType("application/json").body(Map.of("uscc", firmB, "kind", "VOLUNTARY",
                "matter", "乙园承诺", "text", "承诺。")).post("/api/commitments").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        long commitmentA = asUser(adminA).contentType("application/json").body(Map.of("uscc", firmA, "kind", "VOLUNTARY",
                "matter", "默认园承诺", "text", "承诺。")).post("/api/commitments").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        // a park's ADMIN does not sign for another park's firm
        asUser(adminA).contentType("application/json").body(Map.of("uscc", firmB, "kind", "VOLUNTARY", "matter", "越权",
                "text", "承诺。")).post("/api/commitments").then().statusCode(404);

        for (String user : List.of(adminA, regulatorA)) {
            asUser(user).get("/api/commitments/" + commitmentB).then().statusCode(404);
            asUser(user).get("/api/commitments?uscc=" + firmB).then().statusCode(200).body("total", is(0));
            asUser(user).get("/api/commitments/" + commitmentA).then().statusCode(200);
            asUser(user).get("/api/credit-records?uscc=" + firmB).then().statusCode(404);
        }
        asUser(adminA).contentType("application/json").body(Map.of("outcome", "FULFILLED", "note", "越权核查"))
                .post("/api/commitments/" + commitmentB + "/outcome").then().statusCode(404);
        asUser(adminB).get("/api/commitments/" + commitmentA).then().statusCode(404);
        asUser(adminB).get("/api/commitments/" + commitmentB).then().statusCode(200).body("uscc", equalTo(firmB))
                .body("status", equalTo("OPEN"));
        asUser(adminB).get("/api/commitments?size=10000").then().statusCode(200).body("items.uscc", everyItem(equalTo(firmB)));
        asUser(adminB).get("/api/objections?size=10000").then().statusCode(200).body("total", is(0));
        asUser(adminB).get("/api/repairs?size=10000").then().statusCode(200).body("total", is(0));
        asUser(regionRegulator).get("/api/commitments/" + commitmentA).then().statusCode(200);
        asUser(regionRegulator).get("/api/commitments/" + commitmentB).then().statusCode(200);
        asUser(adminB).contentType("application/json").body(Map.of("outcome", "FULFILLED", "note", "已履行"))
                .post("/api/commitments/" + commitmentB + "/outcome").then().statusCode(200);
    }

    @Test
    void theDisclosureNamesEachParkAndFiltersByPark() {
        int b = ParkFixtures.newPark("公示乙园");
        String code = ParkFixtures.code(b);
        String tag = Fixtures.newCode("公示");
        String firmA = Fixtures.newEnterprise(tag + "甲");
        String firmB = ParkFixtures.enterpriseIn(b, tag + "乙");
        for (String firm : List.of(firmA, firmB)) {
            asAdmin().contentType("application/json").body(Map.of("uscc", firm, "kind", "VOLUNTARY", "matter", "公开承诺",
                    "text", "承诺。", "public", true)).post("/api/commitments").then().statusCode(201);
        }
        RestAssured.given().get("/api/publicity?q=" + tag).then().statusCode(200).body("total", is(2))
                .body("items.find { it.uscc == '" + firmB + "' }.parkCode", equalTo(code))
                .body("items.find { it.uscc == '" + firmB + "' }.parkName", equalTo("公示乙园"))
                // the default park's entries read as they did before regions
                .body("items.find { it.uscc == '" + firmA + "' }.parkCode", org.hamcrest.Matchers.nullValue())
                .body("items.find { it.uscc == '" + firmA + "' }", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("parkName")));
        RestAssured.given().get("/api/publicity?q=" + tag + "&park=" + code).then().statusCode(200).body("total", is(1))
                .body("items[0].uscc", equalTo(firmB));
        RestAssured.given().get("/api/publicity?q=" + tag + "&park=PARK").then().statusCode(200).body("total", is(1))
                .body("items[0].uscc", equalTo(firmA));
        RestAssured.given().get("/api/publicity?q=" + tag + "&park=NO-SUCH").then().statusCode(200).body("total", is(0));
        String page = RestAssured.given().get("/publicity?q=" + tag).then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(page).contains("公示乙园", "entry-park");
    }
}
