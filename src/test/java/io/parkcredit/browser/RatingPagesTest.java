package io.parkcredit.browser;

import static io.parkcredit.browser.PagesTest.signIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.parkcredit.rating.RatingService;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rating workflow clicked through its pages (DOMAIN.md §5) over plain HTTP with the session
 * cookie: each role sees the forms of the steps it may take now, each form posts and comes back to
 * the application (303), and a bad on-site score comes back beside its indicator with nothing stored.
 */
@QuarkusTest
class RatingPagesTest {

    @Inject
    RatingService ratings;

    @Inject
    Clock clock;

    @Test
    void aFirmIsRatedEndToEndThroughThePages() {
        LocalDate today = LocalDate.now(clock);
        String uscc = RatingFixtures.soundFirm("页面评价示范公司", today.getYear() - 1, Fixtures.newCode("RP"),
                (today.getYear() + 2) + "-03-01");
        Cookies firm = session(Fixtures.newUser("ENTERPRISE", uscc, null));
        Cookies evaluator = session(Fixtures.newUser("EVALUATOR", null, null));
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);

        // the firm applies for itself from the list page
        page(firm, "/rating").body(containsString("id=\"apply-form\"")).body(containsString("申请信用评价"));
        long id = idOf(post(firm, "/rating/applications", Map.of()));
        page(firm, "/rating").body(not(containsString("id=\"apply-form\""))).body(containsString("已有进行中的信用评价申请"));
        page(firm, app(id)).body(containsString("已申请")).body(not(containsString("id=\"qualify-form\"")));

        // the park checks the qualifications and passes the review
        page(evaluator, app(id)).body(not(containsString("id=\"qualify-form\"")));
        page(admin, app(id)).body(containsString("id=\"qualify-form\""));
        assertThat(idOf(post(admin, app(id) + "/qualification", Map.of()))).isEqualTo(id);
        page(admin, app(id)).body(containsString("资格通过")).body(containsString("id=\"review-form\""))
                .body(not(containsString("id=\"qualify-form\"")));
        post(admin, app(id) + "/review", Map.of("note", "材料齐全，交评价机构"));
        page(firm, app(id)).body(containsString("评价中")).body(containsString("材料齐全，交评价机构"))
                .body(not(containsString("id=\"score-form\"")));

        // the evaluator's sheet lists every on-site indicator with its maximum; bad values are refused inline
        String sheet = page(evaluator, app(id)).body(containsString("id=\"score-form\"")).extract().asString();
        for (String code : RatingFixtures.fullOnsite().keySet()) {
            assertThat(sheet).contains("name=\"onsite." + code + "\"");
        }
        assertThat(sheet).contains("<td class=\"num\">2.0</td>", "<td class=\"num\">1.0</td>");
        Map<String, String> bad = sheet(RatingFixtures.fullOnsite());
        bad.put("onsite.Q03", "5");
        bad.put("onsite.S05", "很好");
        form(evaluator).formParams(bad).post(app(id) + "/scores").then().statusCode(422)
                .body(containsString("评分未保存"))
                .body(containsString("<tr data-indicator=\"Q03\" class=\"invalid\">"))
                .body(containsString("<tr data-indicator=\"S05\" class=\"invalid\">"))
                .body(containsString("须为 0 至 2.0 之间的数")).body(containsString("须为 0 至 1.0 之间的数"))
                .body(containsString("value=\"5\""))
                .body(not(containsString("<tr data-indicator=\"Q04\" class=\"invalid\">")));
        Fixtures.asAdmin().get("/api/ratings/applications/" + id).then()
                .body("status", org.hamcrest.Matchers.equalTo("UNDER_EVALUATION"))
                .body("onsiteScores", org.hamcrest.Matchers.nullValue());

        Map<String, Double> low = RatingFixtures.fullOnsite();
        low.put("Q03", 0.0);
        low.put("Q04", 0.0);
        post(evaluator, app(id) + "/scores", sheet(low));
        JsonPath draft = api(id);
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        page(evaluator, app(id)).body(containsString("初评结果")).body(containsString(draft.getString("grade")))
                .body(not(containsString("id=\"object-form\""))).body(not(containsString("id=\"accept-form\"")));

