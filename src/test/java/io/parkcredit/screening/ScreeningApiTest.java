package io.parkcredit.screening;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Screening through the API (API.md, DOMAIN.md §9): exclusions, ranking, weights, saved runs, shortlist. */
@QuarkusTest
class ScreeningApiTest {

    static String prospect(String uscc, String name, String industry, int employees, int patents) {
        return uscc + "," + name + ",2012-01-01," + industry + ",10000000," + employees + ",ACTIVE,李,13900139000,false,,"
                + patents + ",0\n";
    }

    @Test
    void riskyProspectsAreExcludedWithReasonsAndTheRestRankedWithContributions() {
        String strong = Fixtures.newUscc();
        String weak = Fixtures.newUscc();
        String dishonest = Fixtures.newUscc();
        String serious = Fixtures.newUscc();
        String gone = Fixtures.newUscc();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("enterprises", Fixtures.ENTERPRISES_HEADER
                + prospect(strong, "强势招商对象", "C3412", 800, 40)
                + prospect(weak, "弱势招商对象", "C3412", 50, 1)
                + prospect(dishonest, "失信招商对象", "C3412", 500, 10)
                + prospect(serious, "严重违法对象", "C3412", 500, 10)
                + gone + ",已注销对象,2012-01-01,C3412,1,1,DEREGISTERED,李,13900139000,false,,0,0\n");
        bundle.put("financial_statements", "uscc,year,revenue,total_assets,net_profit,rd_expense\n"
                + strong + ",2023,50000000,80000000,5000000,3000000\n" + strong + ",2024,60000000,90000000,6000000,3500000\n"
                + strong + ",2025,75000000,100000000,8000000,4000000\n"
                + weak + ",2024,3000000,5000000,100000,0\n" + weak + ",2025,2800000,5000000,50000,0\n");
        bundle.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "COURT,SX-" + dishonest + "," + dishonest + ",DISHONEST_DEBTOR,SERIOUS,2020-01-01,,,失信被执行人,,\n"
                + "SAMR,SI-" + serious + "," + serious + ",ADMIN_PENALTY,SERIOUS,2025-06-01,100000,,重大处罚,,\n"
                + "SAMR,W-" + weak + "," + weak + ",ADMIN_PENALTY,GENERAL,2025-06-01,1000,,一般处罚,,\n");
        Fixtures.importBundle(bundle);
        String officer = Fixtures.newUser("INVESTMENT", null, null);

        JsonPath result = Fixtures.asUser(officer).contentType("application/json").body(Map.of("limit", 100000))
                .post("/api/screenings").then().statusCode(200).extract().jsonPath();
        List<String> ranked = result.getList("ranked.uscc");
        List<String> excluded = result.getList("excluded.uscc");
        Set<String> overlap = new HashSet<>(ranked);
        overlap.retainAll(excluded);
        assertThat(overlap).as("excluded prospects never appear in the ranking").isEmpty();
        assertThat(ranked).contains(strong, weak).doesNotContain(dishonest, serious, gone);
        assertThat(result.getList("excluded.find { it.uscc == '" + dishonest + "' }.reasons", String.class))
                .contains("失信被执行人");
        assertThat(result.getList("excluded.find { it.uscc == '" + serious + "' }.reasons", String.class))
                .contains("近3年有在计的严重失信记录");
        assertThat(result.getList("excluded.find { it.uscc == '" + gone + "' }.reasons", String.class)).contains("已注销");
        assertThat(ranked.indexOf(strong)).isLessThan(ranked.indexOf(weak));
        assertThat(result.getList("weights.code")).hasSize(8);
        double sum = result.getList("weights.weight", Float.class).stream().mapToDouble(Float::doubleValue).sum();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(result.getList("ranked.find { it.uscc == '" + strong + "' }.contributions.code", String.class))
                .containsExactlyInAnyOrder("CREDIT", "CHAIN_FIT", "REVENUE", "ASSETS", "EMPLOYEES", "GROWTH", "INNOVATION", "RISK");
        List<Integer> ranks = result.getList("ranked.rank");
        for (int i = 0; i < ranks.size(); i++) {
            assertThat(ranks.get(i)).isEqualTo(i + 1);
        }
        assertThat(result.getList("ranked.score", Float.class)).isSortedAccordingTo((a, b) -> Float.compare(b, a));

        // saved with its parameters: running it again reproduces the ranking
        long id = result.getLong("screeningId");
        JsonPath again = Fixtures.asUser(officer).post("/api/screenings/" + id + "/rerun").then().statusCode(200)
                .extract().jsonPath();
        assertThat(again.getList("ranked.uscc")).isEqualTo(ranked);
        Fixtures.asUser(officer).get("/api/screenings").then().statusCode(200).body("id", hasItem((int) id));

