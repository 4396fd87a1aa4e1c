package io.parkcredit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The top bar of the park office (the most links) at 1280×800 in both languages: the menu stays on
 * one line and its last link ends before the language switch and the user's name begin.
 */
@QuarkusTest
class NavigationBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theAdminMenuFitsOneLineAt1280InBothLanguages() {
        for (String lang : List.of("zh-CN", "en")) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
            try {
                context.addCookies(List.of(new Cookie("lang", lang).setUrl(base.toString())));
                Page page = context.newPage();
                page.navigate(base + "enterprises");
                page.locator("input[name=j_username]").fill(Fixtures.ADMIN);
                page.locator("input[name=j_password]").fill(Fixtures.ADMIN_PASSWORD);
                page.locator("form button[type=submit]").click();
                page.navigate(base + "enterprises");
                assertThat(page.locator("html").getAttribute("lang")).isEqualTo(lang);
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) page.evaluate("""
                        () => {
                          const nav = document.querySelector('nav.nav');
                          const links = [...nav.querySelectorAll('a')];
                          const tops = new Set(links.map(a => Math.round(a.getBoundingClientRect().top)));
                          const last = links[links.length - 1].getBoundingClientRect();
                          const session = document.querySelector('.session').getBoundingClientRect();
                          return { links: links.length, lines: tops.size,
                                   navHeight: Math.round(nav.getBoundingClientRect().height),
                                   linkHeight: Math.round(links[0].getBoundingClientRect().height),
                                   overlap: last.right > session.left,
                                   barHeight: Math.round(document.querySelector('.topbar').getBoundingClientRect().height) };
                        }""");
                page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "nav-admin-" + lang + ".png")));
                String where = lang + " " + m;
                assertThat(((Number) m.get("links")).intValue()).as(where).isGreaterThanOrEqualTo(8);
                assertThat(((Number) m.get("lines")).intValue()).as(where).isEqualTo(1);
                assertThat(m.get("navHeight")).as(where).isEqualTo(m.get("linkHeight"));
                assertThat(m.get("overlap")).as(where).isEqualTo(false);
                assertThat(((Number) m.get("barHeight")).intValue()).as(where).isEqualTo(56);
            } finally {
                context.close();
            }
        }
    }
}
