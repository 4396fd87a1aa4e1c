package io.parkcredit.rating;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.RatingFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.ClassificationFixtures;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A firm's rating, as a story (DOMAIN.md §5): it applies and qualifies (another firm fails with
 * reasons), passes the preliminary review, is scored by the evaluator, objects, has the objection
 * answered, is approved, publicised and published; its published grade lets the RED clause of the
 * classification (§4) pass; its PDF report carries the grade; it expires; and a revoked grade bars
 * a new application for 3 years. Deadlines are driven by the sweep with explicit days.
 */
@QuarkusTest
class RatingScenarioTest {

    /**
     * A classification year inside the three-year validity of a grade published now (the year after
     * next, from the clock); the other classification tests use fixed years far in the future.
     */
    int classificationYear() {
        return LocalDate.now(clock).getYear() + 2;
    }

    @Inject
    RatingService ratings;

    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    @Test
    void aFirmIsRatedPublishedUsedByTheRedListAndExpires() throws IOException {
        LocalDate today = LocalDate.now(clock);
        int fiscal = today.getYear() - 1;
        String bank = Fixtures.newCode("RB");
        String uscc = RatingFixtures.soundFirm("评级守信示范公司", fiscal, bank, (classificationYear() + 1) + "-03-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        String evaluator = Fixtures.newUser("EVALUATOR", null, null);

        // application and qualification
        long id = RatingFixtures.apply(firmUser, uscc);
        Fixtures.asUser(firmUser).contentType("application/json").body(Map.of("uscc", uscc))
                .post("/api/ratings/applications").then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("rating-application-open"));
        step(firmUser, id, "qualification", null).statusCode(403);
        step(null, id, "qualification", null).statusCode(200).body("status", equalTo("QUALIFIED"))
                .body("qualification.passed", org.hamcrest.Matchers.everyItem(is(true)));
        step(null, id, "review", Map.of("note", "材料齐全")).statusCode(200).body("status", equalTo("UNDER_EVALUATION"));

        // on-site scoring: incomplete sheets are refused with the field
        step(evaluator, id, "scores", Map.of("onsiteScores", Map.of("Q03", 2.0))).statusCode(422)
                .body("errors.field", hasItem("onsiteScores.Q04"));
        Map<String, Double> lowSheet = RatingFixtures.fullOnsite();
        lowSheet.put("Q03", 0.0);
        lowSheet.put("Q04", 0.0);
        JsonPath draft = step(evaluator, id, "scores", Map.of("onsiteScores", lowSheet)).statusCode(200)
                .body("status", equalTo("DRAFT")).body("result.indicators.size()", is(45))
                .body("result.dimensions.size()", is(5)).extract().jsonPath();
        double draftScore = draft.getDouble("score");
        assertThat(draft.getString("objectionDeadline")).isEqualTo(today.plusDays(10).toString());
        assertThat(draft.getList("result.raise.indicators.code")).contains("Q03", "Q04");
        assertThat(draft.getString("result.indicators.find { it.code == 'F01' }.detail")).contains("0.4");

        // the firm objects; the evaluator corrects the on-site scores
        step(firmUser, id, "objection", Map.of("reason", "企业规章制度和企业文化材料已补充")).statusCode(200)
                .body("status", equalTo("OBJECTED"));
        step(null, id, "approval", null).statusCode(409).body("type", org.hamcrest.Matchers.endsWith("rating-illegal-transition"));
        JsonPath resolved = step(evaluator, id, "objection/resolution", Map.of("answer", "补充材料核实无误，更正评分",
                "onsiteScores", RatingFixtures.fullOnsite())).statusCode(200)
                .body("status", equalTo("AWAITING_APPROVAL")).extract().jsonPath();
        double score = resolved.getDouble("score");
        assertThat(score).isEqualTo(draftScore + 4.0, org.assertj.core.data.Offset.offset(0.011));
        // the score the fixture's figures give, worked out by hand (RatingFixtures), and the band it falls in
        double expected = RatingFixtures.expectedSoundFirmScore(
                RatingFixtures.indicatorPoints(resolved, "result.indicators"), RatingFixtures.fullOnsite());
        assertThat(score).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.011));
        String grade = resolved.getString("grade");
        assertThat(grade).isEqualTo(RatingFixtures.gradeOf(expected));

        // approval, publicity, publication
        step(null, id, "approval", null).statusCode(200).body("status", equalTo("APPROVED"))
                .body("publicityUntil", equalTo(today.plusDays(7).toString()));
        ratings.sweep(today.plusDays(7));
        asAdmin().get("/api/ratings/applications/" + id).then().body("status", equalTo("APPROVED"));
        ratings.sweep(today.plusDays(8));
        ratings.sweep(today.plusDays(8)); // idempotent
        LocalDate validFrom = today.plusDays(8);
        LocalDate validUntil = validFrom.plusYears(3).minusDays(1);
        asAdmin().get("/api/ratings/applications/" + id).then().body("status", equalTo("PUBLISHED"))
                .body("validFrom", equalTo(validFrom.toString())).body("validUntil", equalTo(validUntil.toString()));
        asAdmin().get("/api/ratings/published?uscc=" + uscc).then().statusCode(200).body("total", is(1))
                .body("items[0].grade", equalTo(grade));

        // who sees what: a bank the published grade only; another firm nothing
        String banker = Fixtures.newUser("BANK", null, bank);
        Fixtures.asUser(banker).get("/api/ratings/published?uscc=" + uscc).then().statusCode(200)
                .body("items[0].grade", equalTo(grade));
        Fixtures.asUser(banker).get("/api/ratings/applications/" + id).then().statusCode(403);
        String otherFirm = Fixtures.newUser("ENTERPRISE", Fixtures.newEnterprise("别家公司"), null);
        Fixtures.asUser(otherFirm).get("/api/ratings/applications/" + id).then().statusCode(403);
        Fixtures.asUser(firmUser).get("/api/ratings/applications").then().statusCode(200).body("total", is(1));

        // the RED clause of the classification reads the published, valid grade
        long run = ClassificationFixtures.run(classificationYear()).getLong("runId");
        JsonPath red = asAdmin().get("/api/classifications/" + classificationYear() + "/runs/" + run + "/results?q=" + uscc)
                .then().statusCode(200).extract().jsonPath();
        assertThat(red.getString("items[0].list")).isEqualTo("RED");
        assertThat(red.getBoolean("items[0].clauses.find { it.code == 'RED_RATING_FLOOR' }.passed")).isTrue();
        assertThat(red.getString("items[0].clauses.find { it.code == 'RED_RATING_FLOOR' }.detail")).contains(grade);

        // the report: grade, score, every dimension, the certificate
        byte[] pdf = Fixtures.asUser(firmUser).get("/api/ratings/applications/" + id + "/report.pdf").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("企业信用评价报告", "信用等级：" + grade, resolved.getString("score"), "企业综合素质",
                "企业管理水平", "企业财务实力", "企业诚信表现", "企业社会责任", "信用等级证书", "评级守信示范公司");

        // expiry
        ratings.sweep(validUntil);
        asAdmin().get("/api/ratings/applications/" + id).then().body("status", equalTo("PUBLISHED"));
        ratings.sweep(validUntil.plusDays(1));
        asAdmin().get("/api/ratings/applications/" + id).then().body("status", equalTo("EXPIRED"));
        asAdmin().get("/api/audit?targetType=rating&targetKey=" + id + "/" + uscc + "&size=100").then().statusCode(200)
                .body("items.action", hasItems("RATING_APPLIED", "RATING_QUALIFIED", "RATING_REVIEWED", "RATING_SCORED",
                        "RATING_OBJECTED", "RATING_OBJECTION_RESOLVED", "RATING_APPROVED", "RATING_PUBLISHED",
                        "RATING_EXPIRED"));
    }

    @Test
    void aFirmThatFailsTheQualificationGetsTheReasons() {
        LocalDate today = LocalDate.now(clock);
        String uscc = RatingFixtures.youngFirm("评级新设公司", today.getYear());
        long id = RatingFixtures.apply(Fixtures.newUser("ENTERPRISE", uscc, null), uscc);
        JsonPath r = step(null, id, "qualification", null).statusCode(200).body("status", equalTo("NOT_QUALIFIED"))
                .extract().jsonPath();
        assertThat(r.getList("qualification.findAll { !it.passed }.code"))
                .containsExactlyInAnyOrder("QUAL_REGISTERED_3Y", "QUAL_REVENUE_EVERY_YEAR");
        assertThat(r.getString("qualification.find { it.code == 'QUAL_REVENUE_EVERY_YEAR' }.detail"))
                .contains(Integer.toString(today.getYear() - 1));
        step(null, id, "review", Map.of("note", "x")).statusCode(409);
        asAdmin().get("/api/audit?targetType=rating&targetKey=" + id + "/" + uscc).then()
                .body("items.action", hasItem("RATING_NOT_QUALIFIED"));
    }

    @Test
    void revocationBarsANewApplicationForThreeYearsAndDropsTheGradeFromTheRedClause() {
        LocalDate today = LocalDate.now(clock);
        String bank = Fixtures.newCode("RB");
        String uscc = RatingFixtures.soundFirm("评级撤销公司", today.getYear() - 1, bank, (classificationYear() + 1) + "-03-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        long id = publish(firmUser, uscc, today);

        // while valid, a new application waits for the re-rating window of the last 3 months
        Fixtures.asUser(firmUser).contentType("application/json").body(Map.of("uscc", uscc))
                .post("/api/ratings/applications").then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("rerating-not-open"));

        step(null, id, "revocation", Map.of("reason", "")).statusCode(422);
        step(null, id, "revocation", Map.of("reason", "发生严重失信行为")).statusCode(200)
                .body("status", equalTo("REVOKED")).body("revokedOn", equalTo(today.toString()));
        Fixtures.asUser(firmUser).contentType("application/json").body(Map.of("uscc", uscc))
                .post("/api/ratings/applications").then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("rating-barred"))
                .body("detail", org.hamcrest.Matchers.containsString(today.plusYears(3).toString()));

        // a revoked grade is no longer valid: the RED clause finds no rating to apply
        long run = ClassificationFixtures.run(classificationYear()).getLong("runId");
        String detail = asAdmin().get("/api/classifications/" + classificationYear() + "/runs/" + run + "/results?q=" + uscc)
                .then().statusCode(200).extract().jsonPath()
                .getString("items[0].clauses.find { it.code == 'RED_RATING_FLOOR' }.detail");
        assertThat(detail).contains("无有效的信用等级");
    }

    @Test
    void theScheduledSweepClosesAnEndedObjectionWindow() throws Exception {
        LocalDate today = LocalDate.now(clock);
        String uscc = RatingFixtures.soundFirm("评级异议期公司", today.getYear() - 1, Fixtures.newCode("RB"), (today.getYear() + 3) + "-01-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        long id = RatingFixtures.apply(firmUser, uscc);
        step(null, id, "qualification", null).statusCode(200);
        step(null, id, "review", Map.of("note", "ok")).statusCode(200);
        step(null, id, "scores", Map.of("onsiteScores", RatingFixtures.fullOnsite())).statusCode(200)
                .body("status", equalTo("DRAFT"));
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("update rating_applications set objection_deadline = current_date - 1 where id = " + id);
        }
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        String status = "DRAFT";
        while (Instant.now().isBefore(until) && !"AWAITING_APPROVAL".equals(status)) {
            status = asAdmin().get("/api/ratings/applications/" + id).then().extract().path("status");
            if (!"AWAITING_APPROVAL".equals(status)) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
        assertThat(status).isEqualTo("AWAITING_APPROVAL");
        asAdmin().get("/api/audit?targetType=rating&targetKey=" + id + "/" + uscc).then()
                .body("items.actor", hasItem("system")).body("items.action", hasItem("RATING_OBJECTION_WINDOW_CLOSED"));
    }

    private long publish(String firmUser, String uscc, LocalDate today) {
        long id = RatingFixtures.apply(firmUser, uscc);
        step(null, id, "qualification", null).statusCode(200).body("status", equalTo("QUALIFIED"));
        step(null, id, "review", Map.of("note", "ok")).statusCode(200);
        step(null, id, "scores", Map.of("onsiteScores", RatingFixtures.fullOnsite())).statusCode(200);
        step(firmUser, id, "acceptance", null).statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        step(null, id, "approval", null).statusCode(200);
        ratings.sweep(today.plusDays(8));
        asAdmin().get("/api/ratings/applications/" + id).then().body("status", equalTo("PUBLISHED"));
        return id;
    }

}
