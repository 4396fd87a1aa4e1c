package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an investment officer clicks: run a screening, read the ranking and its chart, shortlist a prospect. */
@QuarkusTest
class ScreeningBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void anOfficerScreensAndShortlistsTheFirstProspect() {
        // three prospects of different size and growth, so the contributions chart has something to stack
        StringBuilder firms = new StringBuilder(Fixtures.ENTERPRISES_HEADER);
        StringBuilder statements = new StringBuilder("uscc,year,revenue,total_assets,net_profit,rd_expense\n");
        for (int k = 1; k <= 3; k++) {
            String uscc = Fixtures.newUscc();
            firms.append(uscc).append(",浏览器招商对象").append(uscc.substring(12)).append(",2012-01-01,")
                    .append(k == 2 ? "C3311" : "C3412").append(",10000000,").append(200 * k).append(",ACTIVE,李,13900139000,false,,")
                    .append(40 / k).append(",2\n");
            statements.append(uscc).append(",2024,").append(20_000_000 * k).append(",90000000,6000000,").append(4_000_000 / k)
                    .append('\n').append(uscc).append(",2025,").append(20_000_000 * k + 15_000_000 / k)
                    .append(",100000000,8000000,").append(4_000_000 / k).append('\n');
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("enterprises", firms.toString());
        bundle.put("financial_statements", statements.toString());
        Fixtures.importBundle(bundle);
        String officer = Fixtures.newUser("INVESTMENT", null, null);

        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        try {
            page.navigate(url("screening"));
            assertThat(page).hasURL(url("login"));
            page.locator("input[name=j_username]").fill(officer);
            page.locator("input[name=j_password]").fill("password-" + officer);
            page.locator("form button[type=submit]").click();
            assertThat(page.locator("#signed-in-user")).containsText(officer);
            page.navigate(url("screening"));
            assertThat(page.locator("h1")).hasText("信用招商筛选");
            assertThat(page.locator("nav a.active")).hasText("信用招商");
            assertThat(page.locator("#criteria-table tbody tr")).hasCount(8);

            page.locator("#run-screening").click();
            assertThat(page).hasURL(Pattern.compile(".*/screening/\\d+$"));
            assertThat(page.locator("#ranked-table tbody tr").first()).isVisible();
            // the rows come in rank order 1, 2, 3 … and no row scores higher than the one above it
            @SuppressWarnings("unchecked")
            List<List<String>> rows = (List<List<String>>) page.locator("#ranked-table tbody tr").evaluateAll(
                    "rows => rows.map(r => [r.getAttribute('data-rank'), r.querySelectorAll('td.num')[1].innerText.trim()])");
            org.assertj.core.api.Assertions.assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < rows.size(); i++) {
                org.assertj.core.api.Assertions.assertThat(rows.get(i).get(0)).isEqualTo(Integer.toString(i + 1));
                if (i > 0) {
                    org.assertj.core.api.Assertions.assertThat(Double.parseDouble(rows.get(i).get(1))).as("score of rank %d", i + 1)
                            .isLessThanOrEqualTo(Double.parseDouble(rows.get(i - 1).get(1)));
                }
            }
            assertThat(page.locator("#contributions-chart canvas")).hasCount(1);
            assertThat(page.locator("#weights-chart canvas")).hasCount(1);
            assertThat(page.locator("#shortlist .empty")).isVisible();

            Locator first = page.locator("#ranked-table tbody tr").first();
            String firstUscc = first.getAttribute("data-uscc");
            first.locator("input[name=note]").fill("首轮洽谈");
            first.locator("button[type=submit]").click();
            Locator entry = page.locator("#shortlist-table tr[data-uscc='" + firstUscc + "']");
            assertThat(entry).isVisible();
            assertThat(entry).containsText("首轮洽谈");
            assertThat(page.locator("#ranked-table tr[data-uscc='" + firstUscc + "']")).containsText("已在短名单");
            page.setViewportSize(1366, 1600);
            page.evaluate("window.scrollTo(0, 0)");
            page.waitForTimeout(800); // let the charts finish their entry animation
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/screening-result.png")));
            page.navigate(url("screening/chains"));
            assertThat(page.locator("#chain-graph-STEEL canvas")).hasCount(1);
            page.locator("#chain-STEEL").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/screening-chains.png")));
        } finally {
            page.context().close();
        }
    }

    private String url(String path) {
        return base.toString() + path;
    }
}
