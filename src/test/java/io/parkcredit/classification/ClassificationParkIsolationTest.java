package io.parkcredit.classification;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.parkcredit.park.RegionComparisonTest;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A park's lists are its committee's decision (DOMAIN.md §4, §10.3): runs, versions and publication per park. */
@QuarkusTest
class ClassificationParkIsolationTest {

    static final int YEAR = io.parkcredit.park.RegionComparisonTest.YEAR;

    @Test
    void twoParksClassifyTheSameYearEachOnlyItsOwnFirms() {
        int a = ParkFixtures.newPark("分类甲园");
        int b = ParkFixtures.newPark("分类乙园");
        String codeA = ParkFixtures.code(a);
        String codeB = ParkFixtures.code(b);
        // park A: 3 firms with a loan, one graded B (NONE); park B: 2 firms with a loan (RED)
        List<String> firmsA = RegionComparisonTest.firmsWithLoans(codeA, 3, "甲园企业");
        RegionComparisonTest.rate(firmsA.get(2), "B", 60);
        List<String> firmsB = RegionComparisonTest.firmsWithLoans(codeB, 2, "乙园企业");
        String adminA = ParkFixtures.userIn(a, "ADMIN", null, null);
        String adminB = ParkFixtures.userIn(b, "ADMIN", null, null);
        String regulatorA = ParkFixtures.userIn(a, "REGULATOR", null, null);
        String firmUserB = ParkFixtures.userIn(b, "ENTERPRISE", firmsB.get(0), null);
        String bankA = ParkFixtures.userIn(a, "BANK", null, ParkFixtures.institutionIn(a, "BANK"));

        // the region ADMIN names the park; each park's run has version 1 and counts only its firms
        JsonPath runA = asAdmin().post("/api/classifications/" + YEAR + "/runs?park=" + codeA).then().statusCode(201)
                .body("parkCode", equalTo(codeA)).body("version", is(1)).body("status", equalTo("DRAFT"))
                .extract().jsonPath();
        assertThat(runA.getMap("counts")).isEqualTo(Map.of("RED", 2, "WHITE", 0, "YELLOW", 0, "NONE", 1));
        long runIdA = runA.getLong("runId");
        // park B's ADMIN runs its own park without naming it
        JsonPath runB = asUser(adminB).post("/api/classifications/" + YEAR + "/runs").then().statusCode(201)
                .body("parkCode", equalTo(codeB)).body("version", is(1)).extract().jsonPath();
        assertThat(runB.getMap("counts")).isEqualTo(Map.of("RED", 2, "WHITE", 0, "YELLOW", 0, "NONE", 0));
        long runIdB = runB.getLong("runId");
        List<String> resultsB = asAdmin().get("/api/classifications/" + YEAR + "/runs/" + runIdB + "/results?size=100")
                .then().statusCode(200).body("total", is(2)).extract().jsonPath().getList("items.uscc");
        assertThat(resultsB).containsExactlyInAnyOrderElementsOf(firmsB);
        // another park's code is not there for a park ADMIN
        asUser(adminB).post("/api/classifications/" + YEAR + "/runs?park=" + codeA).then().statusCode(404);

        // a second version in park A is version 2 of park A
        long runIdA2 = asUser(adminA).post("/api/classifications/" + YEAR + "/runs").then().statusCode(201)
                .body("version", is(2)).extract().jsonPath().getLong("runId");

        // each park publishes its year: two published lists of the same year side by side
        asUser(adminA).post("/api/classifications/" + YEAR + "/runs/" + runIdA2 + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        asUser(adminB).post("/api/classifications/" + YEAR + "/runs/" + runIdA + "/publish").then().statusCode(404);
        asUser(adminB).post("/api/classifications/" + YEAR + "/runs/" + runIdB + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        asAdmin().get("/api/classifications/" + YEAR + "/runs/" + runIdA2).then().body("status", equalTo("PUBLISHED"));
        asAdmin().get("/api/audit?targetType=classification&targetKey=" + YEAR + "/" + runIdB).then()
                .body("items[0].action", equalTo("CLASSIFICATION_PUBLISHED"))
                .body("items[0].detail", equalTo("first version, 0 notice(s) sent, park " + codeB));

        // reads: another park's run is as if it did not exist
        for (String path : List.of("", "/results", "/transitions", "/export")) {
            asUser(adminB).get("/api/classifications/" + YEAR + "/runs/" + runIdA2 + path).then().statusCode(404);
        }
        asUser(firmUserB).get("/api/classifications/" + YEAR + "/runs/" + runIdA2 + "/results").then().statusCode(404);
        asUser(firmUserB).get("/api/classifications/" + YEAR + "/runs/" + runIdB + "/results").then().statusCode(200)
                .body("total", is(1)).body("items[0].uscc", equalTo(firmsB.get(0)));
        asUser(bankA).get("/api/classifications/" + YEAR + "/runs/" + runIdB + "/results").then().statusCode(404);
        asUser(bankA).get("/api/classifications/" + YEAR + "/runs/" + runIdA2 + "/results").then().statusCode(200)
                .body("total", is(2));
        List<Integer> listA = asUser(adminA).get("/api/classifications/" + YEAR + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("runId", Integer.class);
        assertThat(listA).containsExactly((int) runIdA2, (int) runIdA);
        List<String> parksSeen = asAdmin().get("/api/classifications/" + YEAR + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("parkCode");
        assertThat(parksSeen).contains(codeA, codeB);
        asAdmin().get("/api/classifications/" + YEAR + "/runs?park=" + codeB).then().statusCode(200)
                .body("size()", is(1)).body("[0].runId", is((int) runIdB));
        // the park's regulator sees its park's year
        asUser(regulatorA).get("/api/classifications/" + YEAR).then().statusCode(200)
                .body("published.runId", is((int) runIdA2)).body("runs.size()", is(1));
        asAdmin().get("/api/classifications/" + YEAR + "?park=" + codeB).then().statusCode(200)
                .body("published.runId", is((int) runIdB));
        // the firm cards show each firm its own park's list
        asUser(firmUserB).get("/api/enterprises/" + firmsB.get(0)).then().statusCode(200)
                .body("classification.list", equalTo("RED"));
        asUser(adminB).get("/api/enterprises/" + firmsA.get(0)).then().statusCode(404);
    }
}