        // the firm objects; the evaluator corrects the on-site scores
        page(firm, app(id)).body(containsString("id=\"object-form\"")).body(containsString("id=\"accept-form\""))
                .body(containsString("/rating/applications/" + id + "/report.pdf"));
        post(firm, app(id) + "/objection", Map.of("reason", "规章制度材料已补充"));
        page(firm, app(id)).body(containsString("异议中")).body(containsString("规章制度材料已补充"))
                .body(not(containsString("id=\"object-form\"")));
        page(evaluator, app(id)).body(containsString("id=\"resolve-form\""));
        Map<String, String> resolution = sheet(RatingFixtures.fullOnsite());
        resolution.put("decision", "correct");
        resolution.put("answer", "补充材料核实无误，更正评分");
        post(evaluator, app(id) + "/resolution", resolution);
        JsonPath resolved = api(id);
        assertThat(resolved.getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(resolved.getDouble("score")).isEqualTo(draft.getDouble("score") + 4.0,
                org.assertj.core.data.Offset.offset(0.011));
        page(firm, app(id)).body(containsString("待审定")).body(containsString("补充材料核实无误，更正评分"));

        // approval: the publicity period, with the grade on the page
        page(evaluator, app(id)).body(not(containsString("id=\"approve-form\"")));
        post(admin, app(id) + "/approval", Map.of());
        String grade = resolved.getString("grade");
        page(firm, app(id)).body(containsString("公示中")).body(containsString("<strong>" + grade + "</strong>"))
                .body(containsString(today.plusDays(7).toString()));
        given().cookies(firm).cookie("lang", "en").accept("text/html").get(app(id)).then().statusCode(200)
                .body(containsString("In publicity"));
        given().cookies(firm).get(app(id) + "/report.pdf").then().statusCode(200).contentType("application/pdf");

        // published, then revoked by the park with the reason
        ratings.sweep(today.plusDays(8));
        page(firm, app(id)).body(containsString("已发布")).body(not(containsString("id=\"revoke-form\"")));
        page(admin, app(id)).body(containsString("id=\"revoke-form\""));
        post(admin, app(id) + "/revocation", Map.of("reason", "提供虚假材料"));
        page(firm, app(id)).body(containsString("已撤销")).body(containsString("提供虚假材料"));
        page(firm, "/rating").body(containsString("id=\"rating-apply-closed\"")).body(containsString("不得重新申请"));
    }

