package io.parkcredit.supervision;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drawing a plan through the API and recording results as credit records (DOMAIN.md §10.1). */
@QuarkusTest
class SupervisionApiTest {

    static final List<Map<String, String>> POOL = List.of(Map.of("id", "s1", "name", "张检", "unit", "市场监管局"),
            Map.of("id", "s2", "name", "李检", "unit", "市场监管局"), Map.of("id", "t1", "name", "王检", "unit", "税务局"),
            Map.of("id", "e1", "name", "赵检", "unit", "应急管理局"));

    @Test
    void theSameSeedDrawsTheSameFirmsAndResultsBecomeCreditRecords() {
        for (int i = 0; i < 6; i++) {
            Fixtures.newEnterprise("抽查企业" + i);
        }
        JsonPath a = draw(3, 987654321L);
        assertThat(a.getLong("seed")).isEqualTo(987654321L);
        List<Float> pis = a.getList("firms.inclusionProbability", Float.class);
        assertThat(pis.stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(3.0, within(1e-4));
        List<String> drawn = a.getList("firms.findAll { it.selected }.uscc");
        assertThat(drawn).hasSize(3);
        assertThat(a.getList("firms.findAll { it.selected }.collect { it.inspectors.size() }", Integer.class)).containsOnly(2);
        JsonPath b = draw(3, 987654321L);
        assertThat(b.getList("firms.findAll { it.selected }.uscc")).containsExactlyElementsOf(drawn);
        // the firms of the second plan never get an inspector of the first
        for (String uscc : drawn) {
            List<String> first = a.getList("firms.find { it.uscc == '" + uscc + "' }.inspectors.id");
            List<String> second = b.getList("firms.find { it.uscc == '" + uscc + "' }.inspectors.id");
            assertThat(second).doesNotContainAnyElementsOf(first);
        }

        long plan = a.getLong("id");
        String failed = drawn.get(0);
        asAdmin().contentType("application/json").body(Map.of("uscc", failed, "outcome", "FAILED"))
                .post("/api/inspections/" + plan + "/results").then().statusCode(422)
                .body("errors[0].field", equalTo("findings"));
        JsonPath r = asAdmin().contentType("application/json")
                .body(Map.of("uscc", failed, "outcome", "FAILED", "findings", "消防通道堵塞"))
                .post("/api/inspections/" + plan + "/results").then().statusCode(201).extract().jsonPath();
        assertThat(r.getString("event.type")).isEqualTo("QUALITY_CHECK_FAILED");
        assertThat(r.getString("event.severity")).isEqualTo("GENERAL");
        assertThat(r.getString("event.source")).isEqualTo("INSPECTION");
        asAdmin().contentType("application/json").body(Map.of("uscc", failed, "outcome", "PASSED"))
                .post("/api/inspections/" + plan + "/results").then().statusCode(409);
        JsonPath passed = asAdmin().contentType("application/json").body(Map.of("uscc", drawn.get(1), "outcome", "PASSED"))
                .post("/api/inspections/" + plan + "/results").then().statusCode(201).extract().jsonPath();
        assertThat(passed.getString("event.type")).isEqualTo("HONOR");
        asAdmin().contentType("application/json").body(Map.of("uscc", drawn.get(2), "outcome", "FAILED",
                "findings", "x", "severity", "SERIOUS")).post("/api/inspections/" + plan + "/results").then()
                .statusCode(201).body("event.severity", equalTo("SERIOUS"));
        String notDrawn = a.getString("firms.find { !it.selected }.uscc");
        asAdmin().contentType("application/json").body(Map.of("uscc", notDrawn, "outcome", "PASSED"))
                .post("/api/inspections/" + plan + "/results").then().statusCode(409);
    }

    @Test
    void badPlansAreRefusedWithTheField() {
        asAdmin().contentType("application/json").body("{}").post("/api/inspections/plans").then().statusCode(422);
        asAdmin().contentType("application/json").body(Map.of("period", "2026 Q1", "count", 1,
                "inspectors", List.of(Map.of("id", "x", "name", "x", "unit", "u"), Map.of("id", "y", "name", "y", "unit", "u"))))
                .post("/api/inspections/plans").then().statusCode(422).body("errors[0].field", equalTo("inspectors"));
        asAdmin().contentType("application/json").body(Map.of("period", "2026 Q1", "count", 100_000_000, "inspectors", POOL))
                .post("/api/inspections/plans").then().statusCode(422).body("errors[0].field", equalTo("count"));
        String firm = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(firm).contentType("application/json").body(Map.of("period", "x", "count", 1, "inspectors", POOL))
                .post("/api/inspections/plans").then().statusCode(403);
    }

    private static JsonPath draw(int count, long seed) {
        return asAdmin().contentType("application/json")
                .body(Map.of("period", "2026年第一季度", "count", count, "seed", seed, "inspectors", POOL))
                .post("/api/inspections/plans").then().statusCode(201).extract().jsonPath();
    }
}
