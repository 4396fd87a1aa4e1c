package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static io.parkcredit.testing.RatingFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §8.2: an objection CORRECTED on an item that feeds a rating still in its workflow scores
 * that application again with the corrected data — same sheet, same day — audits it and tells the
 * firm (and only the firm) the new draft.
 */
@QuarkusTest
class ObjectionRescoreTest {

    @Inject
    Clock clock;

    @Test
    void aCorrectedStatementScoresTheDraftRatingAgain() {
        int fiscal = LocalDate.now(clock).getYear() - 1;
        String uscc = RatingFixtures.soundFirm("更正重评示范公司", fiscal, Fixtures.newCode("RB"),
                (LocalDate.now(clock).getYear() + 3) + "-03-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        String evaluator = Fixtures.newUser("EVALUATOR", null, null);
        long id = RatingFixtures.apply(firmUser, uscc);
        step(null, id, "qualification", null).statusCode(200).body("status", equalTo("QUALIFIED"));
        step(null, id, "review", Map.of("note", "材料齐全")).statusCode(200);
        JsonPath draft = step(evaluator, id, "scores", Map.of("onsiteScores", RatingFixtures.fullOnsite())).statusCode(200)
                .body("status", equalTo("DRAFT")).extract().jsonPath();
        BigDecimal before = new BigDecimal(draft.getString("score")).setScale(2);
        // contract fulfilment 9.9M of 10M = 0.99 ≥ 0.98: the full 3 points
        assertThat(draft.getString("result.indicators.find { it.code == 'F18' }.points")).isEqualTo("3.0");

        // when the firm objects to its statement and the park corrects the contracts fulfilled to 9.2M
        String ref = uscc + "/" + fiscal;
        long objection = asUser(firmUser).contentType("application/json").body(Map.of("uscc", uscc,
                "itemType", "FINANCIAL_STATEMENT", "itemRef", ref, "reason", "履约合同额填报有误，应为 920 万元")).post("/api/objections")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().contentType("application/json").body(Map.of("outcome", "CORRECTED", "reason", "经核实按审计报告更正",
                "correction", Map.of("contracts_fulfilled", "9200000"))).post("/api/objections/" + objection + "/decision")
                .then().statusCode(200).body("status", equalTo("CORRECTED"));

        // then the draft is scored again: 0.92 ≥ 0.9 gives 0.7 × 3 = 2.1 points, 0.9 fewer in total
        JsonPath after = asUser(firmUser).get("/api/ratings/applications/" + id).then().statusCode(200)
                .body("status", equalTo("DRAFT")).extract().jsonPath();
        assertThat(after.getDouble("result.indicators.find { it.code == 'F18' }.value")).isCloseTo(0.92, within(1e-9));
        assertThat(after.getString("result.indicators.find { it.code == 'F18' }.points")).isEqualTo("2.1");
        BigDecimal score = new BigDecimal(after.getString("score")).setScale(2);
        assertThat(before.subtract(score)).isEqualByComparingTo("0.90");
        assertThat(after.getString("grade")).isEqualTo(grade(score));
        assertThat(after.getString("result.score")).isEqualTo(after.getString("score"));
        // the same sheet and day
        assertThat(after.getString("scoredOn")).isEqualTo(draft.getString("scoredOn"));
        assertThat(after.getMap("onsiteScores")).isEqualTo(draft.getMap("onsiteScores"));

        // audited on the application, naming the objection
        List<Map<String, Object>> audit = asAdmin().get("/api/audit?targetType=rating&targetKey=" + id + "/" + uscc).then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(audit.get(0)).containsEntry("action", "RATING_RESCORED");
        assertThat((String) audit.get(0).get("detail")).contains("objection " + objection + " CORRECTED on FINANCIAL_STATEMENT "
                + ref).contains("-> " + grade(score) + " (" + score.toPlainString() + ")");
        // and the firm is told in its correction notice
        List<String> notices = asUser(firmUser).get("/api/corrections").then().statusCode(200).extract().jsonPath()
                .getList("items.detail");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).contains("评级申请 #" + id + " 已按更正后的数据重新评分")
                .contains("（" + before.toPlainString() + "）→ " + grade(score) + "（" + score.toPlainString() + "）");
    }

    /** DOMAIN.md §5's grade table. */
    static String grade(BigDecimal score) {
        double s = score.doubleValue();
        return s >= 90 ? "AAA" : s >= 80 ? "AA" : s >= 70 ? "A" : s >= 50 ? "B" : "C";
    }
}
