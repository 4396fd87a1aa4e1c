package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The public disclosure (DOMAIN.md §8.4) asked without credentials, on 1 February 1901 (a day no
 * other test publishes anything): the RED list published on 20 January 1901, the grade valid that
 * day, the GENERAL record inside its year, the public commitment — and none of the firms' loans,
 * statements, flows, contacts, private commitments, repaired or minor records.
 */
@QuarkusTest
class PublicityApiTest {

    static final String DAY = "1901-02-01";

    @Inject
    DataSource dataSource;

    @Test
    void anyoneSeesWhatIsPublishedAndNothingPrivate() {
        String tag = "公示" + Fixtures.newCode("T");
        String red = Fixtures.newUscc();
        String graded = Fixtures.newUscc();
        String penalised = Fixtures.newUscc();
        String promising = Fixtures.newUscc();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\nPB" + tag.hashCode() + ",公示测试银行,BANK\n");
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER
                + red + "," + tag + "红名单公司,2015-03-01,C3110,5000000,120,ACTIVE,李秘密,13912345678,true,机密路8号,3,1\n"
                + Fixtures.enterpriseRow(graded, tag + "等级公司") + Fixtures.enterpriseRow(penalised, tag + "处罚公司")
                + Fixtures.enterpriseRow(promising, tag + "承诺公司"));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\nPB" + tag.hashCode()
                + ",SECRET-LOAN-1," + red + ",777777,1900-01-01,1902-01-01,\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR,G-" + penalised + "," + penalised + ",ADMIN_PENALTY,GENERAL,1900-06-01,20000,,超标排放,内部细节,\n"
                + "SAMR,R-" + penalised + "," + penalised + ",ADMIN_PENALTY,GENERAL,1900-06-02,20000,,已修复记录,,1900-12-01\n"
                + "SAMR,M-" + penalised + "," + penalised + ",CONSUMER_COMPLAINT,MINOR,1900-06-03,,,轻微投诉,,\n"
                + "SAMR,O-" + penalised + "," + penalised + ",ADMIN_PENALTY,GENERAL,1900-01-15,,,已过公示期,,\n");
        files.put("financial_statements", "uscc,year,revenue\n" + red + ",1900,8888888\n");
        files.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "SECRET-TXN-" + red + "," + red + ",1900-11-30,IN,250000,,秘密客户\n");
        Fixtures.importBundle(files);
        // the 1900 RED list, published on 20 January 1901; a grade valid through 1903
        long run = FinancingFixtures.rows(dataSource, "insert into classification_runs (year, version, rule_set_id, evaluation_day,"
                + " status, created_by) values (1900, (select coalesce(max(version), 0) + 1 from classification_runs where year = 1900),"
                + " (select min(id) from classification_rule_sets), '1900-12-31', 'DRAFT', 'test') returning id").size();
        assertThat(run).isEqualTo(1);
        FinancingFixtures.sql(dataSource, "insert into classification_results (run_id, uscc, name, list, clauses)"
                + " select max(id), ?, ?, 'RED', '[]' from classification_runs where year = 1900", red, tag + "红名单公司");
        FinancingFixtures.sql(dataSource, "update classification_runs set status = 'PUBLISHED', published_by = 'test',"
                + " published_at = timestamptz '1901-01-20 10:00+08' where year = 1900 and status = 'DRAFT'");
        FinancingFixtures.rating(dataSource, graded, "AA", LocalDate.parse("1901-01-01"), LocalDate.parse("1903-12-31"), null);
        // a public commitment and a private one
        asAdmin().contentType("application/json").body(Map.of("uscc", promising, "kind", "VOLUNTARY", "matter", "按时足额发放工资",
                "text", "承诺。", "signedOn", "1901-01-10", "public", true)).post("/api/commitments").then().statusCode(201);
        asAdmin().contentType("application/json").body(Map.of("uscc", promising, "kind", "VOLUNTARY", "matter", "内部整改计划",
                "text", "承诺。", "signedOn", "1901-01-11")).post("/api/commitments").then().statusCode(201);

        // when anyone asks, without credentials
        String body = given().get("/api/publicity?day=" + DAY + "&q=" + tag).then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonPath page = JsonPath.from(body);

        // then exactly the published entries, in the order lists, grades, records, commitments
        assertThat(page.getInt("total")).isEqualTo(4);
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).containsExactly(
                entry("RED_LIST", red, tag + "红名单公司", "1900 年度园区金融信用红名单", "1901-01-20", null),
                entry("RATING", graded, tag + "等级公司", "企业信用等级 AA", "1901-01-01", "1903-12-31"),
                entry("NEGATIVE_RECORD", penalised, tag + "处罚公司", "行政处罚（一般失信）：超标排放 [SAMR/G-" + penalised + "]",
                        "1900-06-01", "1901-06-01"),
                entry("COMMITMENT", promising, tag + "承诺公司", "主动信用承诺：按时足额发放工资", "1901-01-10", null));
        // nothing private: no loan, statement, flow, contact, address, private commitment or record detail
        for (String secret : List.of("SECRET-LOAN", "777777", "8888888", "SECRET-TXN", "秘密客户", "李秘密", "13912345678",
                "机密路", "内部整改计划", "内部细节", "已修复记录", "轻微投诉", "已过公示期")) {
            assertThat(body).doesNotContain(secret);
        }
        // a kind filters; the RED list of a day before its publication is not shown
        assertThat(given().get("/api/publicity?kind=RATING&day=" + DAY + "&q=" + tag).then().statusCode(200).extract()
                .jsonPath().getList("items.uscc")).containsExactly(graded);
        assertThat(given().get("/api/publicity?kind=RED_LIST&day=1901-01-19&q=" + tag).then().statusCode(200).extract()
                .jsonPath().getList("items")).isEmpty();
        // the record leaves the page the day after its year is over
        assertThat(given().get("/api/publicity?kind=NEGATIVE_RECORD&day=1901-06-02&q=" + tag).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();

        // and the page, without signing in, shows the same and nothing private
        String html = given().accept("text/html").get("/publicity?day=" + DAY + "&q=" + tag).then().statusCode(200)
                .extract().asString();
        assertThat(html).contains(tag + "红名单公司", tag + "等级公司", "超标排放", "按时足额发放工资", "/login");
        for (String secret : List.of("SECRET-LOAN", "777777", "8888888", "李秘密", "13912345678", "内部整改计划", "已修复记录")) {
            assertThat(html).doesNotContain(secret);
        }
        // while the signed-in API stays closed to visitors
        given().get("/api/commitments").then().statusCode(401);
        given().redirects().follow(false).accept("text/html").get("/credit").then().statusCode(302);
    }

    /**
     * An inspection plan of 15 February 1901 over three firms that drew two: the plan (with its seed
     * and method), the drawn firms with the inspecting units and their results are public; the
     * inspectors, who planned and recorded, the firm not drawn and every firm's tier and probability are not.
     */
    @Test
    void inspectionPlansDrawnFirmsAndResultsArePublicWithoutTheInspectors() {
        String tag = "抽查公示" + Fixtures.newCode("T");
        String passed = Fixtures.newUscc();
        String failed = Fixtures.newUscc();
        String spared = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(passed, tag + "合格公司")
                + Fixtures.enterpriseRow(failed, tag + "整改公司") + Fixtures.enterpriseRow(spared, tag + "未抽中公司")));
        String period = tag + "一季度";
        long plan = FinancingFixtures.rows(dataSource, "insert into inspection_plans (period, target, seed, day, eligible,"
                + " created_by) values (?, 2, 424242, '1901-02-15', 3, 'planner-secret') returning id", period).size();
        assertThat(plan).isEqualTo(1);
        String id = "(select id from inspection_plans where period = '" + period + "')";
        FinancingFixtures.sql(dataSource, "insert into inspection_inspectors (plan_id, inspector_id, name, unit) values"
                + " (" + id + ", 'k1', '钱秘密', '市场监管局'), (" + id + ", 'k2', '孙秘密', '税务局'),"
                + " (" + id + ", 'k3', '周秘密', '应急管理局')");
        FinancingFixtures.sql(dataSource, "insert into inspection_firms (plan_id, uscc, tier, weight, probability, selected,"
                + " draw_order, inspector_1, inspector_2) values (" + id + ", ?, 'NONE', 1, 0.8125, true, 1, 'k1', 'k2'),"
                + " (" + id + ", ?, 'GENERAL', 2, 0.9375, true, 2, 'k3', 'k1'),"
                + " (" + id + ", ?, 'YELLOW', 5, 0.2500, false, null, null, null)", passed, failed, spared);
        FinancingFixtures.sql(dataSource, "insert into inspection_results (plan_id, uscc, outcome, findings, severity,"
                + " event_source, event_no, recorded_by, recorded_at) values"
                + " (" + id + ", ?, 'PASSED', null, null, 'INSPECTION', 'P-a', 'recorder-secret', timestamptz '1901-02-20 10:00+08'),"
                + " (" + id + ", ?, 'FAILED', '消防通道堵塞', 'GENERAL', 'INSPECTION', 'P-b', 'recorder-secret',"
                + " timestamptz '1901-02-25 23:30+08')", passed, failed);
        long planId = ((Number) FinancingFixtures.rows(dataSource, "select id from inspection_plans where period = ?", period)
                .get(0)[0]).longValue();

        String body = given().get("/api/publicity?day=1901-03-01&q=" + tag).then().statusCode(200).extract().asString();
        JsonPath page = JsonPath.from(body);
        List<String> drawn = List.of(passed, failed).stream().sorted().toList();
        String basisOf = "双随机抽查（" + period + "）抽中，检查单位：";
        assertThat(page.getInt("total")).isEqualTo(5);
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).extracting(PublicityApiTest::withoutInspection).containsExactly(
                        entry("INSPECTION_PLAN", null, period, "双随机抽查计划：从 3 家在园企业中按信用分级权重抽取 2 家"
                                + "（系统 πps 抽样，随机排序，种子 424242）", "1901-02-15", null),
                        entry("INSPECTION", drawn.get(0), name(drawn.get(0), passed, tag), basisOf
                                + (drawn.get(0).equals(passed) ? "市场监管局、税务局" : "应急管理局、市场监管局"), "1901-02-15", null),
                        entry("INSPECTION", drawn.get(1), name(drawn.get(1), passed, tag), basisOf
                                + (drawn.get(1).equals(passed) ? "市场监管局、税务局" : "应急管理局、市场监管局"), "1901-02-15", null),
                        entry("INSPECTION_RESULT", failed, tag + "整改公司", "双随机抽查（" + period + "）不合格（一般）：消防通道堵塞",
                                "1901-02-25", null),
                        entry("INSPECTION_RESULT", passed, tag + "合格公司", "双随机抽查（" + period + "）合格", "1901-02-20", null));
        // the structured inspection: the plan with its seed and method, the units, the outcome and findings
        assertThat(page.getLong("items[0].inspection.planId")).isEqualTo(planId);
        assertThat(page.getString("items[0].inspection.period")).isEqualTo(period);
        assertThat(page.getInt("items[0].inspection.target")).isEqualTo(2);
        assertThat(page.getInt("items[0].inspection.eligible")).isEqualTo(3);
        assertThat(page.getLong("items[0].inspection.seed")).isEqualTo(424242L);
        assertThat(page.getString("items[0].inspection.method")).isEqualTo("SYSTEMATIC_PPS_RANDOM_ORDER");
        assertThat(page.getList("items[0].inspection.units", String.class))
                .containsExactlyInAnyOrder("市场监管局", "税务局", "应急管理局");
        assertThat(page.getString("items[0].inspection.outcome")).isNull();
        int failedRow = drawn.indexOf(failed) + 1;
        assertThat(page.getList("items[" + failedRow + "].inspection.units", String.class)).containsExactly("应急管理局", "市场监管局");
        assertThat(page.getString("items[" + failedRow + "].inspection.outcome")).isNull();
        assertThat(page.getString("items[3].inspection.outcome")).isEqualTo("FAILED");
        assertThat(page.getString("items[3].inspection.findings")).isEqualTo("消防通道堵塞");
        assertThat(page.getLong("items[3].inspection.seed")).isEqualTo(424242L);
        assertThat(page.getString("items[4].inspection.outcome")).isEqualTo("PASSED");
        assertThat(page.getString("items[4].inspection.findings")).isNull();
        assertThat(page.getList("items[4].inspection.units", String.class)).containsExactly("市场监管局", "税务局");
        // nothing private: no inspector, who planned or recorded, the firm not drawn, tiers or probabilities
        for (String secret : List.of("钱秘密", "孙秘密", "周秘密", "planner-secret", "recorder-secret", "未抽中公司", spared,
                "0.8125", "0.9375", "YELLOW", "\"k1\"", "probability", "tier")) {
            assertThat(body).doesNotContain(secret);
        }
        // a kind filters; a firm's USCC finds its own entries; nothing before its day
        assertThat(given().get("/api/publicity?kind=INSPECTION_RESULT&day=1901-03-01&q=" + tag).then().statusCode(200)
                .extract().jsonPath().getList("items.uscc")).containsExactly(failed, passed);
        assertThat(given().get("/api/publicity?day=1901-03-01&q=" + passed).then().statusCode(200).extract().jsonPath()
                .getList("items.kind")).containsExactly("INSPECTION", "INSPECTION_RESULT");
        assertThat(given().get("/api/publicity?kind=INSPECTION_RESULT&day=1901-02-24&q=" + tag).then().statusCode(200)
                .extract().jsonPath().getList("items.uscc")).containsExactly(passed);
        assertThat(given().get("/api/publicity?day=1901-02-14&q=" + tag).then().statusCode(200).extract().jsonPath()
                .getInt("total")).isEqualTo(0);
        given().get("/api/publicity?kind=DRAW").then().statusCode(422).body("errors[0].field",
                org.hamcrest.Matchers.equalTo("kind"));

        // the page, without signing in, offers the kinds and shows the same, without the inspectors
        String html = given().accept("text/html").get("/publicity?day=1901-03-01&q=" + tag).then().statusCode(200)
                .extract().asString();
        assertThat(html).contains(period, "种子 424242", "检查单位：市场监管局、税务局", "不合格（一般）：消防通道堵塞",
                "value=\"INSPECTION_PLAN\"", "value=\"INSPECTION_RESULT\"", "抽查结果");
        for (String secret : List.of("钱秘密", "孙秘密", "周秘密", "planner-secret", "recorder-secret", "未抽中公司")) {
            assertThat(html).doesNotContain(secret);
        }
    }

    private static Map<String, Object> withoutInspection(Map<String, Object> m) {
        Map<String, Object> x = new LinkedHashMap<>(m);
        x.put("inspection", null);
        return x;
    }

    private static String name(String uscc, String passed, String tag) {
        return tag + (uscc.equals(passed) ? "合格公司" : "整改公司");
    }

    private static Map<String, Object> entry(String kind, String uscc, String name, String basis, String from, String until) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("uscc", uscc);
        m.put("name", name);
        m.put("basis", basis);
        m.put("from", from);
        m.put("until", until);
        m.put("inspection", null);
        return m;
    }
}
