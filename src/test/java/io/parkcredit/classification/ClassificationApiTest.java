package io.parkcredit.classification;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The classification API as API.md writes it, its validation and its rule sets. */
@QuarkusTest
class ClassificationApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void aRunAnswersAsApiMdSaysAndItsResultsPageThroughEveryFirm() {
        int year = 2081;
        for (int i = 0; i < 7; i++) {
            Fixtures.newEnterprise("分页公司" + i);
        }
        JsonPath run = asAdmin().post("/api/classifications/" + year + "/runs").then().statusCode(201)
                .body("year", is(year)).body("status", equalTo("DRAFT"))
                .extract().jsonPath();
        long runId = run.getLong("runId");
        Map<String, Integer> counts = run.getMap("counts");
        assertThat(counts).containsOnlyKeys("RED", "WHITE", "YELLOW", "NONE");
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isGreaterThanOrEqualTo(7);

        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (int page = 0; ; page++) {
            JsonPath p = asAdmin().get("/api/classifications/" + year + "/runs/" + runId + "/results?size=3&page=" + page)
                    .then().statusCode(200).body("total", is(total)).body("size", is(3)).extract().jsonPath();
            List<String> usccs = p.getList("items.uscc");
            if (usccs.isEmpty()) {
                break;
            }
            pages++;
            seen.addAll(usccs);
            assertThat(p.getList("items.clauses", List.class)).allSatisfy(c -> assertThat(c).isNotEmpty());
        }
        assertThat(seen).hasSize(total);
        assertThat(pages).isEqualTo((total + 2) / 3);
        int red = asAdmin().get("/api/classifications/" + year + "/runs/" + runId + "/results?list=red&size=1")
                .then().statusCode(200).extract().jsonPath().getInt("total");
        assertThat(red).isEqualTo(counts.get("RED"));
    }

    @Test
    void badYearsListsAndRunsAreClearErrors() {
        asAdmin().post("/api/classifications/1800/runs").then().statusCode(422).body("errors[0].field", equalTo("year"));
        asAdmin().get("/api/classifications/2082/runs/999999/results").then().statusCode(404);
        long runId = ClassificationScenarioTest.run(2082);
        asAdmin().get("/api/classifications/2083/runs/" + runId + "/results").then().statusCode(404);
        asAdmin().get("/api/classifications/2082/runs/" + runId + "/results?list=PURPLE").then().statusCode(422)
                .body("errors[0].field", equalTo("list"));
        asAdmin().post("/api/classifications/2082/runs/" + runId + "/publish").then().statusCode(200);
        asAdmin().post("/api/classifications/2082/runs/" + runId + "/publish").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminRunsAndPublishes() {
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).post("/api/classifications/2084/runs").then().statusCode(403);
        long runId = ClassificationScenarioTest.run(2084);
        Fixtures.asUser(regulator).post("/api/classifications/2084/runs/" + runId + "/publish").then().statusCode(403);
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        asAdmin().post("/api/classifications/2084/runs/" + runId + "/publish").then().statusCode(200);
        Fixtures.asUser(officer).get("/api/classifications/2084/runs/" + runId + "/results").then().statusCode(403);
    }

    @Test
    void editingTheRulesMakesANewVersionThatLaterRunsRecord() {
        JsonPath before = asAdmin().get("/api/classifications/rules").then().statusCode(200).extract().jsonPath();
        int version = before.getInt("version");
        Map<String, Object> params = new LinkedHashMap<>(before.getMap("params"));
        try {
            params.put("lateDays", 45);
            asAdmin().contentType("application/json").body(Map.of("params", params, "note", "试行放宽逾期天数"))
                    .put("/api/classifications/rules").then().statusCode(200)
                    .body("version", is(version + 1)).body("params.lateDays", is(45));
            asAdmin().post("/api/classifications/2085/runs").then().statusCode(201);
            asAdmin().get("/api/classifications/2085/runs").then().body("[0].ruleSetVersion", is(version + 1));
            asAdmin().get("/api/audit?targetType=classification-rules&targetKey=v" + (version + 1)).then()
                    .body("items[0].reason", equalTo("试行放宽逾期天数"));

            Map<String, Object> bad = new LinkedHashMap<>(params);
            bad.put("lateDays", -1);
            bad.put("ratingFloor", "Z");
            bad.put("evaluationDay", "13-40");
            asAdmin().contentType("application/json").body(Map.of("params", bad, "note", "错误参数"))
                    .put("/api/classifications/rules").then().statusCode(422)
                    .body("errors.field", org.hamcrest.Matchers.hasItems("lateDays", "ratingFloor", "evaluationDay"));
            asAdmin().contentType("application/json").body(Map.of("params", params))
                    .put("/api/classifications/rules").then().statusCode(422).body("errors.field", hasItem("note"));
            String regulator = Fixtures.newUser("REGULATOR", null, null);
            Fixtures.asUser(regulator).get("/api/classifications/rules").then().statusCode(200);
            Fixtures.asUser(regulator).contentType("application/json").body(Map.of("params", params, "note", "x"))
                    .put("/api/classifications/rules").then().statusCode(403);
        } finally {
            params.put("lateDays", 30);
            asAdmin().contentType("application/json").body(Map.of("params", params, "note", "恢复默认参数"))
                    .put("/api/classifications/rules").then().statusCode(200);
        }
    }

    @Test
    void theRedListReadsThePublishedRatingValidOnTheEvaluationDay() throws SQLException {
        int year = 2086;
        String graded = Fixtures.newUscc();
        String weak = Fixtures.newUscc();
        String expired = Fixtures.newUscc();
        StringBuilder loans = new StringBuilder("lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n");
        for (String f : List.of(graded, weak, expired)) {
            loans.append("B1,RT-").append(f).append(',').append(f).append(",100000,").append(year).append("-01-01,")
                    .append(year + 1).append("-01-01,\n");
        }
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(graded, "A级公司")
                + Fixtures.enterpriseRow(weak, "B级公司") + Fixtures.enterpriseRow(expired, "过期B级公司"), "loans", loans.toString()));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into published_ratings (uscc, grade, score, valid_from, valid_until) values"
                    + " ('" + graded + "', 'A', 75, '" + (year - 1) + "-06-01', '" + (year + 2) + "-05-31'),"
                    + " ('" + weak + "', 'B', 60, '" + (year - 1) + "-06-01', '" + (year + 2) + "-05-31'),"
                    + " ('" + expired + "', 'B', 60, '" + (year - 3) + "-06-01', '" + year + "-12-30'),"
                    // valid today, not on the evaluation day: the profile shows it, the run does not read it
                    + " ('" + graded + "', 'AA', 85, current_date - 30, current_date + 30)");
        }
        long runId = ClassificationScenarioTest.run(year);
        assertThat(ClassificationScenarioTest.listOf(year, runId, graded)).isEqualTo("RED");
        assertThat(ClassificationScenarioTest.listOf(year, runId, weak)).isEqualTo("NONE");
        assertThat(ClassificationScenarioTest.listOf(year, runId, expired)).isEqualTo("RED");
        asAdmin().get("/api/classifications/" + year + "/runs/" + runId + "/results?q=" + weak).then()
                .body("items[0].clauses.find { it.code == 'RED_RATING_FLOOR' }.passed", is(false))
                .body("items[0].clauses.find { it.code == 'RED_RATING_FLOOR' }.detail",
                        org.hamcrest.Matchers.containsString("B"));
        asAdmin().get("/api/enterprises/" + graded).then().body("rating.grade", equalTo("AA"))
                .body("rating.score", is(85.0f));
    }
}
