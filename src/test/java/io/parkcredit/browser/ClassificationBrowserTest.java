package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.ClassificationFixtures;
import io.parkcredit.testing.ClassificationFixtures.Park;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the park committee clicks: run the year's classification, read a firm's card, publish. */
@QuarkusTest
class ClassificationBrowserTest extends BrowserTest {

    static final int YEAR = 2078;

    @TestHTTPResource("/")
    URL base;

    @Test
    void adminRunsReadsAndPublishesTheYear() {
        Park park = ClassificationFixtures.park(YEAR);
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        try {
            page.navigate(url("classification?year=" + YEAR));
            page.locator("input[name=j_username]").fill(Fixtures.ADMIN);
            page.locator("input[name=j_password]").fill(Fixtures.ADMIN_PASSWORD);
            page.locator("form button[type=submit]").click();
            page.navigate(url("classification?year=" + YEAR));
            assertThat(page.locator("h1")).containsText("红白黄名单");
            assertThat(page.locator("#runs")).containsText("本年度尚未运行分类");

            page.locator("#run-form button").click();
            assertThat(page.locator("#run-title")).containsText(YEAR + " 年度 · 第 1 版");
            assertThat(page.locator("#run-counts strong[data-list=RED]")).not().hasText("0");
            assertThat(page.locator("#run-counts strong[data-list=YELLOW]")).not().hasText("0");

            page.locator("#result-filter input[name=q]").fill(park.tag());
            page.locator("#result-filter button[type=submit]").click();
            assertThat(page.locator("#results-table tbody tr")).hasCount(4);
            page.locator("#results-table a", new Page.LocatorOptions().setHasText(park.name(park.red()))).click();
            assertThat(page.locator("#firm-name")).hasText(park.name(park.red()));
            assertThat(page.locator("#firm-list .badge")).hasText("红名单");
            assertThat(page.locator("#clauses-table tr[data-code=RED_NO_LATE] td").first()).hasText("近24个月无逾期超30天");
            assertThat(page.locator("#clauses-table tr[data-code=RED_NO_LATE] td").nth(1)).containsText("✓");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/classification-firm.png")).setFullPage(true));

            page.locator(".crumbs a").click();
            page.locator("#publish-form button").click();
            // the confirmation shows the counts per list before the real publication
            assertThat(page.locator("#confirm-counts")).isVisible();
            page.locator("#confirm-publish-form button").click();
            assertThat(page.locator("#publish-form")).hasCount(0);
            assertThat(page.locator(".tags .tag")).hasText("已发布");

            page.locator("nav a[href='/classification']").click();
            page.navigate(url("classification?year=" + YEAR));
            assertThat(page.locator("#runs-table tr[data-status=PUBLISHED]")).hasCount(1);
            assertThat(page.locator("#lists-chart canvas")).hasCount(1);
            assertThat(page.locator("#flows-sankey canvas")).hasCount(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/classification-overview.png")).setFullPage(true));
        } finally {
            page.context().close();
        }
    }

    private String url(String path) {
        return base.toString() + path;
    }
}
