package io.parkcredit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.parkcredit.bundle.DemoStoryTest;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's tour of the demo park (issue 13): each demo user signs in through the form, and in
 * Chinese and in English visits every page of their menu and the first detail page behind each
 * table of those pages. The tour fails on any response of 400 or more (the page or anything it
 * loads), any console or script error, any text in the wrong language, and any empty table where
 * the demo story promises that role data. Every page is saved as a screenshot under
 * {@code target/tour/<user>-<page>-<lang>.png}.
 */
@QuarkusTest
@TestProfile(DemoStoryTest.Profile.class)
class DemoTourBrowserTest extends BrowserTest {

    static final Path SHOTS = Path.of("target", "tour");
    static final List<String> LANGS = List.of("zh-CN", "en");

    /** Links followed from a menu page: the first row of each of its tables, its sub-menu and its sub-pages. */
    static final String DETAIL_LINKS = "main table tbody tr:first-child a[href^='/'], main .subnav a[href^='/'],"
            + " main a#funnel-link, main a[href='/classification/rules'], main a[href='/screening/chains']";
    /** Links that download a file or leave the tour. */
    static final Pattern NOT_A_PAGE = Pattern.compile(".*(/export|/report|\\.pdf|\\.csv|\\.xlsx|/lang/|/logout).*");

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

    /**
     * What the demo story promises each user, page by page (a path with its numbers shown as N and
     * its USCCs as U): every selector finds at least one row. The pages are those of the user's
     * menu and the details behind them; a promised page the tour never reached fails it too.
     */
    static Map<String, Map<String, List<String>>> promises() {
        Map<String, Map<String, List<String>>> p = new LinkedHashMap<>();
        p.put(Fixtures.ADMIN, Map.ofEntries(
                Map.entry("/enterprises", List.of("#enterprise-table tbody tr")),
                Map.entry("/enterprises/U", List.of("main h1")),
                // two published years: the runs of the latest and the firms that moved since the year before
                Map.entry("/classification", List.of("#runs-table tbody tr", "#moved-table tbody tr")),
                Map.entry("/classification/N/runs/N", List.of("#results-table tbody tr")),
                Map.entry("/classification/N/runs/N/firms/U", List.of("#clauses-table tbody tr")),
                Map.entry("/classification/published", List.of("#published-table tbody tr")),
                Map.entry("/rating", List.of("#rating-applications tbody tr", "#rating-published tbody tr")),
                Map.entry("/rating/applications/N", List.of("#rating-status")),
                Map.entry("/financing", List.of("#financing-requests tbody tr a[href^='/financing/']")),
                Map.entry("/financing/N", List.of("#grade-factors tbody tr")),
                Map.entry("/financing/funnel", List.of("#funnel-stages tbody tr")),
                Map.entry("/monitoring", List.of("#alerts-table tbody tr")),
                Map.entry("/monitoring/sms", List.of("#sms-table tbody tr")),
                Map.entry("/screening", List.of("#saved-table tbody tr")),
                Map.entry("/screening/N", List.of("#ranked-table tbody tr", "#shortlist-table tbody tr")),
                Map.entry("/admin/audit", List.of("#audit-table tbody tr")),
                Map.entry("/admin/users", List.of("#users-table tbody tr"))));
        p.put("regulator", Map.of(
                "/enterprises", List.of("#enterprise-table tbody tr"),
                "/classification", List.of("#runs-table tbody tr", "#moved-table tbody tr"),
                "/classification/published", List.of("#published-table tbody tr"),
                "/monitoring", List.of("#alerts-table tbody tr"),
                "/rating", List.of("#rating-published tbody tr")));
        p.put("evaluator", Map.of(
                "/rating", List.of("#rating-applications tbody tr", "#rating-published tbody tr"),
                "/rating/applications/N", List.of("#rating-status")));
        p.put("investment", Map.of(
                "/screening", List.of("#saved-table tbody tr"),
                "/screening/N", List.of("#ranked-table tbody tr", "#shortlist-table tbody tr")));
        // the first bank's queue holds requests routed to it and those it claimed, offered, lent on
        p.put("bank", Map.of(
                "/financing", List.of("#financing-requests tbody tr a[href^='/financing/']"),
                "/financing/N", List.of("#grade-factors tbody tr"),
                "/classification/published", List.of("#red-table tbody tr", "#white-table tbody tr")));
        p.put("guarantor", Map.of(
                "/financing", List.of("#financing-requests tbody tr a[href^='/financing/']")));
        // the story's firm: its receivables at every stage and its own rating application
        p.put("firm", Map.of(
                "/financing", List.of("#financing-requests tbody tr a[href^='/financing/']"),
                "/financing/N", List.of("#grade-factors tbody tr"),
                "/rating", List.of("#rating-applications tbody tr"),
                // its grade is published: the score sheet with every indicator's reason
                "/rating/applications/N", List.of("#rating-grade", "#rating-indicators tbody tr"),
                "/classification/published", List.of("#own-entry #clauses-table tbody tr")));
        p.put("debtor", Map.of(
                "/classification/published", List.of("#own-entry")));
        return p;
    }

