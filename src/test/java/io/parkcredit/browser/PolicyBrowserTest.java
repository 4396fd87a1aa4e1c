package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The park writes and publishes a policy from its page; the matching firm finds it under "my policies" and applies. */
@QuarkusTest
class PolicyBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void publishedPolicyReachesTheMatchingFirmsPage() {
        String code = String.format("T%04d", ThreadLocalRandom.current().nextInt(10_000));
        String firm = Fixtures.newUscc();
        String other = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER
                + firm + ",政策浏览甲" + code + ",2015-03-01," + code + ",5000000,120,ACTIVE,张伟,13800138000,true,舞钢市,0,0\n"
                + other + ",政策浏览乙" + code + ",2015-03-01," + code + ",5000000,20,ACTIVE,张伟,13800138000,true,舞钢市,0,0\n"));
        String user = Fixtures.newUser("ENTERPRISE", firm, null);
        String title = "研发投入补贴" + code;

        Page admin = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        try {
            login(admin, "policies", Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
            assertThat(admin.locator("h1")).hasText("惠企政策与精准推送");
            admin.locator("#policy-form input[name=title]").fill(title);
            admin.locator("#policy-form select[name=kind]").selectOption("SUBSIDY");
            admin.locator("#policy-form input[name=validFrom]").fill("2020-01-01");
            admin.locator("#policy-form input[name=validTo]").fill("2099-12-31");
            admin.locator("#policy-form textarea[name=benefit]").fill("按研发投入的10%给予补贴");
            admin.locator("#policy-form input[name=industries]").fill(code);
            admin.locator("#policy-form input[name=employeesMin]").fill("100");
            admin.locator("#policy-form button[type=submit]").click();
            assertThat(admin.locator("h1")).hasText(title);
            assertThat(admin.locator("#match-count")).hasText("0");

            admin.navigate(url("policies"));
            admin.locator("#policies-table tr", new Page.LocatorOptions().setHasText(title)).locator("form button").click();
            assertThat(admin.locator("h1")).hasText(title);
            assertThat(admin.locator("#match-count")).hasText("1");
            assertThat(admin.locator("#matches-table tbody tr")).hasCount(1);
            assertThat(admin.locator("#matches-table tbody tr")).containsText("政策浏览甲" + code);
            assertThat(admin.locator("#matches-table .clauses li.fail")).hasCount(0);

            // the firm's alert in the inbox, named in the reader's language
            admin.navigate(url("monitoring?uscc=" + firm));
            assertThat(admin.locator("body")).containsText("政策匹配：" + title);
            assertThat(admin.locator("body")).containsText("政策推送");
            admin.context().addCookies(List.of(new Cookie("lang", "en").setUrl(base.toString())));
            admin.navigate(url("monitoring?uscc=" + firm));
            assertThat(admin.locator("body")).containsText("Your firm qualifies for the policy “" + title + "”");
            assertThat(admin.locator("body")).containsText("Policy for you");
        } finally {
            admin.context().close();
        }

        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        try {
            login(page, "policies/mine", user, "password-" + user);
            assertThat(page.locator("h1")).hasText("我的政策");
            var card = page.locator(".policy-mine", new Page.LocatorOptions().setHasText(title));
            assertThat(card).hasCount(1);
            assertThat(card.locator(".clauses li.pass")).hasCount(3);
            assertThat(card.locator(".clauses li").nth(2)).containsText("从业人数");
            assertThat(card.locator(".clauses li").nth(2)).containsText("120");
            card.locator("form button").click();
            assertThat(page.locator(".policy-mine", new Page.LocatorOptions().setHasText(title)).locator(".application"))
                    .hasText("已申请，待园区审核");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/policy-mine.png")).setFullPage(true));
        } finally {
            page.context().close();
        }

        // the park opens the applications from the policy's page and approves with a reason
        Page park = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)).newPage();
        try {
            login(park, "policies", Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
            park.locator("#policies-table a", new Page.LocatorOptions().setHasText(title)).click();
            park.locator("#applications-link").click();
            assertThat(park.locator("h1")).hasText("政策申请审核");
            var row = park.locator("#applications-table tr.application-row",
                    new Page.LocatorOptions().setHasText("政策浏览甲" + code));
            assertThat(row).hasCount(1);
            assertThat(row.locator(".clauses li.pass")).hasCount(3);
            assertThat(row).containsText("待审核");
            row.locator("input[name=reason]").fill("研发投入材料齐全");
            row.locator("button[value=APPROVED]").click();
            var decided = park.locator("#applications-table tr.application-row",
                    new Page.LocatorOptions().setHasText("政策浏览甲" + code));
            assertThat(decided).containsText("已批准");
            assertThat(decided).containsText("研发投入材料齐全");
            assertThat(decided.locator("form")).hasCount(0);
        } finally {
            park.context().close();
        }
    }

    private void login(Page page, String path, String user, String password) {
        page.navigate(url(path));
        page.locator("input[name=j_username]").fill(user);
        page.locator("input[name=j_password]").fill(password);
        page.locator("form button[type=submit]").click();
        page.navigate(url(path));
    }

    private String url(String path) {
        return base.toString() + path;
    }
}
