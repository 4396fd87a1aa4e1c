package io.parkcredit.rating;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The rating API's edges: the model, the yearly review, roles, input errors (DOMAIN.md §1, §5). */
@QuarkusTest
class RatingApiTest {

    /** A review year no other test uses. */
    static final int REVIEW_YEAR = 2093;

    @Test
    void theModelIsReadAndEditedAsVersions() throws Exception {
        JsonPath current = asAdmin().get("/api/ratings/model").then().statusCode(200)
                .body("model.dimensions.size()", is(5)).extract().jsonPath();
        assertThat(current.getList("model.dimensions.groups.indicators.flatten()")).hasSize(45);
        Object model = new ObjectMapper().readValue(RatingModelService.defaultJson(), Object.class);

        asAdmin().contentType("application/json").body(Map.of("model", model)).put("/api/ratings/model").then()
                .statusCode(422).body("errors.field", hasItem("note"));
        String broken = RatingModelService.defaultJson().replace("\"weight\": 3,", "\"weight\": -3,");
        asAdmin().contentType("application/json").body(Map.of("model", new ObjectMapper().readValue(broken, Object.class),
                "note", "x")).put("/api/ratings/model").then().statusCode(422)
                .body("errors.field", hasItem("dimensions[0].groups[0].indicators[0].weight"));
        String evaluator = Fixtures.newUser("EVALUATOR", null, null);
        Fixtures.asUser(evaluator).contentType("application/json").body(Map.of("model", model, "note", "x"))
                .put("/api/ratings/model").then().statusCode(403);
        Fixtures.asUser(Fixtures.newUser("BANK", null, bank())).get("/api/ratings/model").then().statusCode(403);

        int next = asAdmin().contentType("application/json").body(Map.of("model", model, "note", "年度复核，权重不变"))
                .put("/api/ratings/model").then().statusCode(200).extract().path("version");
        assertThat(next).isGreaterThan(current.getInt("version"));
        asAdmin().get("/api/ratings/model/history").then().statusCode(200).body("version", hasItems(1, next));
        asAdmin().get("/api/audit?targetType=rating-model&targetKey=v" + next).then()
                .body("items[0].reason", equalTo("年度复核，权重不变"));
    }

