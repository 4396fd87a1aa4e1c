package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * What a supplier and a bank officer click (DOMAIN.md §7): the firm posts its receivable, the bank
 * claims it from its queue and offers, the firm accepts the offer; the park sees the funnel chart.
 */
@QuarkusTest
class FinancingBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    private Page signedIn(String user, String password) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        page.navigate(base + "financing");
        page.locator("input[name=j_username]").fill(user);
        page.locator("input[name=j_password]").fill(password);
        page.locator("form button[type=submit]").click();
        page.navigate(base + "financing");
        return page;
    }

    @Test
    void theFirmPostsTheBankClaimsAndOffersTheFirmAccepts() {
        Firm seller = FinancingFixtures.firm("浏览器应收公司");
        Firm debtor = FinancingFixtures.firm("浏览器买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        String invoice = Fixtures.newCode("WEB");
        io.restassured.path.json.JsonPath before = Fixtures.asAdmin().get("/api/financing/funnel").then().statusCode(200)
                .extract().jsonPath();

        Page firm = signedIn(seller.user(), "password-" + seller.user());
        Page officer = null;
        Page park = null;
        try {
            firm.locator("#post-receivable input[name=debtorUscc]").fill(debtor.uscc());
            firm.locator("#post-receivable input[name=debtorName]").fill("浏览器买方");
            firm.locator("#post-receivable input[name=invoiceNo]").fill(invoice);
            firm.locator("#post-receivable input[name=invoiceDate]").fill(FinancingFixtures.today().minusDays(3).toString());
            firm.locator("#post-receivable input[name=amount]").fill("150,000");
            firm.locator("#post-receivable input[name=dueDate]").fill(FinancingFixtures.today().plusDays(60).toString());
            firm.locator("#post-receivable input[name=contractNo]").fill("HT-WEB");
            firm.locator("#post-receivable input[name=requestedAmount]").fill("100000");
            firm.locator("#post-receivable input[name=termDays]").fill("90");
            firm.locator("#post-receivable button[type=submit]").click();
            // graded on the firm's own flows, every factor with its points
            assertThat(firm.locator("#request-grade")).isVisible();
            assertThat(firm.locator("#grade-factors tbody tr")).not().hasCount(0);
            long id = Long.parseLong(firm.url().replaceAll(".*/financing/(\\d+).*", "$1"));

            // the debtor confirms: 30 more points, EXCELLENT, straight to the banks
            Fixtures.asUser(debtor.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then()
                    .statusCode(200);
            firm.reload();
            assertThat(firm.locator("#request-grade")).hasText("优");
            assertThat(firm.locator("#request-status")).hasText("待领取");

            officer = signedIn(bank.user(), "password-" + bank.user());
            officer.navigate(base + "financing/" + id);
            officer.locator("#claim-request").click();
            assertThat(officer.locator("#request-status")).hasText("已领取");
            officer.locator("#offer-form input[name=amount]").fill("90000");
            officer.locator("#offer-form input[name=rate]").fill("4.35");
            officer.locator("#offer-form button[type=submit]").click();
            assertThat(officer.locator("#request-status")).hasText("已报价");

            firm.reload();
            assertThat(firm.locator("#offers tbody tr")).hasCount(1);
            firm.locator("#offers tbody tr button[type=submit]").click();
            assertThat(firm.locator("#request-status")).hasText("已接受报价");
            firm.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/financing-request.png")).setFullPage(true));

            park = signedIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
            park.navigate(base + "financing/funnel");
            assertThat(park.locator("#financing-funnel-chart canvas")).hasCount(1);
            // this request reached the first five stages, no other was posted meanwhile: each of those counts one more
            // stage code, its name on the Chinese page, how many more than before
            String[][] expected = {{"POSTED", "已发布", "1"}, {"ROUTED", "待领取", "1"}, {"CLAIMED", "已领取", "1"},
                    {"OFFERED", "已报价", "1"}, {"ACCEPTED", "已接受报价", "1"}, {"DISBURSED", "已放款", "0"},
                    {"REPAID", "已还款", "0"}};
            var rows = park.locator("#funnel-stages tbody tr");
            for (int i = 0; i < expected.length; i++) {
                String stage = expected[i][0];
                long count = before.getLong("stages.find { it.stage == '" + stage + "' }.count") + Long.parseLong(expected[i][2]);
                assertThat(rows.nth(i).locator("td").nth(0)).hasText(expected[i][1]);
                assertThat(rows.nth(i).locator("td").nth(1)).hasText(Long.toString(count));
            }
        } finally {
            firm.context().close();
            if (officer != null) {
                officer.context().close();
            }
            if (park != null) {
                park.context().close();
            }
        }
    }
}
