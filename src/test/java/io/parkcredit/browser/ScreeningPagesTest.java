package io.parkcredit.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The investment screening pages over plain HTTP: chain map, form, result, shortlist and its CSV, roles. */
@QuarkusTest
class ScreeningPagesTest {

    /** Each new star has more staff than every earlier one, so the newest ranks first by staff. */
    static final java.util.concurrent.atomic.AtomicInteger STAFF = new java.util.concurrent.atomic.AtomicInteger(
            5_000_000 + (int) (System.currentTimeMillis() / 1000 % 1_000_000) * 100);

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    /** The registered employees of each firm, read from the registry. */
    Map<String, Integer> employees(List<String> usccs) {
        Map<String, Integer> staff = new java.util.HashMap<>();
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("select uscc, employees from enterprises where uscc = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", usccs.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    staff.put(rs.getString(1).trim(), rs.getInt(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(staff).hasSize(usccs.size());
        return staff;
    }

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    static String prospect(String uscc, String name, String industry, int employees) {
        return uscc + "," + name + ",2012-01-01," + industry + ",10000000," + employees + ",ACTIVE,李,13900139000,false,,3,0\n";
    }

    /** A prospect with more staff than any other, and a dishonest debtor; returns their USCCs. */
    static String[] twoProspects(String suffix) {
        String star = Fixtures.newUscc();
        String dishonest = Fixtures.newUscc();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("enterprises", Fixtures.ENTERPRISES_HEADER
                + prospect(star, "页面招商明星" + suffix, "C3311", STAFF.incrementAndGet())
                + prospect(dishonest, "页面失信对象" + suffix, "C3311", 500));
        bundle.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "COURT,SX-" + dishonest + "," + dishonest + ",DISHONEST_DEBTOR,SERIOUS,2020-01-01,,,失信被执行人,,\n");
        Fixtures.importBundle(bundle);
        return new String[] {star, dishonest};
    }

    /** Screens by staff only so that the star ranks first whatever else is in the database; returns the id. */
    static long screenByStaff(Cookies session) {
        var form = given().cookies(session).redirects().follow(false).accept("text/html").contentType(FORM)
                .formParam("use_EMPLOYEES", "on").formParam("weight_EMPLOYEES", "1")
                .formParam("weighting", "MANUAL").formParam("limit", "100000");
        String location = form.post("/screening").then().statusCode(303)
                .header("Location", matchesPattern(".*/screening/\\d+$")).extract().header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theChainMapShowsTheSteelSegmentsWithTheirGapsAndSavesUnchanged() {
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Cookies session = PagesTest.signIn(officer, "password-" + officer);
        String page = given().cookies(session).accept("text/html").get("/screening/chains").then().statusCode(200)
                .body(containsString("id=\"chain-STEEL\""))
                .body(containsString("炼铁与原料")).body(containsString("炼钢与特钢")).body(containsString("钢结构与金属制品"))
                .body(containsString("/enterprises?industry=C33&inPark=yes"))
                .body(containsString("id=\"chain-graph-STEEL\""))
                .extract().asString();
        Matcher gap = Pattern.compile("data-segment=\"IRON\" data-gap=\"([0-9.]+)\"").matcher(page);
        assertThat(gap.find()).isTrue();
        assertThat(Double.parseDouble(gap.group(1))).isBetween(0.0, 1.0);
        Matcher textarea = Pattern.compile("<textarea name=\"map\"[^>]*>(.*?)</textarea>", Pattern.DOTALL).matcher(page);
        assertThat(textarea.find()).isTrue();
        String map = unescape(textarea.group(1));
        assertThat(map).contains("\"STEEL\"").contains("\"industryCodes\"");

        // errors inline, nothing saved
        given().cookies(session).accept("text/html").contentType(FORM).formParam("map", "[{\"code\": \"X\"").formParam("reason", "试")
                .post("/screening/chains").then().statusCode(422).body(containsString("not a JSON list of chains"));
        given().cookies(session).accept("text/html").contentType(FORM)
                .formParam("map", "[{\"code\":\"BAD\",\"name\":\"坏链\",\"segments\":[{\"code\":\"S\",\"name\":\"段\","
                        + "\"stage\":\"SIDEWAYS\",\"industryCodes\":[\"C33\"]}]}]")
                .formParam("reason", "测试").post("/screening/chains").then().statusCode(422)
                .body(containsString("chains[0].segments[0].stage")).body(containsString("炼铁与原料"));

        // the pre-filled map saved as it is leaves the map as it was
        given().cookies(session).redirects().follow(false).accept("text/html").contentType(FORM).formParam("map", map)
                .formParam("reason", "页面测试：原样保存").post("/screening/chains").then().statusCode(303)
                .header("Location", containsString("/screening/chains?saved=true"));
        given().cookies(session).accept("text/html").get("/screening/chains?saved=true").then().statusCode(200)
                .body(containsString("id=\"chains-saved\"")).body(containsString("炼铁与原料"));
        assertThat(Fixtures.asUser(officer).get("/api/chains").then().statusCode(200).extract().jsonPath()
                .getList("code")).contains("STEEL", "MATERIALS");
    }

    @Test
    void theFormScreensAndTheResultListsTheProspectAndTheExcludedOneWithItsReason() {
        String suffix = Fixtures.newCode("");
        String[] firms = twoProspects(suffix);
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Cookies session = PagesTest.signIn(officer, "password-" + officer);
        given().cookies(session).accept("text/html").get("/screening").then().statusCode(200)
                .body(containsString("id=\"screening-form\"")).body(containsString("补链契合度"))
                .body(containsString("name=\"weight_CREDIT\" value=\"0.25\"")).body(containsString("信用招商"));

        long id = screenByStaff(session);
        String result = given().cookies(session).accept("text/html").get("/screening/" + id).then().statusCode(200)
                .body(containsString("id=\"ranked-table\"")).body(containsString("id=\"weights-chart\""))
                .body(containsString("/enterprises/" + firms[0]))
                .body(containsString("页面招商明星" + suffix))
                .extract().asString();
        int row = result.indexOf("<tr data-uscc=\"" + firms[0] + "\"");
        assertThat(row).isPositive();
        assertThat(result.substring(row, result.indexOf("</tr>", row))).as("the star ranks first").contains("data-rank=\"1\"");
        assertThat(result).doesNotContain("data-uscc=\"" + firms[1] + "\" data-rank");
        // staff is the only criterion: the ranking shown is by employees, most first, ties by USCC, ranks 1, 2, 3 …
        Matcher ranked = Pattern.compile("<tr data-uscc=\"(\\w{18})\" data-rank=\"(\\d+)\"").matcher(result);
        List<String> shown = new java.util.ArrayList<>();
        while (ranked.find()) {
            assertThat(Integer.parseInt(ranked.group(2))).isEqualTo(shown.size() + 1);
            shown.add(ranked.group(1));
        }
        assertThat(shown).hasSizeGreaterThan(1);
        Map<String, Integer> staff = employees(shown);
        List<String> expected = shown.stream().sorted(java.util.Comparator.<String>comparingInt(u -> -staff.get(u))
                .thenComparing(java.util.Comparator.naturalOrder())).toList();
        assertThat(shown).isEqualTo(expected);
        // the excluded table pages; find the dishonest debtor on its page
        boolean found = false;
        for (int p = 0; p < 500 && !found; p++) {
            String body = given().cookies(session).accept("text/html").get("/screening/" + id + "?xpage=" + p).then()
                    .statusCode(200).extract().asString();
            int at = body.indexOf("<tr data-uscc=\"" + firms[1] + "\">");
            if (at > 0) {
                found = true;
                assertThat(body.substring(at, body.indexOf("</tr>", at))).contains("页面失信对象" + suffix).contains("失信被执行人");
            } else if (!body.contains("rel=\"next\" href=\"/screening/" + id + "?page=0&amp;xpage=" + (p + 1))
                    && !body.contains("rel=\"next\" href=\"/screening/" + id + "?page=0&xpage=" + (p + 1))) {
                break;
            }
        }
        assertThat(found).as("the dishonest debtor is in the excluded table").isTrue();
        given().cookies(session).accept("text/html").get("/screening").then().statusCode(200)
                .body(containsString("href=\"/screening/" + id + "\""));

        // invalid input comes back inline
        given().cookies(session).accept("text/html").contentType(FORM).formParam("use_CREDIT", "on").formParam("weight_CREDIT", "abc")
                .formParam("weighting", "BLEND").formParam("limit", "100").post("/screening").then().statusCode(422)
                .body(containsString("id=\"screening-invalid\"")).body(containsString("a weight of 0 or more"));
        given().cookies(session).accept("text/html").contentType(FORM).formParam("use_CREDIT", "on").formParam("weight_CREDIT", "-1")
                .formParam("weighting", "BLEND").formParam("limit", "100").post("/screening").then().statusCode(422)
                .body(containsString("a weight of 0 or more"));
    }

    @Test
    void aShortlistedProspectIsInTheCsvExportFromPageAndApi() {
        String suffix = Fixtures.newCode("");
        String[] firms = twoProspects(suffix);
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Cookies session = PagesTest.signIn(officer, "password-" + officer);
        long id = screenByStaff(session);
        given().cookies(session).redirects().follow(false).contentType(FORM).formParam("uscc", firms[0]).formParam("note", "重点洽谈，约见")
                .post("/screening/" + id + "/shortlist").then().statusCode(303);
        given().cookies(session).accept("text/html").get("/screening/" + id).then().statusCode(200)
                .body(containsString("id=\"shortlist-table\"")).body(containsString("重点洽谈，约见"))
                .body(containsString("/screening/" + id + "/shortlist/" + firms[0] + "/remove"));

        for (ExtractableResponse<Response> csv : new ExtractableResponse[] {
                given().cookies(session).get("/screening/" + id + "/shortlist.csv").then().statusCode(200).extract(),
                Fixtures.asUser(officer).get("/api/screenings/" + id + "/shortlist/export").then().statusCode(200)
                        .extract()}) {
            assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"shortlist-" + id + ".csv\"");
            assertThat(csv.contentType()).startsWith("text/csv");
            byte[] bytes = csv.asByteArray();
            assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
            assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
            assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            assertThat(text).startsWith("uscc,name,industry_code,rank,score,note\r\n");
            assertThat(text).contains(firms[0] + ",页面招商明星" + suffix + ",C3311,1,");
            assertThat(text).contains(",重点洽谈，约见\r\n");
        }

        given().cookies(session).redirects().follow(false).post("/screening/" + id + "/shortlist/" + firms[0] + "/remove")
                .then().statusCode(303);
        given().cookies(session).accept("text/html").get("/screening/" + id).then().statusCode(200)
                .body(not(containsString("id=\"shortlist-table\"")));
    }

    @Test
    void otherRolesCannotOpenTheScreeningPagesNorSeeThemInTheMenu() {
        String firm = Fixtures.newUser("ENTERPRISE", Fixtures.newEnterprise("无权招商页面公司"), null);
        Cookies session = PagesTest.signIn(firm, "password-" + firm);
        given().cookies(session).accept("text/html").get("/enterprises").then().statusCode(200)
                .body(not(containsString("href=\"/screening\"")));
        given().cookies(session).accept("text/html").get("/screening").then().statusCode(403);
        given().cookies(session).accept("text/html").get("/screening/chains").then().statusCode(403);
        given().cookies(session).get("/screening/1/shortlist.csv").then().statusCode(403);
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        given().cookies(PagesTest.signIn(officer, "password-" + officer)).accept("text/html").get("/enterprises").then()
                .statusCode(200).body(containsString("href=\"/screening\""));
        given().cookies(PagesTest.signIn(officer, "password-" + officer)).accept("text/html").get("/screening/99999999")
                .then().statusCode(404);
        given().cookies(PagesTest.signIn(officer, "password-" + officer)).cookie("lang", "en").accept("text/html")
                .get("/screening").then().statusCode(200).body(containsString("<h1>Investment screening</h1>"))
                .body(containsString("Chain-gap fit")).body(not(containsString("补链契合度")));
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
