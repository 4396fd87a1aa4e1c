package io.parkcredit.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.ClassificationFixtures;
import io.parkcredit.testing.ClassificationFixtures.Park;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every page of every role's menu, and the detail pages of each feature, in Chinese and in English:
 * no page shows a message key, a raw enum code or text in the other language. User data (firm and
 * institution names, event titles, notes — whatever the registry holds) is legitimately Chinese on
 * the English pages; it is read from the database and left out of the check, as are elements that
 * name their own language ({@code lang="zh-CN"}, such as the switch back to Chinese), records shown
 * as written ({@code data-record}: audit details, alert reasons) and the text being edited in forms.
 */
@QuarkusTest
class TranslationTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyPageReadsInOneLanguage() throws Exception {
        int year = 2090 + (int) (System.nanoTime() % 5);
        Map<String, List<String>> pages = fixtures(year);
        PageLanguage language = PageLanguage.of(dataSource);
        List<String> problems = new ArrayList<>();
        for (var e : pages.entrySet()) {
            Cookies session = session(e.getKey());
            Set<String> visit = new LinkedHashSet<>(nav(session));
            visit.addAll(e.getValue());
            for (String path : visit) {
                for (String lang : List.of("zh-CN", "en")) {
                    boolean error = path.startsWith("!");
                    Response r = given().cookies(session).cookie("lang", lang).accept("text/html")
                            .get(error ? path.substring(1) : path);
                    String where = e.getKey() + " " + lang + " " + path + ": ";
                    if (error ? r.statusCode() < 400 || r.statusCode() >= 500 : r.statusCode() != 200) {
                        problems.add(where + "status " + r.statusCode());
                        continue;
                    }
                    problems.addAll(language.problems(where, r.asString(), lang));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    // ---- fixtures: one of everything, and a user of each role

    Map<String, List<String>> fixtures(int year) throws SQLException {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        // classification: a park of four firms, one on each list
        Park park = ClassificationFixtures.park(year);
        long runId = ClassificationFixtures.run(year).getLong("runId");
        ClassificationFixtures.publish(year, runId);
        String run = "/classification/" + year + "/runs/" + runId;
        List<String> admin = new ArrayList<>(List.of("/classification?year=" + year, run, "/classification/rules",
                "/classification/published?year=" + year));
        for (String uscc : List.of(park.red(), park.white(), park.yellow(), park.none())) {
            admin.add(run + "/firms/" + uscc);
            admin.add("/enterprises/" + uscc);
        }
        // financing: a firm's request graded, claimed and offered
        Firm seller = FinancingFixtures.firm("译页融资公司");
        Firm debtor = FinancingFixtures.firm("译页融资买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        Inst guarantor = FinancingFixtures.guarantor();
        long requestId = FinancingFixtures.post(seller, FinancingFixtures.receivable(debtor.uscc(),
                Fixtures.newCode("TR"), 150_000, 100_000, 90)).getLong("id");
        String request = "/financing/" + requestId;
        admin.addAll(List.of("/financing", request, "/financing/funnel", "/financing?status=ROUTED",
                "/financing/portfolio", "/financing/portfolio?institution=" + guarantor.code(),
                "/financing/limits?institution=" + bank.code()));
        // rating: one firm qualified and in review, one refused
        int thisYear = FinancingFixtures.today().getYear();
        String sound = RatingFixtures.soundFirm("译页评价公司", thisYear - 1, Fixtures.newCode("TB"), (thisYear + 2) + "-03-01");
        String soundUser = Fixtures.newUser("ENTERPRISE", sound, null);
        long rated = RatingFixtures.apply(soundUser, sound);
        RatingFixtures.step(null, rated, "qualification", null).statusCode(200);
        String young = RatingFixtures.youngFirm("译页新设公司", thisYear);
        long refused = RatingFixtures.apply(Fixtures.newUser("ENTERPRISE", young, null), young);
        RatingFixtures.step(null, refused, "qualification", null).statusCode(200);
        RatingFixtures.step(null, rated, "review", Map.of("note", "材料齐全")).statusCode(200);
        // and one scored by an evaluator: the score sheet with every indicator's reason
        String scoredFirm = RatingFixtures.soundFirm("译页评分公司", thisYear - 1, Fixtures.newCode("TB"),
                (thisYear + 2) + "-03-01");
        long scored = RatingFixtures.apply(Fixtures.newUser("ENTERPRISE", scoredFirm, null), scoredFirm);
        RatingFixtures.step(null, scored, "qualification", null).statusCode(200);
        RatingFixtures.step(null, scored, "review", Map.of("note", "材料齐全")).statusCode(200);
        String evaluator = Fixtures.newUser("EVALUATOR", null, null);
        RatingFixtures.step(evaluator, scored, "scores", Map.of("onsiteScores", RatingFixtures.fullOnsite()))
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("DRAFT"));
        admin.addAll(List.of("/rating", "/rating/applications/" + rated, "/rating/applications/" + refused,
                "/rating/applications/" + scored));
        // monitoring: an event that raises an alert, with the firm's timeline
        MonitoringFixtures.Firm watched = MonitoringFixtures.firm("译页监护");
        MonitoringFixtures.post(MonitoringFixtures.event(watched.uscc(), "DISHONEST_DEBTOR", "SERIOUS",
                LocalDate.now().minusDays(1), "列入失信被执行人"));
        admin.addAll(List.of("/monitoring?uscc=" + watched.uscc(), "/monitoring/firms/" + watched.uscc(),
                "/monitoring/firms/" + park.none(), "/monitoring/rules", "/monitoring/sms",
                "/monitoring/subscriptions", "/enterprises/" + watched.uscc(), "/enterprises/" + sound));
        // error pages: a request and a screening that do not exist
        admin.addAll(List.of("!/financing/999999999", "!/screening/999999999", "!/enterprises/91410481000000000X"));
        // screening: a saved screening by staff
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Cookies officerSession = session(officer);
        String location = given().cookies(officerSession).redirects().follow(false).accept("text/html")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("use_EMPLOYEES", "on")
                .formParam("weight_EMPLOYEES", "1").formParam("weighting", "MANUAL").formParam("limit", "50")
                .post("/screening").then().statusCode(303).extract().header("Location");
        String screening = location.substring(location.indexOf("/screening/"));
        admin.addAll(List.of("/screening/chains", screening));

        // commitments, objections and repair (DOMAIN.md §8): a firm's GENERAL record, a commitment and an objection
        Map<String, Object> penalty = MonitoringFixtures.event(seller.uscc(), "ADMIN_PENALTY", "GENERAL",
                LocalDate.now().minusMonths(4), "未按规定公示年报");
        MonitoringFixtures.post(penalty);
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("uscc", seller.uscc(), "kind", "REPAIR",
                "matter", "年报公示修复承诺", "text", "承诺。")).post("/api/commitments").then().statusCode(201);
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("uscc", seller.uscc(), "itemType",
                "CREDIT_EVENT", "itemRef", "SAMR/" + penalty.get("eventNo"), "reason", "已整改")).post("/api/objections")
                .then().statusCode(201);
        admin.addAll(List.of("/credit", "/credit/corrections", "/credit/firms/" + seller.uscc(), "/publicity"));

        // policies (DOMAIN.md §10.2): a published policy a firm applied for, on the park's decision page
        // (the title starts and ends in ASCII: the English inbox quotes it in curly quotes, which would join its
        // Chinese into a run that is no database value)
        String code = String.format("T%04d", (int) (System.nanoTime() % 10_000));
        String applicant = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + applicant + ",译页政策公司" + code
                + ",2015-03-01," + code + ",5000000,120,ACTIVE,张伟,,true,舞钢市经山路1号,0,0\n"));
        long policy = Fixtures.asAdmin().contentType("application/json").body(Map.of("title", code + " 译页政策 " + code, "kind",
                "SUBSIDY", "validFrom", "2020-01-01", "validTo", "2099-12-31", "benefit", "补贴", "eligibility",
                Map.of("industries", List.of(code), "employeesMin", 100))).post("/api/policies").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Fixtures.asAdmin().post("/api/policies/" + policy + "/publish").then().statusCode(200);
        Fixtures.asUser(Fixtures.newUser("ENTERPRISE", applicant, null)).post("/api/policies/" + policy + "/applications")
                .then().statusCode(201);
        List<String> policyPages = List.of("/policies/applications", "/policies/applications?status=APPLIED&policy="
                + policy, "/policies/" + policy);
        admin.addAll(policyPages);
        // supervision (DOMAIN.md §10.1): a plan and a result, on the public disclosure
        io.restassured.path.json.JsonPath drawing = Fixtures.asAdmin().contentType("application/json")
                .body(Map.of("period", "2091 Q" + code, "count", 1, "inspectors", List.of(Map.of("id", "a", "name", "甲",
                        "unit", "市场监管局"), Map.of("id", "b", "name", "乙", "unit", "税务局"))))
                .post("/api/inspections/plans").then().statusCode(201).extract().jsonPath();
        String plan = drawing.getString("id");
        String drawn = drawing.getString("firms.find { it.selected }.uscc");
        List<String> publicity = new ArrayList<>(List.of("/publicity?kind=INSPECTION_PLAN", "/publicity?kind=INSPECTION"));
        if (drawn != null) {
            Fixtures.asAdmin().contentType("application/json").body(Map.of("uscc", drawn, "outcome", "FAILED",
                    "findings", "消防通道堵塞")).post("/api/inspections/" + plan + "/results").then().statusCode(201);
            publicity.add("/publicity?kind=INSPECTION_RESULT");
        }
        admin.addAll(publicity);

