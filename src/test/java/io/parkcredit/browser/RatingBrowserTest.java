package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the evaluator clicks: the on-site score sheet, a value over the maximum refused, then the draft grade with its reasons. */
@QuarkusTest
class RatingBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Clock clock;

    @Test
    void evaluatorFillsTheScoreSheetAndSeesTheDraftGradeWithItsReasons() {
        LocalDate today = LocalDate.now(clock);
        String uscc = RatingFixtures.soundFirm("浏览器评价示范公司", today.getYear() - 1, Fixtures.newCode("RB"),
                (today.getYear() + 2) + "-03-01");
        String firmUser = Fixtures.newUser("ENTERPRISE", uscc, null);
        long id = RatingFixtures.apply(firmUser, uscc);
        RatingFixtures.step(null, id, "qualification", null).statusCode(200);
        RatingFixtures.step(null, id, "review", Map.of("note", "材料齐全")).statusCode(200);
        String evaluator = Fixtures.newUser("EVALUATOR", null, null);

        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        try {
            page.navigate(url("rating/applications/" + id));
            page.locator("input[name=j_username]").fill(evaluator);
            page.locator("input[name=j_password]").fill("password-" + evaluator);
            page.locator("form button[type=submit]").click();
            page.navigate(url("rating/applications/" + id));
            assertThat(page.locator("#rating-status")).hasText("评价中");
            assertThat(page.locator("#score-form tr[data-indicator]")).hasCount(RatingFixtures.fullOnsite().size());

            // over the maximum: the form comes back with the message beside the indicator
            RatingFixtures.fullOnsite().forEach((code, max) ->
                    page.locator("#score-form input[name='onsite." + code + "']").fill(String.valueOf(max)));
            page.locator("#score-form input[name='onsite.Q03']").evaluate("e => e.removeAttribute('max')");
            page.locator("#score-form input[name='onsite.Q03']").fill("3");
            page.locator("#score-submit").click();
            assertThat(page.locator("#score-invalid")).isVisible();
            assertThat(page.locator("#score-form tr[data-indicator=Q03] .field-error")).hasText("须为 0 至 2.0 之间的数");
            assertThat(page.locator("#rating-status")).hasText("评价中");

            page.locator("#score-form input[name='onsite.Q03']").fill("1.5");
            page.locator("#score-submit").click();
            assertThat(page.locator("#rating-status")).hasText("初评结果");
            // the grade the fixture's figures and this sheet give, worked out by hand (RatingFixtures)
            Map<String, Double> sheet = RatingFixtures.fullOnsite();
            sheet.put("Q03", 1.5);
            double expected = RatingFixtures.expectedSoundFirmScore(RatingFixtures.indicatorPoints(
                    Fixtures.asAdmin().get("/api/ratings/applications/" + id).then().statusCode(200).extract().jsonPath(),
                    "result.indicators"), sheet);
            assertThat(page.locator("#rating-grade strong")).hasText(RatingFixtures.gradeOf(expected));
            var q03 = page.locator("#rating-indicators tbody tr", new Page.LocatorOptions().setHasText("Q03"));
            assertThat(q03).hasCount(1);
            assertThat(q03).containsText("1.50 / 2.00");
            assertThat(q03).containsText("现场评分 1.5 / 2");
            assertThat(page.locator("#rating-dimensions tr")).hasCount(5);
            assertThat(page.locator("#score-form")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/rating-draft.png")).setFullPage(true));
        } finally {
            page.context().close();
        }
    }

    private String url(String path) {
        return base.toString() + path;
    }
}
