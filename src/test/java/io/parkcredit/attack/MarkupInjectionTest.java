package io.parkcredit.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Markup and {@code </script>} stored in free-text fields that pages show: the rendered HTML holds
 * them escaped (as text in the page, as {@code \u003c} in the pages' JSON script blocks), never as
 * a live element or a closed script block.
 */
@QuarkusTest
class MarkupInjectionTest {

    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String CLOSE = "</script><script>alert(1)</script>";

    @Inject
    DataSource ds;

    static Cookies signIn(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }

    static String page(Cookies session, String path) {
        return given().cookies(session).accept("text/html").get(path).then().statusCode(200).extract().asString();
    }

    /** Neither payload is live in {@code html}; the text payload appears escaped at least once. */
    static void assertInert(String html) {
        assertThat(html).doesNotContain(IMG).doesNotContain(CLOSE).doesNotContain("<script>alert(1)");
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void anEnterpriseNamedWithMarkupIsTextInTheListAndTheProfile() {
        String uscc = Fixtures.newEnterprise(IMG + CLOSE);
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        assertInert(page(admin, "/enterprises?q=" + uscc));
        String profile = page(admin, "/enterprises/" + uscc);
        assertInert(profile);
        assertThat(profile).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aChainMapWithMarkupIsTextOnTheChainsPageAndInItsScriptBlock() {
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        List<Map<String, Object>> original = Fixtures.asUser(officer).get("/api/chains").then().statusCode(200)
                .extract().jsonPath().getList("$");
        String code = Fixtures.newCode("XSS").replaceAll("[^A-Za-z0-9]", "");
        List<Map<String, Object>> chains = new ArrayList<>(original);
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("code", code);
        chain.put("name", "<b>链</b>" + CLOSE);
        chain.put("description", CLOSE + IMG);
        chain.put("segments", List.of(Map.of("code", "S1", "name", IMG, "stage", "MIDSTREAM", "industryCodes", List.of("C34"))));
        chains.add(chain);
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("chains", chains, "reason", "markup test"))
                .put("/api/chains").then().statusCode(200);
        try {
            String html = page(signIn(officer, "password-" + officer), "/screening/chains");
            assertInert(html);
            assertThat(html).contains("&lt;b&gt;链&lt;/b&gt;").doesNotContain("<b>链</b>");
            // the script block carries the same names as JSON with < and > escaped
            String block = html.substring(html.indexOf("id=\"chains-data\">"), html.indexOf("</script>", html.indexOf("id=\"chains-data\">")));
            assertThat(block).contains("\\u003cimg src=x onerror=alert(1)\\u003e")
                    .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
        } finally {
            Fixtures.asUser(officer).contentType("application/json").body(Map.of("chains", original, "reason", "restore"))
                    .put("/api/chains").then().statusCode(200);
        }
    }

    @Test
    void anInstitutionNamedWithAScriptEndIsTextOnTheFunnelPage() {
        String code = fundedBy(CLOSE + IMG);
        String html = page(signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD), "/financing/funnel");
        assertThat(html).contains(code);
        assertInert(html);
        String block = html.substring(html.indexOf("id=\"financing-funnel-data\">"));
        assertThat(block.substring(0, block.indexOf("</script>")))
                .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
    }

    @Test
    void aFinancingRequestWithMarkupInItsTextsIsTextOnItsPage() {
        Firm seller = FinancingFixtures.firm("标记卖方");
        Firm debtor = FinancingFixtures.firm("标记债务人");
        Map<String, Object> body = FinancingFixtures.receivable(debtor.uscc(), Fixtures.newCode("MK"), 1000, 1000, 30);
        body.put("debtorName", IMG);
        body.put("contractNo", "<i>c</i>");
        long id = FinancingFixtures.post(seller, body).getLong("id");
        String html = page(signIn(seller.user(), "password-" + seller.user()), "/financing/" + id);
        assertInert(html);
        assertThat(html).doesNotContain("<i>c</i>");
    }

    /**
     * An institution named {@code name} that funded one request posted today, so the funnel's
     * time-to-fund table and chart show it; returns its code.
     */
    String fundedBy(String name) {
        String code = Fixtures.newCode("FX").replaceAll("[^A-Za-z0-9]", "");
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + code + "," + name + ",BANK\n"));
        Firm seller = FinancingFixtures.firm("漏斗卖方");
        Firm debtor = FinancingFixtures.firm("漏斗债务人");
        long id = FinancingFixtures.post(seller, FinancingFixtures.receivable(debtor.uscc(), Fixtures.newCode("FN"),
                1000, 1000, 30)).getLong("id");
        FinancingFixtures.sql(ds, "update financing_requests set claimed_by = ?, disbursed_at = posted_at + interval '3 hours'"
                + " where id = ?", code, id);
        return code;
    }
}