        pages.put(Fixtures.ADMIN, admin);
        List<String> regulator = new ArrayList<>(List.of(run, run + "/firms/" + park.yellow(),
                "/enterprises/" + park.red(), "/monitoring/firms/" + watched.uscc()));
        regulator.addAll(policyPages);
        pages.put(Fixtures.newUser("REGULATOR", null, null), regulator);
        pages.put(seller.user(), List.of(request, "/enterprises/" + seller.uscc(), "/credit", "/publicity"));
        pages.put(soundUser, List.of("/rating/applications/" + rated));
        pages.put(bank.user(), List.of("/financing?status=ROUTED", "/credit/corrections", "/financing/queue",
                "/financing/portfolio", "/financing/limits"));
        pages.put(guarantor.user(), List.of(request, "/financing/queue?grade=MIXED&sort=GRADE", "/financing/portfolio",
                "/financing/limits"));
        pages.put(evaluator, List.of("/rating/applications/" + rated, "/rating/applications/" + scored));
        pages.put(officer, List.of(screening));
        return pages;
    }

    static Cookies session(String user) {
        String password = user.equals(Fixtures.ADMIN) ? Fixtures.ADMIN_PASSWORD : "password-" + user;
        return PagesTest.signIn(user, password);
    }

    /** The menu of the signed-in user. */
    static List<String> nav(Cookies session) {
        String html = given().cookies(session).accept("text/html").get("/enterprises").then().statusCode(200).extract()
                .asString();
        String nav = html.substring(html.indexOf("<nav class=\"nav\">"), html.indexOf("</nav>"));
        List<String> hrefs = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(nav);
        while (m.find()) {
            hrefs.add(m.group(1));
        }
        assertThat(hrefs).isNotEmpty();
        return hrefs;
    }
}
