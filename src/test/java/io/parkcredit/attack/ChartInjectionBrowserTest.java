package io.parkcredit.attack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.parkcredit.browser.BrowserTest;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Stored script injection in the browser, the confirmed exploit: a chain segment named with markup
 * is hovered in the chain map (ECharts writes its tooltip as HTML), and an institution whose name
 * closes the funnel page's data block is drawn in the funnel chart. No dialog opens, no element is
 * injected, and the names are shown as the text they are.
 */
@QuarkusTest
class ChartInjectionBrowserTest extends BrowserTest {

    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String CLOSE = "</script><script>alert(1)</script>";

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource ds;

    @Test
    void aSegmentNamedWithMarkupIsTextInTheHoveredChainMapTooltip() {
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        List<Map<String, Object>> original = Fixtures.asUser(officer).get("/api/chains").then().statusCode(200)
                .extract().jsonPath().getList("$");
        String code = Fixtures.newCode("XSSCHAIN");
        List<Map<String, Object>> chains = new ArrayList<>(original);
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("code", code);
        chain.put("name", "注入测试链");
        chain.put("segments", List.of(Map.of("code", "<b>S1</b>", "name", IMG, "stage", "MIDSTREAM",
                "industryCodes", List.of("C34"))));
        chains.add(chain);
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("chains", chains, "reason", "markup test"))
                .put("/api/chains").then().statusCode(200);
        Page page = signedIn(officer, "password-" + officer);
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        try {
            page.navigate(base + "screening/chains");
            Locator graph = page.locator("#chain-graph-" + code);
            assertThat(graph.locator("canvas")).hasCount(1);
            graph.scrollIntoViewIfNeeded();
            page.waitForTimeout(600); // the graph's entry animation
            Locator tip = graph.getByText(IMG);
            assertThat(hover(page, graph, tip)).as("the segment's tooltip appeared under the mouse").isTrue();
            page.waitForTimeout(300);
            assertThat(page.locator("img")).hasCount(0);
            assertThat(graph.locator("b")).hasCount(0);
            assertThat(dialogs).isEmpty();
            assertThat(tip).containsText(IMG + " (<b>S1</b>)");
        } finally {
            page.context().close();
            Fixtures.asUser(officer).contentType("application/json").body(Map.of("chains", original, "reason", "restore"))
                    .put("/api/chains").then().statusCode(200);
        }
    }

    @Test
    void anInstitutionNameThatClosesTheScriptBlockIsDataInTheFunnelChart() {
        String code = Fixtures.newCode("FXB");
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + code + "," + CLOSE + ",BANK\n"));
        Firm seller = FinancingFixtures.firm("图表注入卖方");
        Firm debtor = FinancingFixtures.firm("图表注入债务人");
        long id = FinancingFixtures.post(seller, FinancingFixtures.receivable(debtor.uscc(), Fixtures.newCode("FC"),
                1000, 1000, 30)).getLong("id");
        FinancingFixtures.sql(ds, "update financing_requests set claimed_by = ?, disbursed_at = posted_at + interval '2 hours'"
                + " where id = ?", code, id);
        Page page = signedIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        try {
            page.navigate(base + "financing/funnel");
            assertThat(page.locator("#financing-funnel-chart canvas")).hasCount(1);
            assertThat(page.locator("#financing-ttf-chart canvas")).hasCount(1);
            assertThat(page.locator("#time-to-fund")).containsText(CLOSE + " " + code);
            // one data block, still JSON, holding the name unchanged; no other script mentions alert
            assertThat(page.locator("script[type='application/json']#financing-funnel-data")).hasCount(1);
            Object name = page.evaluate("c => JSON.parse(document.getElementById('financing-funnel-data').textContent)"
                    + ".timeToFund.find(t => t.institutionCode === c).name", code);
            assertThat(name).isEqualTo(CLOSE);
            Object live = page.evaluate("() => [...document.querySelectorAll('script')].filter(s => s.type !== 'application/json'"
                    + " && s.textContent.includes('alert(1)')).length");
            assertThat(((Number) live).intValue()).isZero();
            page.waitForTimeout(500);
            assertThat(dialogs).isEmpty();
        } finally {
            page.context().close();
        }
    }

    private Page signedIn(String user, String password) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        page.navigate(base + "login");
        page.locator("input[name=j_username]").fill(user);
        page.locator("input[name=j_password]").fill(password);
        page.locator("form button[type=submit]").click();
        assertThat(page.locator("#signed-in-user")).containsText(user);
        return page;
    }

    /**
     * Moves the mouse over the chart, nearest points to where the graph draws its one midstream
     * segment first, until {@code tip} is visible or the tooltip injected an image; false when no
     * point showed the tooltip.
     */
    private static boolean hover(Page page, Locator graph, Locator tip) {
        BoundingBox box = graph.boundingBox();
        double ex = box.x + 24 + (440.0 / 960) * (box.width - 48);
        double ey = box.y + box.height / 2;
        List<double[]> points = new ArrayList<>();
        for (double x = box.x + 4; x < box.x + box.width - 4; x += 8) {
            for (double y = box.y + 4; y < box.y + box.height - 4; y += 8) {
                points.add(new double[] {x, y});
            }
        }
        points.sort(Comparator.comparingDouble(p -> Math.hypot(p[0] - ex, p[1] - ey)));
        for (double[] p : points) {
            page.mouse().move(p[0], p[1]);
            if (tip.isVisible() || graph.locator("img").count() > 0) {
                return true; // the tooltip shows, as text or (were it not escaped) as markup
            }
        }
        return false;
    }
}