    @Test
    void everyDemoUserSeesTheStoryOnEveryPageOfTheirMenuInBothLanguages() throws IOException {
        Map<String, String> passwords = demoPasswords();
        PageLanguage language = PageLanguage.of(dataSource);
        Files.createDirectories(SHOTS);
        List<String> problems = new ArrayList<>();
        for (var e : promises().entrySet()) {
            String user = e.getKey();
            String password = user.equals(Fixtures.ADMIN) ? Fixtures.ADMIN_PASSWORD : passwords.get(user);
            assertThat(password).as("password of demo user " + user).isNotNull();
            problems.addAll(tour(user, password, e.getValue(), language));
        }
        assertThat(problems).isEmpty();
    }

    /** One user's tour; returns what went wrong. */
    List<String> tour(String user, String password, Map<String, List<String>> promised, PageLanguage language) {
        List<String> problems = new ArrayList<>();
        String[] where = {user + " sign-in"};
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.onResponse(r -> {
                if (r.status() >= 400) {
                    problems.add(where[0] + ": status " + r.status() + " of " + r.url());
                }
            });
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    problems.add(where[0] + ": console error " + m.text());
                }
            });
            page.onPageError(err -> problems.add(where[0] + ": script error " + err));

            page.navigate(base + "login");
            page.locator("input[name=j_username]").fill(user);
            page.locator("input[name=j_password]").fill(password);
            page.locator("form button[type=submit]").click();
            page.waitForURL(u -> u.contains("/enterprises"));
            assertThat(page.locator("#signed-in-user").textContent()).as(user + " signed in").startsWith(user);

            Set<String> seen = new LinkedHashSet<>();
            for (String lang : LANGS) {
                where[0] = user + " " + lang + " switch";
                page.navigate(base + "lang/" + lang + "?back=/enterprises");
                @SuppressWarnings("unchecked")
                List<String> nav = (List<String>) page.locator("nav.nav a")
                        .evaluateAll("as => as.map(a => a.getAttribute('href'))");
                assertThat(nav).as(user + " menu").isNotEmpty();
                Object fit = page.evaluate("() => { const n = document.querySelector('nav.nav');"
                        + " return n.scrollWidth <= n.clientWidth ? 'fits' : n.scrollWidth + ' px in ' + n.clientWidth; }");
                if (!"fits".equals(fit)) {
                    problems.add(where[0] + ": the menu does not fit at 1280 px: " + fit);
                }
                Map<String, String> visit = new LinkedHashMap<>(); // page kind -> path
                nav.forEach(path -> visit.putIfAbsent(kind(path), path));
                for (String path : nav) {
                    visit(page, user, lang, path, where, promised, language, problems);
                    seen.add(kind(path));
                    @SuppressWarnings("unchecked")
                    List<String> links = (List<String>) page.locator(DETAIL_LINKS)
                            .evaluateAll("as => as.map(a => a.getAttribute('href'))");
                    for (String link : links) {
                        if (!NOT_A_PAGE.matcher(link).matches() && visit.putIfAbsent(kind(link), link) == null) {
                            visit(page, user, lang, link, where, promised, language, problems);
                            seen.add(kind(link));
                        }
                    }
                }
            }
            for (String kind : promised.keySet()) {
                if (!seen.contains(kind)) {
                    problems.add(user + ": the tour never reached " + kind);
                }
            }
        }
        return problems;
    }

    private void visit(Page page, String user, String lang, String path, String[] where,
            Map<String, List<String>> promised, PageLanguage language, List<String> problems) {
        where[0] = user + " " + lang + " " + path;
        Response response = page.navigate(base + path.substring(1));
        // the page as the server wrote it, as TranslationTest reads it (entities such as &#123; stay encoded)
        problems.addAll(language.problems(where[0] + ": ", response.text(), lang));
        for (String rows : promised.getOrDefault(kind(path), List.of())) {
            if (page.locator(rows).count() == 0) {
                problems.add(where[0] + ": nothing in " + rows + " where the demo promises data");
            }
        }
        if (page.locator("main .chart").count() > 0) {
            page.waitForTimeout(1100); // the charts' opening animation, for the screenshot
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(user + "-" + slug(path) + "-" + lang + ".png")));
    }

    /** A page's kind: its path without the query, numbers as N and USCCs as U. */
    static String kind(String path) {
        return path.replaceAll("[?#].*", "").replaceAll("\\b[0-9A-Z]{18}\\b", "U").replaceAll("\\b\\d+\\b", "N");
    }

    static String slug(String path) {
        String s = path.replaceAll("[?#].*", "").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "home" : s;
    }

    /** The demo users' passwords, as the demo story wrote them: role, user name, password, binding. */
    static Map<String, String> demoPasswords() throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        Path file = Path.of("target", "demo-story", "demo-users.txt");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && !line.startsWith("ParkCredit")) {
                passwords.put(f[1], f[2]);
            }
        }
        return passwords;
    }
}
