package io.parkcredit.rating;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rating applications and published grades are seen within the firm's park (DOMAIN.md §5, §10.3). */
@QuarkusTest
class RatingParkIsolationTest {

    @Test
    void applicationsAndGradesStayInTheFirmsPark() {
        int b = ParkFixtures.newPark("评级乙园");
        String firmA = Fixtures.newEnterprise("评级默认园企业");
        String firmB = ParkFixtures.enterpriseIn(b, "评级乙园企业");
        String adminA = ParkFixtures.userIn(1, "ADMIN", null, null);
        String evaluatorA = ParkFixtures.userIn(1, "EVALUATOR", null, null);
        String regulatorA = ParkFixtures.userIn(1, "REGULATOR", null, null);
        String adminB = ParkFixtures.userIn(b, "ADMIN", null, null);
        String evaluatorB = ParkFixtures.userIn(b, "EVALUATOR", null, null);
        String firmUserB = ParkFixtures.userIn(b, "ENTERPRISE", firmB, null);
        String investorA = ParkFixtures.userIn(1, "INVESTMENT", null, null);
        String regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);

        long appB = asUser(firmUserB).contentType("application/json").body(Map.of("uscc", firmB))
                .post("/api/ratings/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        long appA = asUser(adminA).contentType("application/json").body(Map.of("uscc", firmA))
                .post("/api/ratings/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        // a park's ADMIN does not apply for another park's firm
        asUser(adminB).contentType("application/json").body(Map.of("uscc", firmA)).post("/api/ratings/applications")
                .then().statusCode(404);

        for (String user : List.of(adminA, evaluatorA, regulatorA)) {
            asUser(user).get("/api/ratings/applications/" + appB).then().statusCode(404);
            asUser(user).get("/api/ratings/applications?uscc=" + firmB).then().statusCode(200).body("total", is(0));
            asUser(user).get("/api/ratings/applications/" + appA).then().statusCode(200).body("uscc", equalTo(firmA));
        }
        for (String user : List.of(adminB, evaluatorB, firmUserB)) {
            asUser(user).get("/api/ratings/applications/" + appB).then().statusCode(200).body("uscc", equalTo(firmB));
            asUser(user).get("/api/ratings/applications/" + appA).then().statusCode(404);
        }
        asUser(regionRegulator).get("/api/ratings/applications/" + appA).then().statusCode(200);
        asUser(regionRegulator).get("/api/ratings/applications/" + appB).then().statusCode(200);
        asUser(adminB).get("/api/ratings/applications?size=10000").then().statusCode(200).body("items.uscc",
                org.hamcrest.Matchers.everyItem(equalTo(firmB)));

        // steps on another park's application: 404, and it stays as it was
        asUser(adminA).post("/api/ratings/applications/" + appB + "/qualification").then().statusCode(404);
        asUser(adminA).contentType("application/json").body(Map.of("note", "越权"))
                .post("/api/ratings/applications/" + appB + "/review").then().statusCode(404);
        asUser(adminB).get("/api/ratings/applications/" + appB).then().body("status", equalTo("APPLIED"));
        asUser(adminB).post("/api/ratings/applications/" + appB + "/qualification").then().statusCode(200);

        // published grades: each park's users see their park's
        ParkFixtures.execute("insert into published_ratings (uscc, grade, score, valid_from, valid_until) values"
                + " (?, 'AA', 85, current_date - 10, current_date + 300), (?, 'A', 75, current_date - 10, current_date + 300)",
                firmA, firmB);
        asUser(investorA).get("/api/ratings/published?uscc=" + firmB).then().statusCode(200).body("total", is(0));
        asUser(investorA).get("/api/ratings/published?uscc=" + firmA).then().statusCode(200).body("total", is(1))
                .body("items[0].grade", equalTo("AA"));
        asUser(firmUserB).get("/api/ratings/published?uscc=" + firmB).then().statusCode(200).body("total", is(1))
                .body("items[0].grade", equalTo("A"));
        asUser(adminB).get("/api/ratings/published?size=10000").then().statusCode(200)
                .body("items.uscc", org.hamcrest.Matchers.everyItem(equalTo(firmB)));
        asAdmin().get("/api/ratings/published?uscc=" + firmB).then().statusCode(200).body("total", is(1));
    }

    @Test
    void aParksAnnualReviewScoresThatParksFirmsOnly() {
        int b = ParkFixtures.newPark("年审乙园");
        String first = ParkFixtures.enterpriseIn(b, "年审乙园企业一");
        String second = ParkFixtures.enterpriseIn(b, "年审乙园企业二");
        String evaluatorB = ParkFixtures.userIn(b, "EVALUATOR", null, null);
        long inParkB = 2;

        var review = asUser(evaluatorB).post("/api/ratings/reviews/2025").then().statusCode(201).extract().jsonPath();
        long id = review.getLong("id");
        // exactly park B's two firms, though the default park holds many more
        org.assertj.core.api.Assertions.assertThat(review.getLong("firms")).isEqualTo(inParkB);
        asUser(evaluatorB).get("/api/ratings/reviews/" + id + "/results?size=100").then().statusCode(200)
                .body("total", is(2)).body("items.uscc", org.hamcrest.Matchers.containsInAnyOrder(first, second));

        // the region's review covers every park's firms, park B's among them
        var region = asAdmin().post("/api/ratings/reviews/2025").then().statusCode(201).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(region.getLong("firms")).isGreaterThan(inParkB);
        asAdmin().get("/api/ratings/reviews/" + region.getLong("id") + "/results?uscc=" + first).then().statusCode(200)
                .body("total", is(1));
    }
}