    @Test
    void theYearlyReviewScoresEveryParkFirm() {
        String bank = Fixtures.newCode("RB");
        String sound = RatingFixtures.soundFirm("年审优良公司", REVIEW_YEAR, bank, (REVIEW_YEAR + 2) + "-01-01");
        String bare = Fixtures.newEnterprise("年审无报表公司");
        // every active firm of the evaluator's park (the default one), counted here in SQL written for the test:
        // in the park and not deregistered; other tests' parks are not reviewed with it (DOMAIN.md §10.3)
        long parkFirms = parkFirms();
        JsonPath run = Fixtures.asUser(Fixtures.newUser("EVALUATOR", null, null)).post("/api/ratings/reviews/" + REVIEW_YEAR)
                .then().statusCode(201).extract().jsonPath();
        assertThat(run.getLong("firms")).isEqualTo(parkFirms);
        long id = run.getLong("id");
        asAdmin().get("/api/ratings/reviews/" + id + "/results?size=1").then().statusCode(200).body("total", is((int) parkFirms));
        JsonPath good = asAdmin().get("/api/ratings/reviews/" + id + "/results?uscc=" + sound).then().statusCode(200)
                .body("total", is(1)).extract().jsonPath();
        JsonPath poor = asAdmin().get("/api/ratings/reviews/" + id + "/results?uscc=" + bare).then().statusCode(200)
                .extract().jsonPath();
        assertThat(good.getDouble("items[0].score")).isGreaterThan(poor.getDouble("items[0].score"));
        assertThat(good.getMap("items[0].dimensions")).containsOnlyKeys("QUALITY", "MANAGEMENT", "FINANCE", "INTEGRITY", "SOCIAL");
        // worked out by hand (RatingFixtures.soundFirmFixedPoints), on-site indicators at the model's default 60 %:
        // MANAGEMENT 7 + 8 × 0.6, INTEGRITY 18 + 2 × 0.6, SOCIAL 6 + 4 × 0.6; QUALITY and FINANCE add percentiles
        double management = good.getDouble("items[0].dimensions.MANAGEMENT");
        double integrity = good.getDouble("items[0].dimensions.INTEGRITY");
        double social = good.getDouble("items[0].dimensions.SOCIAL");
        double quality = good.getDouble("items[0].dimensions.QUALITY");
        double finance = good.getDouble("items[0].dimensions.FINANCE");
        assertThat(management).isCloseTo(11.8, org.assertj.core.data.Offset.offset(0.005));
        assertThat(integrity).isCloseTo(19.2, org.assertj.core.data.Offset.offset(0.005));
        assertThat(social).isCloseTo(8.4, org.assertj.core.data.Offset.offset(0.005));
        // QUALITY 6.8 fixed + 4 × 0.6 on site + revenue percentile (0..3); FINANCE 34 fixed + three turnovers (0..6)
        assertThat(quality).isBetween(9.2, 12.2);
        assertThat(finance).isBetween(34.0, 40.0);
        double expected = management + integrity + social + quality + finance;
        assertThat(good.getDouble("items[0].score")).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.011));
        assertThat(good.getString("items[0].grade")).isEqualTo(RatingFixtures.gradeOf(expected));
        asAdmin().post("/api/ratings/reviews/1800").then().statusCode(422);
        Fixtures.asUser(Fixtures.newUser("ENTERPRISE", sound, null)).post("/api/ratings/reviews/" + REVIEW_YEAR).then()
                .statusCode(403);
    }

    @Inject
    DataSource dataSource;

    long parkFirms() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from enterprises where in_park and status <> 'DEREGISTERED' and park_id = 1")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bank() {
        String code = Fixtures.newCode("BK");
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + code + ",评级接口测试银行,BANK\n"));
        return code;
    }

    @Test
    void rolesAndInputErrors() {
        String uscc = Fixtures.newEnterprise("评级角色公司");
        String other = Fixtures.newEnterprise("评级他人公司");
        String firm = Fixtures.newUser("ENTERPRISE", uscc, null);
        Fixtures.asUser(firm).contentType("application/json").body(Map.of("uscc", other)).post("/api/ratings/applications")
                .then().statusCode(403);
        Fixtures.asUser(Fixtures.newUser("BANK", null, bank())).contentType("application/json")
                .body(Map.of("uscc", uscc)).post("/api/ratings/applications").then().statusCode(403);
        asAdmin().contentType("application/json").body(Map.of("uscc", "91410481MA3X0000")).post("/api/ratings/applications")
                .then().statusCode(422).body("errors.field", hasItem("uscc"));
        asAdmin().contentType("application/json").body(Map.of("uscc", Fixtures.newUscc())).post("/api/ratings/applications")
                .then().statusCode(404);
        asAdmin().get("/api/ratings/applications/987654321").then().statusCode(404);

        long id = RatingFixtures.apply(firm, uscc);
        Fixtures.asUser(firm).get("/api/ratings/applications/" + id + "/report.pdf").then().statusCode(409)
                .body("type", endsWith("rating-not-scored"));
        // objecting is the rated firm's step: the park is refused before it learns the state
        RatingFixtures.step(null, id, "objection", Map.of("reason", "x")).statusCode(403);
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).get("/api/ratings/applications?uscc=" + uscc).then().statusCode(200)
                .body("items[0].status", equalTo("APPLIED"));
        Fixtures.asUser(regulator).post("/api/ratings/applications/" + id + "/qualification").then().statusCode(403);
        Fixtures.asUser(Fixtures.newUser("INVESTMENT", null, null)).get("/api/ratings/applications").then().statusCode(403);
    }
}