    @Test
    void aFirmAcceptsItsDraftAndAnUpheldObjectionKeepsTheScore() {
        String uscc = RatingFixtures.soundFirm("页面接受初评公司", LocalDate.now(clock).getYear() - 1, Fixtures.newCode("RP"),
                (LocalDate.now(clock).getYear() + 2) + "-03-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        long id = scoredDraft(firmUser, uscc);
        Cookies firm = session(firmUser);
        post(firm, app(id) + "/acceptance", Map.of());
        assertThat(api(id).getString("status")).isEqualTo("AWAITING_APPROVAL");
        page(firm, app(id)).body(containsString("待审定")).body(not(containsString("id=\"accept-form\"")));
        // a step from the wrong state is refused on the error page and changes nothing
        form(firm).post(app(id) + "/acceptance").then().statusCode(409).body(containsString("该申请当前所处阶段不能进行此操作"));

        String uscc2 = RatingFixtures.soundFirm("页面维持评分公司", LocalDate.now(clock).getYear() - 1, Fixtures.newCode("RP"),
                (LocalDate.now(clock).getYear() + 2) + "-03-01");
        String firmUser2 = Fixtures.newUser("ENTERPRISE", uscc2, null);
        long id2 = scoredDraft(firmUser2, uscc2);
        double score = api(id2).getDouble("score");
        post(session(firmUser2), app(id2) + "/objection", Map.of("reason", "评分偏低"));
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        form(admin).formParam("decision", "uphold").formParam("answer", " ").post(app(id2) + "/resolution").then()
                .statusCode(422).body(containsString("give the reason for the decision"));
        post(admin, app(id2) + "/resolution", Map.of("decision", "uphold", "answer", "评分有据，维持"));
        assertThat(api(id2).getDouble("score")).isEqualTo(score);
        assertThat(api(id2).getString("objectionAnswer")).isEqualTo("评分有据，维持");
    }

    @Test
    void onlyTheRolesOfAStepSeeAndTakeItAndAnotherFirmCannotOpenTheApplication() {
        String uscc = RatingFixtures.soundFirm("页面权限测试公司", LocalDate.now(clock).getYear() - 1, Fixtures.newCode("RP"),
                (LocalDate.now(clock).getYear() + 2) + "-03-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        long id = RatingFixtures.apply(firmUser, uscc);
        RatingFixtures.step(null, id, "qualification", null).statusCode(200);
        RatingFixtures.step(null, id, "review", Map.of("note", "ok")).statusCode(200);

        Cookies firm = session(firmUser);
        page(firm, app(id)).body(not(containsString("id=\"score-form\"")));
        form(firm).formParams(sheet(RatingFixtures.fullOnsite())).post(app(id) + "/scores").then().statusCode(403);
        form(firm).post(app(id) + "/qualification").then().statusCode(403);
        assertThat(api(id).getString("status")).isEqualTo("UNDER_EVALUATION");

        String otherUscc = Fixtures.newEnterprise("页面别家公司");
        Cookies other = session(Fixtures.newUser("ENTERPRISE", otherUscc, null));
        given().cookies(other).accept("text/html").get(app(id)).then().statusCode(403);
        given().cookies(other).get(app(id) + "/report.pdf").then().statusCode(403);
        page(other, "/rating").body(not(containsString("/rating/applications/" + id + "\"")));
        // a firm user applies only for its own firm, whatever the form says
        long own = idOf(post(other, "/rating/applications", Map.of("uscc", uscc)));
        assertThat(api(own).getString("uscc")).isEqualTo(otherUscc);
        assertThat(api(id).getString("status")).isEqualTo("UNDER_EVALUATION");

        Cookies regulator = session(Fixtures.newUser("REGULATOR", null, null));
        page(regulator, app(id)).body(not(containsString("id=\"rating-actions\"")));
        page(regulator, "/rating").body(not(containsString("id=\"apply-form\"")));
    }

    private long scoredDraft(String firmUser, String uscc) {
        long id = RatingFixtures.apply(firmUser, uscc);
        RatingFixtures.step(null, id, "qualification", null).statusCode(200);
        RatingFixtures.step(null, id, "review", Map.of("note", "ok")).statusCode(200);
        RatingFixtures.step(null, id, "scores", Map.of("onsiteScores", RatingFixtures.fullOnsite())).statusCode(200);
        return id;
    }

    private static Cookies session(String user) {
        return signIn(user, "password-" + user);
    }

    private static String app(long id) {
        return "/rating/applications/" + id;
    }

    private static JsonPath api(long id) {
        return Fixtures.asAdmin().get("/api/ratings/applications/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse page(Cookies session, String path) {
        return given().cookies(session).accept("text/html").get(path).then().statusCode(200);
    }

    private static RequestSpecification form(Cookies session) {
        return given().cookies(session).accept("text/html").redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    /** Posts a form and expects the redirect back to the application page; returns its Location. */
    private static String post(Cookies session, String path, Map<String, String> params) {
        RequestSpecification spec = form(session);
        if (!params.isEmpty()) {
            spec = spec.formParams(params);
        }
        return spec.post(path).then().statusCode(303).header("Location", org.hamcrest.Matchers.matchesPattern(".*/rating/applications/\\d+"))
                .extract().header("Location");
    }

    private static long idOf(String location) {
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static Map<String, String> sheet(Map<String, Double> scores) {
        Map<String, String> form = new LinkedHashMap<>();
        scores.forEach((k, v) -> form.put("onsite." + k, String.valueOf(v)));
        return form;
    }
}