        // shortlist
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("uscc", strong, "note", "重点洽谈"))
                .post("/api/screenings/" + id + "/shortlist").then().statusCode(200)
                .body("uscc", hasItem(strong)).body("find { it.uscc == '" + strong + "' }.note", equalTo("重点洽谈"));
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("uscc", Fixtures.newEnterprise("园区内企业")))
                .post("/api/screenings/" + id + "/shortlist").then().statusCode(422);
        Fixtures.asUser(officer).delete("/api/screenings/" + id + "/shortlist/" + strong).then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void officerWeightsDecideAManualScreening() {
        String big = Fixtures.newUscc();
        String small = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER
                + prospect(big, "员工多的对象", "F5174", 900, 0) + prospect(small, "专利多的对象", "F5174", 10, 90)));
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        JsonPath byStaff = Fixtures.asUser(officer).contentType("application/json")
                .body(Map.of("criteria", List.of(Map.of("code", "EMPLOYEES", "weight", 1), Map.of("code", "INNOVATION", "weight", 0)),
                        "weighting", "MANUAL", "limit", 100000))
                .post("/api/screenings").then().statusCode(200).extract().jsonPath();
        List<String> order = byStaff.getList("ranked.uscc");
        assertThat(order.indexOf(big)).isLessThan(order.indexOf(small));
        assertThat(byStaff.getList("weights.weight", Float.class)).containsExactly(1.0f, 0.0f);
        JsonPath byPatents = Fixtures.asUser(officer).contentType("application/json")
                .body(Map.of("criteria", List.of(Map.of("code", "EMPLOYEES", "weight", 0), Map.of("code", "INNOVATION", "weight", 1)),
                        "weighting", "MANUAL", "limit", 100000))
                .post("/api/screenings").then().statusCode(200).extract().jsonPath();
        List<String> order2 = byPatents.getList("ranked.uscc");
        assertThat(order2.indexOf(small)).isLessThan(order2.indexOf(big));
        // all-zero officer weights fall back to equal weights, never NaN
        Fixtures.asUser(officer).contentType("application/json")
                .body(Map.of("criteria", List.of(Map.of("code", "EMPLOYEES", "weight", 0), Map.of("code", "INNOVATION", "weight", 0)),
                        "weighting", "MANUAL"))
                .post("/api/screenings").then().statusCode(200).body("weights.weight", org.hamcrest.Matchers.everyItem(equalTo(0.5f)));
    }

    @Test
    void badRequestsAreClearErrorsAndOtherRolesCannotScreen() {
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Fixtures.asUser(officer).get("/api/screenings/criteria").then().statusCode(200).body("$", hasSize(8))
                .body("find { it.code == 'RISK' }.direction", equalTo("COST"))
                .body("find { it.code == 'CREDIT' }.direction", equalTo("BENEFIT"));
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("criteria", List.of(Map.of("code", "LUCK"))))
                .post("/api/screenings").then().statusCode(422).body("errors[0].field", equalTo("criteria[0].code"));
        Fixtures.asUser(officer).contentType("application/json")
                .body(Map.of("criteria", List.of(Map.of("code", "CREDIT", "weight", -1))))
                .post("/api/screenings").then().statusCode(422).body("errors[0].field", equalTo("criteria[0].weight"));
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("weighting", "GUESS"))
                .post("/api/screenings").then().statusCode(422).body("errors[0].field", equalTo("weighting"));
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("limit", 0))
                .post("/api/screenings").then().statusCode(422);
        Fixtures.asUser(officer).post("/api/screenings/99999999/rerun").then().statusCode(404);
        String firm = Fixtures.newUser("ENTERPRISE", Fixtures.newEnterprise("无权筛选公司"), null);
        Fixtures.asUser(firm).contentType("application/json").body(Map.of()).post("/api/screenings").then().statusCode(403);
    }

    @Test
    void theChainMapShowsGapsAndCanBeReplaced() {
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        JsonPath before = Fixtures.asUser(officer).get("/api/chains").then().statusCode(200).extract().jsonPath();
        assertThat(before.getList("code")).contains("STEEL");
        assertThat(before.getList("segments.flatten().gap", Float.class)).allSatisfy(g -> assertThat(g).isBetween(0f, 1f));
        List<Map<String, Object>> original = before.getList("$");
        try {
            Fixtures.asUser(officer).contentType("application/json").body(Map.of("reason", "坏数据", "chains",
                    List.of(Map.of("code", "X", "name", "", "segments", List.of(Map.of("code", "S", "name", "段",
                            "stage", "SIDEWAYS", "industryCodes", List.of("Z99")))))))
                    .put("/api/chains").then().statusCode(422)
                    .body("errors.field", org.hamcrest.Matchers.hasItems("chains[0].name", "chains[0].segments[0].stage",
                            "chains[0].segments[0].industryCodes"));
            Fixtures.asUser(officer).contentType("application/json").body(Map.of("reason", "试点物流链", "chains",
                    List.of(Map.of("code", "LOGISTICS", "name", "物流产业链", "segments", List.of(
                            Map.of("code", "TRADE", "name", "五金贸易", "stage", "UPSTREAM", "industryCodes", List.of("F51")),
                            Map.of("code", "TRANSPORT", "name", "运输仓储", "stage", "DOWNSTREAM", "industryCodes", List.of("G54")))))))
                    .put("/api/chains").then().statusCode(200).body("code", org.hamcrest.Matchers.contains("LOGISTICS"))
                    .body("[0].segments.code", org.hamcrest.Matchers.contains("TRADE", "TRANSPORT"));
        } finally {
            List<Map<String, Object>> restore = original.stream().map(c -> Map.<String, Object>of("code", c.get("code"),
                    "name", c.get("name"), "description", String.valueOf(c.get("description")),
                    "segments", ((List<Map<String, Object>>) c.get("segments")).stream().map(s -> Map.of("code", s.get("code"),
                            "name", s.get("name"), "stage", s.get("stage"), "industryCodes", s.get("industryCodes"))).toList()))
                    .toList();
            Fixtures.asUser(officer).contentType("application/json").body(Map.of("reason", "恢复", "chains", restore))
                    .put("/api/chains").then().statusCode(200);
        }
    }
}
