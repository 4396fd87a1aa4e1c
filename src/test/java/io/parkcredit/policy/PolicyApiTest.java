package io.parkcredit.policy;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Policies through the API (DOMAIN.md §10.2): publishing notifies each matching firm once, matching
 * again (by the job, or by two servers at once) notifies only new matches and each of them once, and
 * a firm sees only its own matches. Each test keeps to firms of its own industry code.
 */
@QuarkusTest
class PolicyApiTest {

    static final String VALID_TO = "2099-12-31";

    @Inject
    DataSource dataSource;

    @Inject
    PolicyService service;

    /** An industry code no other test's firm has (section T, international organisations). */
    static String industry() {
        return String.format("T%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    static String row(String uscc, String name, String industry, int employees, String mobile) {
        return uscc + "," + name + ",2015-03-01," + industry + ",5000000," + employees + ",ACTIVE,张伟,"
                + (mobile == null ? "" : mobile) + ",true,舞钢市经山路1号,0,0\n";
    }

    static void importFirms(String rows) {
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + rows));
    }

    static long createAndPublish(String title, String industry, int notified) {
        Map<String, Object> eligibility = new LinkedHashMap<>();
        eligibility.put("industries", List.of(industry));
        eligibility.put("employeesMin", 100);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("kind", "SUBSIDY");
        body.put("validFrom", "2020-01-01");
        body.put("validTo", VALID_TO);
        body.put("benefit", "按从业人数每人补贴500元");
        body.put("eligibility", eligibility);
        long id = asAdmin().contentType("application/json").body(body).post("/api/policies").then().statusCode(201)
                .body("status", equalTo("DRAFT")).extract().jsonPath().getLong("id");
        asAdmin().post("/api/policies/" + id + "/publish").then().statusCode(200).body("notified", equalTo(notified));
        return id;
    }

    @Test
    void publishingNotifiesEachMatchingFirmOnceAndMatchingAgainOnlyTheNewOnes() throws SQLException {
        String code = industry();
        String a = Fixtures.newUscc();
        String b = Fixtures.newUscc();
        String c = Fixtures.newUscc();
        importFirms(row(a, "稳岗甲" + code, code, 120, "13900000001") + row(b, "稳岗乙" + code, code, 50, "13900000002")
                + row(c, "稳岗丙" + code, code, 100, null));
        String title = "稳岗补贴" + code;
        long id = createAndPublish(title, code, 2);
        asAdmin().post("/api/policies/" + id + "/publish").then().statusCode(409);

        assertThat(count("select count(*) from policy_matches where policy_id = ?", id)).isEqualTo(2);
        assertThat(count("select count(*) from monitoring_alerts where ref like ? and kind = 'POLICY_MATCH'",
                "POLICY:" + id + "/%")).isEqualTo(2);
        // c has no mobile: an inbox alert, no SMS
        List<Map<String, String>> sms = sms(id);
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0)).containsEntry("uscc", a).containsEntry("template", "PC_POLICY")
                .containsEntry("params", "{\"date\": \"" + VALID_TO + "\", \"firm\": \"稳岗甲" + code + "\", \"type\": \"政策匹配\","
                        + " \"title\": \"" + title + "\"}")
                .containsEntry("text", "【园区信用通】稳岗甲" + code + "：您符合政策“" + title + "”的申请条件（有效期至" + VALID_TO
                        + "），请登录平台查看并申请。");

        // b grows past the limit: matching again adds b alone, and again adds nothing
        update("update enterprises set employees = 150 where uscc = ?", b);
        assertThat(service.rematchOpen()).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from policy_matches where policy_id = ?", id)).isEqualTo(3);
        assertThat(count("select count(*) from monitoring_alerts where ref like ?", "POLICY:" + id + "/%")).isEqualTo(3);
        assertThat(sms(id)).extracting(m -> m.get("uscc")).containsExactlyInAnyOrder(a, b);
        service.rematchOpen();
        // b falls back under the limit: its match lapses (kept, no longer among the matching firms), nobody is
        // notified twice
        update("update enterprises set employees = 50 where uscc = ?", b);
        service.rematchOpen();
        assertThat(count("select count(*) from policy_matches where policy_id = ?", id)).isEqualTo(3);
        assertThat(count("select count(*) from policy_matches where policy_id = ? and lapsed_at is not null", id))
                .isEqualTo(1);
        assertThat(count("select count(*) from policy_matches where lapsed_at is not null and uscc = ?", b)).isEqualTo(1);
        asAdmin().get("/api/policies/" + id + "/matches").then().statusCode(200).body("total", equalTo(2));
        assertThat(asAdmin().get("/api/policies/" + id + "/matches").then().extract().jsonPath().getList("items.uscc"))
                .containsExactlyInAnyOrder(a, c);
        assertThat(count("select count(*) from monitoring_alerts where ref like ?", "POLICY:" + id + "/%")).isEqualTo(3);
        assertThat(sms(id)).hasSize(2);
        // another pass changes nothing; b qualifying again reopens its match without a second notice
        service.rematchOpen();
        assertThat(count("select count(*) from audit_log where action = 'POLICY_LAPSE' and target_key = ?",
                String.valueOf(id))).isEqualTo(1);
        update("update enterprises set employees = 101 where uscc = ?", b);
        service.rematchOpen();
        assertThat(count("select count(*) from policy_matches where policy_id = ? and lapsed_at is null", id)).isEqualTo(3);
        assertThat(count("select count(*) from monitoring_alerts where ref like ?", "POLICY:" + id + "/%")).isEqualTo(3);
        assertThat(sms(id)).hasSize(2);
        assertThat(count("select count(*) from audit_log where action = 'POLICY_LAPSE' and target_key = ?",
                String.valueOf(id))).isEqualTo(2);
        assertThat(count("select count(*) from audit_log where action = 'POLICY_PUBLISH' and target_key = ?",
                String.valueOf(id))).isEqualTo(1);
        // the one re-match that found b is audited as the system's
        assertThat(count("select count(*) from audit_log where action = 'POLICY_REMATCH' and actor = 'system'"
                + " and target_key = ?", String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void twoServersMatchingAtOnceNotifyANewFirmOnce() throws Exception {
        String code = industry();
        long id = createAndPublish("人才补贴" + code, code, 0);
        String d = Fixtures.newUscc();
        importFirms(row(d, "人才丁" + code, code, 200, "13900000004"));
        Eligibility e = new Eligibility(null, null, List.of(code), null, null, 100, null, null, null);
        // two servers on one database: two transactions run the same pass at the same moment
        int servers = 2;
        CyclicBarrier start = new CyclicBarrier(servers);
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                runs.add(pool.submit((Callable<int[]>) () -> {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        start.await();
                        int[] n = PolicyMatcher.matchAndNotify(c, id, "人才补贴" + code, LocalDate.parse(VALID_TO), e,
                                LocalDate.now());
                        c.commit();
                        return n;
                    }
                }));
            }
            int matches = 0;
            int texts = 0;
            for (Future<int[]> f : runs) {
                int[] n = f.get();
                matches += n[0];
                texts += n[1];
            }
            assertThat(matches).isEqualTo(1);
            assertThat(texts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from policy_matches where policy_id = ?", id)).isEqualTo(1);
        assertThat(count("select count(*) from monitoring_alerts where ref = ?", "POLICY:" + id + "/" + d)).isEqualTo(1);
        assertThat(sms(id)).extracting(m -> m.get("uscc")).containsExactly(d);
    }

    @Test
    void aFirmSeesOnlyItsOwnMatchesAndTheParkDecides() {
        String code = industry();
        String a = Fixtures.newUscc();
        String b = Fixtures.newUscc();
        importFirms(row(a, "租金甲" + code, code, 120, null) + row(b, "租金乙" + code, code, 99, null));
        long id = createAndPublish("租金减免" + code, code, 1);
        String ua = Fixtures.newUser("ENTERPRISE", a, null);
        String ub = Fixtures.newUser("ENTERPRISE", b, null);

        JsonPath mine = Fixtures.asUser(ua).get("/api/policies/mine").then().statusCode(200).extract().jsonPath();
        String p = "find { it.policy.id == " + id + " }";
        assertThat(mine.getString(p + ".policy.title")).isEqualTo("租金减免" + code);
        assertThat(mine.getList(p + ".clauses.code")).containsExactly("NOT_YELLOW", "INDUSTRY", "EMPLOYEES");
        assertThat(mine.getList(p + ".clauses.passed")).containsExactly(true, true, true);
        assertThat(mine.getList(p + ".clauses.detail")).containsExactly("NONE", code, "120");
        assertThat(mine.getString(p + ".application")).isNull();

        // b does not qualify: not among its policies, cannot apply, cannot read the park's view
        assertThat(Fixtures.asUser(ub).get("/api/policies/mine").then().statusCode(200).extract().jsonPath()
                .getList("policy.id", Long.class)).doesNotContain(id);
        Fixtures.asUser(ub).post("/api/policies/" + id + "/applications").then().statusCode(404);
        Fixtures.asUser(ub).get("/api/policies/" + id + "/matches").then().statusCode(403);
        Fixtures.asUser(ub).get("/api/policies").then().statusCode(403);
        Fixtures.asUser(ua).contentType("application/json").body(Map.of("title", "x")).post("/api/policies").then()
                .statusCode(403);

        asAdmin().get("/api/policies/" + id + "/matches").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].uscc", equalTo(a)).body("items[0].clauses[2].detail", equalTo("120"));

        long app = Fixtures.asUser(ua).post("/api/policies/" + id + "/applications").then().statusCode(201)
                .body("status", equalTo("APPLIED")).extract().jsonPath().getLong("id");
        Fixtures.asUser(ua).post("/api/policies/" + id + "/applications").then().statusCode(409);
        Fixtures.asUser(ua).contentType("application/json").body(Map.of("outcome", "APPROVED", "reason", "自批"))
                .post("/api/policies/applications/" + app + "/decision").then().statusCode(403);
        asAdmin().contentType("application/json").body(Map.of("outcome", "MAYBE", "reason", "x"))
                .post("/api/policies/applications/" + app + "/decision").then().statusCode(422)
                .body("errors[0].field", equalTo("outcome"));
        asAdmin().contentType("application/json").body(Map.of("outcome", "APPROVED", "reason", "材料齐全"))
                .post("/api/policies/applications/" + app + "/decision").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        asAdmin().contentType("application/json").body(Map.of("outcome", "REJECTED", "reason", "改判"))
                .post("/api/policies/applications/" + app + "/decision").then().statusCode(404);
        assertThat(Fixtures.asUser(ua).get("/api/policies/mine").then().statusCode(200).extract().jsonPath()
                .getString(p + ".application")).isEqualTo("APPROVED");
    }

    @Test
    void aLapsedMatchLeavesThePoliciesForMeButAnApplicationStaysAndIsDecidedOnThePage() throws SQLException {
        String code = industry();
        String a = Fixtures.newUscc();
        String b = Fixtures.newUscc();
        importFirms(row(a, "贴息甲" + code, code, 130, null) + row(b, "贴息乙" + code, code, 140, null));
        long id = createAndPublish("贴息支持" + code, code, 2);
        String ua = Fixtures.newUser("ENTERPRISE", a, null);
        String ub = Fixtures.newUser("ENTERPRISE", b, null);
        long app = Fixtures.asUser(ua).post("/api/policies/" + id + "/applications").then().statusCode(201).extract()
                .jsonPath().getLong("id");

        // both firms shrink under the limit: both matches lapse in the next pass
        update("update enterprises set employees = 10 where uscc = ?", a);
        update("update enterprises set employees = 10 where uscc = ?", b);
        service.rematchOpen();
        assertThat(count("select count(*) from policy_matches where policy_id = ? and lapsed_at is not null", id))
                .isEqualTo(2);
        // b has not applied: the policy is gone from its list, and it cannot apply any more
        assertThat(Fixtures.asUser(ub).get("/api/policies/mine").then().statusCode(200).extract().jsonPath()
                .getList("policy.id", Long.class)).doesNotContain(id);
        Fixtures.asUser(ub).post("/api/policies/" + id + "/applications").then().statusCode(404);
        // a has applied: the policy stays with its application, the clauses as they read today
        JsonPath mine = Fixtures.asUser(ua).get("/api/policies/mine").then().statusCode(200).extract().jsonPath();
        String p = "find { it.policy.id == " + id + " }";
        assertThat(mine.getString(p + ".application")).isEqualTo("APPLIED");
        assertThat(mine.getList(p + ".clauses.passed")).containsExactly(true, true, false);

        // the park's list of applications: the match on the day a applied, and that it has lapsed since
        JsonPath list = asAdmin().get("/api/policies/applications?policy=" + id).then().statusCode(200).extract()
                .jsonPath();
        assertThat(list.getInt("total")).isEqualTo(1);
        assertThat(list.getLong("items[0].id")).isEqualTo(app);
        assertThat(list.getString("items[0].uscc")).isEqualTo(a);
        assertThat(list.getString("items[0].name")).isEqualTo("贴息甲" + code);
        assertThat(list.getString("items[0].status")).isEqualTo("APPLIED");
        assertThat(list.getList("items[0].clauses.code")).containsExactly("NOT_YELLOW", "INDUSTRY", "EMPLOYEES");
        assertThat(list.getList("items[0].clauses.passed")).containsExactly(true, true, true);
        assertThat(list.getList("items[0].clauses.detail")).containsExactly("NONE", code, "130");
        assertThat(list.getBoolean("items[0].matchLapsed")).isTrue();
        asAdmin().get("/api/policies/applications?policy=" + id + "&status=APPROVED").then().statusCode(200)
                .body("total", equalTo(0));
        asAdmin().get("/api/policies/applications?status=MAYBE").then().statusCode(422)
                .body("errors[0].field", equalTo("status"));
        asAdmin().get("/api/policies/applications?policy=x").then().statusCode(422)
                .body("errors[0].field", equalTo("policy"));
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).get("/api/policies/applications?policy=" + id).then().statusCode(200)
                .body("total", equalTo(1));
        Fixtures.asUser(ua).get("/api/policies/applications").then().statusCode(403);

        // the page: the park office reads it with the clauses and the decision form
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        String html = given().cookies(admin).accept("text/html").get("/policies/applications?policy=" + id
                + "&status=APPLIED").then().statusCode(200).extract().asString();
        assertThat(html).contains("贴息甲" + code, a, "data-application=\"" + app + "\"", "decision-form",
                "/policies/applications/" + app + "/decision", "class=\"muted lapsed\"",
                "<option value=\"" + id + "\" selected>", "<option value=\"APPLIED\" selected>");
        assertThat(given().cookies(admin).accept("text/html").get("/policies/" + id).then().statusCode(200).extract()
                .asString()).contains("/policies/applications?policy=" + id);
        // the regulator reads it without the form; neither it nor the firm may decide
        Cookies reg = signIn(regulator, "password-" + regulator);
        assertThat(given().cookies(reg).accept("text/html").get("/policies/applications?policy=" + id).then()
                .statusCode(200).extract().asString()).contains("贴息甲" + code).doesNotContain("decision-form");
        given().cookies(reg).redirects().follow(false).contentType(FORM).formParam("outcome", "APPROVED")
                .formParam("reason", "监管代批").post("/policies/applications/" + app + "/decision").then().statusCode(403);
        Cookies firm = signIn(ua, "password-" + ua);
        given().cookies(firm).redirects().follow(false).contentType(FORM).formParam("outcome", "APPROVED")
                .formParam("reason", "自批").post("/policies/applications/" + app + "/decision").then().statusCode(403);
        given().cookies(firm).accept("text/html").get("/policies/applications").then().statusCode(403);
        // a reason is required
        given().cookies(admin).redirects().follow(false).contentType(FORM).formParam("outcome", "REJECTED")
                .formParam("reason", " ").post("/policies/applications/" + app + "/decision").then().statusCode(422);
        assertThat(count("select count(*) from policy_applications where status = 'APPLIED' and id = ?", app)).isEqualTo(1);
        // the park rejects it on its merits and returns to the filtered list
        given().cookies(admin).redirects().follow(false).contentType(FORM).formParam("outcome", "REJECTED")
                .formParam("reason", "从业人数已不足100人").formParam("policy", String.valueOf(id)).formParam("status", "APPLIED")
                .post("/policies/applications/" + app + "/decision").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/policies/applications?policy=" + id
                        + "&status=APPLIED&page=0"));
        asAdmin().get("/api/policies/applications?policy=" + id).then().statusCode(200)
                .body("items[0].status", equalTo("REJECTED")).body("items[0].reason", equalTo("从业人数已不足100人"))
                .body("items[0].decidedBy", equalTo(Fixtures.ADMIN));
        assertThat(count("select count(*) from audit_log where action = 'POLICY_DECIDE' and target_key = ?",
                String.valueOf(app))).isEqualTo(1);
        given().cookies(admin).redirects().follow(false).contentType(FORM).formParam("outcome", "APPROVED")
                .formParam("reason", "改判").post("/policies/applications/" + app + "/decision").then().statusCode(404);
        assertThat(Fixtures.asUser(ua).get("/api/policies/mine").then().statusCode(200).extract().jsonPath()
                .getString(p + ".application")).isEqualTo("REJECTED");
    }

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    static Cookies signIn(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }

    @Test
    void badPoliciesAreRefusedWithTheField() {
        asAdmin().contentType("application/json").body("{}").post("/api/policies").then().statusCode(422);
        Map<String, Object> body = new HashMap<>(Map.of("title", "t", "kind", "GIFT", "validFrom", "2026-01-01",
                "validTo", "2025-12-31", "benefit", "b", "eligibility", Map.of("minGrade", "AAAA", "noSeriousMonths", 0,
                        "lists", List.of("GREEN"), "industries", List.of("c35"))));
        JsonPath p = asAdmin().contentType("application/json").body(body).post("/api/policies").then().statusCode(422)
                .extract().jsonPath();
        assertThat(p.getList("errors.field")).containsExactlyInAnyOrder("kind", "validTo", "eligibility.lists",
                "eligibility.minGrade", "eligibility.industries", "eligibility.noSeriousMonths");
        asAdmin().post("/api/policies/99999999/publish").then().statusCode(404);
    }

    private long count(String sql, Object param) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void update(String sql, String uscc) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, uscc);
            ps.executeUpdate();
        }
    }

    private List<Map<String, String>> sms(long policyId) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select uscc,"
                + " template_code, params::text, text from sms_outbox where dedup_key like ? order by uscc")) {
            ps.setString(1, "POLICY:" + policyId + "/%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.of("uscc", rs.getString(1), "template", rs.getString(2), "params", rs.getString(3),
                            "text", rs.getString(4)));
                }
            }
        }
        return out;
    }
}
