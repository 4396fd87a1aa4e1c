package io.parkcredit.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parks see only their own sharing (DOMAIN.md §10.3): park A's firm is asked for by park B; park C,
 * its ADMIN and its firm, see nothing of it on any route (lists exclude it, by id 404, actions 404);
 * the roles outside the flow are refused every sharing route; the region ADMIN sees both sides.
 */
@QuarkusTest
class SharingParkIsolationTest {

    /** A page session of the user (pages sign in with the form, not HTTP Basic). */
    static io.restassured.http.Cookies signIn(String user) {
        return io.restassured.RestAssured.given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", "password-" + user).post("/j_security_check").then().statusCode(302).extract()
                .detailedCookies();
    }

    @Test
    void aThirdParkSeesNothingOfAnExchangeBetweenTwoOthers() {
        SharingFlowTest.World w = SharingFlowTest.world();
        long out = SharingFlowTest.ask(w);
        long in = SharingFlowTest.inbound(w, out);
        SharingFlowTest.consent(w, in, SharingFlowTest.today().plusDays(30));
        String exportId = Fixtures.asUser(w.adminA()).post("/api/sharing/requests/" + in + "/export").then()
                .statusCode(201).extract().jsonPath().getString("exportId");
        List<Map<String, Object>> inbox = Fixtures.asUser(w.adminB()).get("/api/sharing/imports").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.exportId == '" + exportId + "' }");
        long delivery = ((Number) inbox.get(0).get("id")).longValue();

        int parkC = ParkFixtures.newPark("旁观丙园");
        String adminC = ParkFixtures.userIn(parkC, "ADMIN", null, null);
        String firmC = ParkFixtures.userIn(parkC, "ENTERPRISE", ParkFixtures.enterpriseIn(parkC, "丙园企业"), null);

        // lists exclude it
        assertThat(Fixtures.asUser(adminC).get("/api/sharing/requests").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).doesNotContain(in, out);
        assertThat(Fixtures.asUser(adminC).get("/api/sharing/exports").then().statusCode(200).extract().jsonPath()
                .getList("exportId", String.class)).doesNotContain(exportId);
        assertThat(Fixtures.asUser(adminC).get("/api/sharing/imports").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).doesNotContain(delivery);
        assertThat(Fixtures.asUser(adminC).get("/api/sharing/log?uscc=" + w.uscc()).then().statusCode(200).extract()
                .jsonPath().getList("id")).isEmpty();
        assertThat(Fixtures.asUser(firmC).get("/api/sharing/requests").then().statusCode(200).extract().jsonPath()
                .getList("id")).isEmpty();
        assertThat(Fixtures.asUser(firmC).get("/api/sharing/log?uscc=" + w.uscc()).then().statusCode(200).extract()
                .jsonPath().getList("id")).isEmpty();
        // by id: 404, the same as an unknown id
        for (long id : new long[] {in, out}) {
            Fixtures.asUser(adminC).get("/api/sharing/requests/" + id).then().statusCode(404);
            Fixtures.asUser(firmC).get("/api/sharing/requests/" + id).then().statusCode(404);
        }
        Fixtures.asUser(adminC).get("/api/sharing/imports/" + delivery).then().statusCode(404);
        Fixtures.asUser(adminC).get("/api/sharing/exports/" + exportId + "/package").then().statusCode(404);
        // actions: 404
        Fixtures.asUser(adminC).post("/api/sharing/requests/" + in + "/export").then().statusCode(404);
        Fixtures.asUser(adminC).post("/api/sharing/imports/" + delivery + "/import").then().statusCode(404);
        Fixtures.asUser(firmC).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/sharing/requests/" + in + "/refusal").then().statusCode(404);
        // park A's ADMIN does not see park B's inbox; park B's ADMIN not park A's exports
        Fixtures.asUser(w.adminA()).get("/api/sharing/imports/" + delivery).then().statusCode(404);
        assertThat(Fixtures.asUser(w.adminB()).get("/api/sharing/exports").then().statusCode(200).extract().jsonPath()
                .getList("exportId", String.class)).doesNotContain(exportId);
        // the pages show the same
        assertThat(io.restassured.RestAssured.given().cookies(signIn(adminC))
                .get("/sharing").then().statusCode(200).extract().asString()).doesNotContain(w.uscc());
        assertThat(io.restassured.RestAssured.given().cookies(signIn(w.adminB()))
                .get("/sharing").then().statusCode(200).extract().asString()).contains(w.uscc());
        assertThat(io.restassured.RestAssured.given().cookies(signIn(firmC))
                .get("/sharing/mine").then().statusCode(200).extract().asString()).doesNotContain(w.uscc());
        assertThat(io.restassured.RestAssured.given().cookies(signIn(w.firmUser()))
                .get("/sharing/mine").then().statusCode(200).extract().asString()).contains(w.codeB());

        // roles outside the flow are refused by the rights table
        for (String role : List.of("REGULATOR", "BANK", "GUARANTOR", "EVALUATOR", "INVESTMENT")) {
            String u = ParkFixtures.userIn("REGULATOR".equals(role) ? null : 1, role, null,
                    role.equals("BANK") || role.equals("GUARANTOR") ? ParkFixtures.institutionIn(1, role) : null);
            Fixtures.asUser(u).get("/api/sharing/requests").then().statusCode(403);
            Fixtures.asUser(u).get("/api/sharing/log").then().statusCode(403);
            Fixtures.asUser(u).get("/api/sharing/imports").then().statusCode(403);
            Fixtures.asUser(u).post("/api/sharing/requests/" + in + "/export").then().statusCode(403);
        }

        // the region ADMIN sees both sides and both parks' packages
        assertThat(Fixtures.asAdmin().get("/api/sharing/requests").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(in, out);
        assertThat(Fixtures.asAdmin().get("/api/sharing/exports").then().statusCode(200).extract().jsonPath()
                .getList("exportId", String.class)).contains(exportId);
        assertThat(Fixtures.asAdmin().get("/api/sharing/imports").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(delivery);
        assertThat(Fixtures.asAdmin().get("/api/sharing/log?uscc=" + w.uscc()).then().statusCode(200).extract()
                .jsonPath().getList("event", String.class)).containsExactly("DELIVERED", "EXPORTED", "CONSENTED",
                        "REQUESTED");
    }
}
