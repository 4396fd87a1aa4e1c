package io.parkcredit.browser;

import static io.parkcredit.browser.PagesTest.signIn;
import static io.parkcredit.testing.ClassificationFixtures.park;
import static io.parkcredit.testing.ClassificationFixtures.publish;
import static io.parkcredit.testing.ClassificationFixtures.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.parkcredit.testing.ClassificationFixtures.Park;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * The classification pages over plain HTTP with the session cookie (DOMAIN.md §4). Each test
 * classifies its own far-future year so that other tests' runs never show up in its counts.
 */
@QuarkusTest
class ClassificationPagesTest {

    @Test
    void overviewListsTheRunsWithTheirCountsAndTheMovesSinceLastYear() {
        Park park = park(2071);
        long last = run(2071).getLong("runId");
        publish(2071, last);
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);

        String location = given().cookies(admin).redirects().follow(false).post("/classification/2072/runs").then()
                .statusCode(303).header("Location", matchesPattern(".*/classification/2072/runs/\\d+")).extract()
                .header("Location");
        long runId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        JsonPath view = Fixtures.asAdmin().get("/api/classifications/2072/runs/" + runId).then().extract().jsonPath();

        String html = given().cookies(admin).accept("text/html").get("/classification?year=2072").then().statusCode(200)
                .body(containsString("运行分类")).body(containsString("草稿"))
                .body(containsString("id=\"classification-data\"")).extract().asString();
        Matcher row = Pattern.compile("<tr data-run=\"" + runId + "\"[\\s\\S]*?</tr>").matcher(html);
        assertThat(row.find()).isTrue();
        assertThat(cells(row.group())).containsSubsequence(
                view.getString("counts.RED"), view.getString("counts.WHITE"), view.getString("counts.YELLOW"),
                view.getString("counts.NONE"), view.getString("counts.values().sum()"));
        // 2071's firms are classified again in 2072: the Sankey has the flows, the table the firms that moved
        assertThat(html).contains("{\"from\":\"WHITE\",\"to\":\"WHITE\",\"count\":1}",
                "{\"from\":\"RED\",\"to\":\"NONE\",\"count\":1}");
        String moved = html.substring(html.indexOf("id=\"moved-table\""));
        assertThat(moved).contains(park.name(park.red()), "badge list-RED", park.name(park.yellow()))
                .doesNotContain(park.name(park.white()));
    }

    @Test
    void runPageFiltersByListAndSearch() {
        Park park = park(2073);
        long runId = run(2073).getLong("runId");
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        String base = "/classification/2073/runs/" + runId + "?q=" + park.tag();
        given().cookies(admin).accept("text/html").get(base + "&list=RED").then().statusCode(200)
                .body(containsString(park.name(park.red()))).body(not(containsString(park.name(park.yellow()))))
                .body(containsString("共 1 条"));
        given().cookies(admin).accept("text/html").get(base + "&list=YELLOW").then().statusCode(200)
                .body(containsString(park.name(park.yellow()))).body(not(containsString(park.name(park.red()))))
                .body(containsString("class=\"badge list-YELLOW\""));
        given().cookies(admin).accept("text/html").get(base).then().statusCode(200).body(containsString("共 4 条"))
                .body(containsString("/classification/2073/runs/" + runId + "/export?format=xlsx"))
                .body(containsString("id=\"publish-form\""));

        // a published run cannot be published again: the page says why
        publish(2073, runId);
        given().cookies(admin).accept("text/html").post("/classification/2073/runs/" + runId + "/publish").then()
                .statusCode(409).body(containsString("only a DRAFT can be published"))
                .body(not(containsString("id=\"publish-form\"")));
    }

    @Test
    void firmCardNamesEveryClauseInChineseWithItsOutcome() {
        Park park = park(2074);
        long runId = run(2074).getLong("runId");
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        String red = given().cookies(admin).accept("text/html")
                .get("/classification/2074/runs/" + runId + "/firms/" + park.red()).then().statusCode(200)
                .body(containsString("class=\"badge list-RED\"")).extract().asString();
        assertThat(red).contains("有贷企业", "无欠贷", "近24个月无逾期超30天", "近36个月无严重失信", "近12个月无一般失信",
                "信用等级不低于A", "✓");
        assertThat(clauseRow(red, "RED_LOAN_HOLDING")).contains("✓").contains("有贷企业：");
        assertThat(clauseRow(red, "YELLOW_IN_ARREARS")).contains("欠贷").contains("✗");

        String none = given().cookies(admin).accept("text/html")
                .get("/classification/2074/runs/" + runId + "/firms/" + park.none()).then().statusCode(200)
                .body(containsString("class=\"badge list-NONE\"")).extract().asString();
        assertThat(clauseRow(none, "WHITE_NO_SERIOUS")).contains("近36个月无严重失信").contains("✗").contains("重大环保处罚");
        assertThat(clauseRow(none, "WHITE_REVENUE")).contains("有营业收入").contains("✓");

        given().cookies(admin).accept("text/html").cookie("lang", "en")
                .get("/classification/2074/runs/" + runId + "/firms/" + park.red()).then().statusCode(200)
                .body(containsString("No loan over 30 days late in 24 months"));
    }

    @Test
    void rulesPageSavesANewVersionAndShowsABadValueBesideItsField() {
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        JsonPath current = Fixtures.asAdmin().get("/api/classifications/rules").then().statusCode(200).extract().jsonPath();
        int version = current.getInt("version");
        Map<String, Object> params = current.getMap("params");
        given().cookies(admin).accept("text/html").get("/classification/rules").then().statusCode(200)
                .body(containsString("红名单逾期天数上限")).body(containsString("修改原因"))
                .body(containsString("v" + version));

        // the same values again, so that other tests' runs keep their rules
        form(admin).formParams(params).formParam("note", "年度复核，参数不变").post("/classification/rules")
                .then().statusCode(200).body(containsString("已保存为第 " + (version + 1) + " 版"))
                .body(containsString("年度复核，参数不变"));

        form(admin).formParams(with(params, "lateDays", "-5"))
                .formParam("note", "错误的值").post("/classification/rules").then().statusCode(422)
                .body(containsString("<tr data-field=\"lateDays\" class=\"invalid\">"))
                .body(containsString("between 0 and 3650"))
                .body(containsString("value=\"-5\""));
        form(admin).formParams(with(params, "inflowDays", "九十"))
                .formParam("note", "x").post("/classification/rules").then().statusCode(422)
                .body(containsString("<tr data-field=\"inflowDays\" class=\"invalid\">"));
        form(admin).formParams(params).formParam("note", " ")
                .post("/classification/rules").then().statusCode(422).body(containsString("say why the rules change"));
        Fixtures.asAdmin().get("/api/classifications/rules").then().body("version", org.hamcrest.Matchers.is(version + 1));

        String regulator = Fixtures.newUser("REGULATOR", null, null);
        given().cookies(signIn(regulator, "password-" + regulator)).accept("text/html").get("/classification/rules")
                .then().statusCode(200).body(not(containsString("保存为新版本")));
        form(signIn(regulator, "password-" + regulator)).formParams(params)
                .formParam("note", "监管修改").post("/classification/rules").then().statusCode(403);
    }

    @Test
    void aBankSeesTheRedRecommendationsAndTheWhitePoolButNoYellowFirm() {
        Park park = park(2075);
        long runId = run(2075).getLong("runId");
        publish(2075, runId);
        String banker = Fixtures.newUser("BANK", null, park.bank());
        Cookies session = signIn(banker, "password-" + banker);
        String html = given().cookies(session).accept("text/html")
                .get("/classification/published?year=2075&q=" + park.tag()).then().statusCode(200)
                .body(containsString("红名单推荐企业")).body(containsString("信用贷款"))
                .body(containsString("无贷客户融资培育库"))
                .body(not(containsString("href=\"/classification\""))).extract().asString();
        String lists = html.substring(html.indexOf("id=\"red-list\""), html.indexOf("id=\"notices\""));
        assertThat(lists).contains(park.name(park.red()), park.name(park.white()), "badge list-RED", "badge list-WHITE")
                .doesNotContain(park.name(park.yellow()), park.name(park.none()), "badge list-YELLOW");
        // the YELLOW measure: the evader is notified to its bank, in the notices and nowhere else
        assertThat(html.substring(html.indexOf("id=\"notices\""))).contains(park.yellow());
        given().cookies(session).accept("text/html").get("/classification?year=2075").then().statusCode(403);
        given().cookies(session).accept("text/html")
                .get("/classification/2075/runs/" + runId + "/firms/" + park.yellow()).then().statusCode(404);
    }

    @Test
    void anEnterpriseSeesOnlyItsOwnEntry() {
        Park park = park(2076);
        publish(2076, run(2076).getLong("runId"));
        String firm = Fixtures.newUser("ENTERPRISE", park.white(), null);
        given().cookies(signIn(firm, "password-" + firm)).accept("text/html").get("/classification/published").then()
                .statusCode(200).body(containsString("本企业名单情况")).body(containsString(park.white()))
                .body(containsString("class=\"badge list-WHITE\"")).body(containsString("无贷企业"))
                .body(not(containsString(park.red()))).body(not(containsString(park.yellow())));

        String newcomer = Fixtures.newUser("ENTERPRISE", Fixtures.newEnterprise("新入园公司"), null);
        given().cookies(signIn(newcomer, "password-" + newcomer)).accept("text/html").get("/classification/published")
                .then().statusCode(200).body(containsString("尚未参评"));
    }

    @Test
    void exportHasAHeaderAndOneRowPerResultAsCsvAndXlsx() throws IOException {
        Park park = park(2077);
        JsonPath view = run(2077);
        long runId = view.getLong("runId");
        int total = view.getInt("counts.values().sum()");
        String api = "/api/classifications/2077/runs/" + runId + "/export";

        var csv = Fixtures.asAdmin().get(api + "?format=csv").then().statusCode(200)
                .header("Content-Disposition", containsString("classification-2077-v1.csv")).extract();
        List<String> lines = new String(csv.asByteArray(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFuscc,name,list,YELLOW_IN_ARREARS,YELLOW_EVASION,RED_LOAN_HOLDING")
                .endsWith("WHITE_REVENUE,reasons");
        assertThat(lines).hasSize(total + 1);
        // the park's four firms, each on the list its data puts it on (ClassificationFixtures: a bank's red firm,
        // a white firm with revenue and no loan, a firm in arrears, a firm with a serious penalty)
        Map<String, String> expected = Map.of(park.red(), "RED", park.white(), "WHITE", park.yellow(), "YELLOW",
                park.none(), "NONE");
        Map<String, String> csvLists = new java.util.HashMap<>();
        for (var rec : de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(
                new String(csv.asByteArray(), StandardCharsets.UTF_8).substring(1))) {
            if (expected.containsKey(rec.getField(0))) {
                assertThat(rec.getField(1)).isEqualTo(park.name(rec.getField(0)));
                csvLists.put(rec.getField(0), rec.getField(2));
            }
        }
        assertThat(csvLists).isEqualTo(expected);

        byte[] xlsx = Fixtures.asAdmin().get(api + "?format=xlsx").then().statusCode(200)
                .header("Content-Disposition", containsString("classification-2077-v1.xlsx")).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(total + 1);
            assertThat(rows.get(0).getCellText(0)).isEqualTo("uscc");
            Map<String, String> xlsxLists = new java.util.HashMap<>();
            for (Row r : rows) {
                if (expected.containsKey(r.getCellText(0))) {
                    xlsxLists.put(r.getCellText(0), r.getCellText(2));
                }
            }
            assertThat(xlsxLists).isEqualTo(expected);
        }

        // the page offers the same file with the session cookie
        given().cookies(signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD))
                .get("/classification/2077/runs/" + runId + "/export?format=csv").then().statusCode(200)
                .header("Content-Disposition", containsString("classification-2077-v1.csv"));
        Fixtures.asAdmin().get(api + "?format=pdf").then().statusCode(422);
        // a draft is the park committee's alone
        String banker = Fixtures.newUser("BANK", null, park.bank());
        Fixtures.asUser(banker).get(api).then().statusCode(404);
    }

    private static Map<String, Object> with(Map<String, Object> params, String field, Object value) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(params);
        changed.put(field, value);
        return changed;
    }

    /** A browser's form post: UTF-8, so that Chinese reasons arrive intact. */
    private static io.restassured.specification.RequestSpecification form(Cookies session) {
        return given().cookies(session).accept("text/html")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    private static List<String> cells(String rowHtml) {
        Matcher m = Pattern.compile("<td class=\"num\">(\\d+)</td>").matcher(rowHtml);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String clauseRow(String html, String code) {
        Matcher m = Pattern.compile("<tr data-code=\"" + code + "\"[\\s\\S]*?</tr>").matcher(html);
        assertThat(m.find()).as("clause " + code).isTrue();
        return m.group();
    }
}
