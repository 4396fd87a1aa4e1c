package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The bank officer's workbench in the browser (README, "Workbench"): the officer filters the queue
 * to EXCELLENT requests of RED sellers above 500,000, claims one and sees the headroom of the other
 * shrink, makes two offers; the firm sees the cheapest offer marked.
 */
@QuarkusTest
class WorkbenchBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource ds;

    private Page signedIn(String user, String password) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000)).newPage();
        page.navigate(base + "financing");
        page.locator("input[name=j_username]").fill(user);
        page.locator("input[name=j_password]").fill(password);
        page.locator("form button[type=submit]").click();
        return page;
    }

    /** An EXCELLENT request: posted on steady large flows, confirmed by the debtor, routed to the banks. */
    private static long excellent(Firm seller, Firm debtor, double amount, double requested) {
        long id = FinancingFixtures.post(seller, FinancingFixtures.receivable(debtor.uscc(), Fixtures.newCode("WB"), amount,
                requested, 90)).getLong("id");
        Fixtures.asUser(debtor.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then()
                .statusCode(200);
        return id;
    }

    @Test
    void anOfficerFiltersClaimsWithinTheLimitAndOffersTheFirmSeesTheCheapestOffer() {
        Firm red = FinancingFixtures.firm("工作台红名单卖方");
        Firm plain = FinancingFixtures.firm("工作台未列入卖方");
        Firm debtor = FinancingFixtures.firm("工作台买方");
        FinancingFixtures.flows(red.uscc(), debtor.uscc(), FinancingFixtures.months(1_000_000),
                FinancingFixtures.months(1_000_000));
        FinancingFixtures.flows(plain.uscc(), debtor.uscc(), FinancingFixtures.months(1_000_000),
                FinancingFixtures.months(1_000_000));
        FinancingFixtures.publishLists(ds, Map.of(red.uscc(), "RED"));
        Inst bank = FinancingFixtures.institution("BANK");
        FinancingFixtures.publish(bank, FinancingFixtures.product("BANK", List.of("EXCELLENT", "MIXED")));
        Fixtures.asUser(bank.user()).contentType("application/json")
                .body(Map.of("kind", "TOTAL", "subject", "", "amount", 2_000_000, "reason", "年度总额度"))
                .post("/api/financing/limits").then().statusCode(200);
        long big = excellent(red, debtor, 800_000, 600_000);
        long bigger = excellent(red, debtor, 900_000, 700_000);
        long small = excellent(red, debtor, 400_000, 300_000);
        long other = excellent(plain, debtor, 900_000, 650_000);

        Page officer = signedIn(bank.user(), "password-" + bank.user());
        Page firm = null;
        try {
            officer.navigate(base + "financing");
            officer.locator("#queue-link").click();
            Locator rows = officer.locator("#decision-queue tbody tr[data-id]");
            assertThat(rows).hasCount(4);
            officer.locator("#queue-filter select[name=grade]").selectOption("EXCELLENT");
            officer.locator("#queue-filter select[name=sellerList]").selectOption("RED");
            officer.locator("#queue-filter input[name=minRequested]").fill("500000");
            officer.locator("#queue-filter select[name=sort]").selectOption("REQUESTED");
            officer.locator("#queue-filter button[type=submit]").click();
            // the largest request first; the small one and the unlisted seller's are filtered out
            assertThat(rows).hasCount(2);
            assertThat(rows.nth(0)).hasAttribute("data-id", Long.toString(bigger));
            assertThat(rows.nth(1)).hasAttribute("data-id", Long.toString(big));
            assertThat(rows.nth(0).locator("td").nth(1)).containsText("工作台红名单卖方");
            assertThat(rows.nth(0).locator("td").nth(2)).containsText("红名单");
            assertThat(rows.nth(1).locator(".headroom")).containsText("2,000,000.00");

            // claiming 600,000 of the 2,000,000 leaves 1,400,000 for the other request, the filter kept
            officer.locator("#decision-queue tr[data-id='" + big + "'] button.claim").click();
            assertThat(rows).hasCount(1);
            assertThat(rows.nth(0)).hasAttribute("data-id", Long.toString(bigger));
            assertThat(rows.nth(0).locator(".headroom")).containsText("1,400,000.00");
            assertThat(officer.locator("#queue-filter select[name=sellerList]")).hasValue("RED");
            officer.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/workbench-queue.png")).setFullPage(true));

            // two alternative offers on the claimed request
            officer.navigate(base + "financing/" + big);
            assertThat(officer.locator("#request-status")).hasText("已领取");
            officer.locator("#offer-form input[name=amount]").fill("600000");
            officer.locator("#offer-form input[name=rate]").fill("4.35");
            officer.locator("#offer-form button[type=submit]").click();
            assertThat(officer.locator("#request-status")).hasText("已报价");
            officer.locator("#offer-form input[name=amount]").fill("500000");
            officer.locator("#offer-form input[name=rate]").fill("4.20");
            officer.locator("#offer-form button[type=submit]").click();
            assertThat(officer.locator("#offers tbody tr")).hasCount(2);

            // the firm: 600,000 @ 4.35% for 90 days costs 6,435.62 (4.3500% a year), 500,000 @ 4.20% costs 5,178.08 (4.2000%)
            firm = signedIn(red.user(), "password-" + red.user());
            firm.navigate(base + "financing/" + big);
            Locator costs = firm.locator("#offer-costs tbody tr");
            assertThat(costs).hasCount(2);
            assertThat(costs.nth(0).locator("td").nth(3)).hasText("6,435.62");
            assertThat(costs.nth(1).locator("td").nth(3)).hasText("5,178.08");
            assertThat(costs.nth(1)).hasClass("cheapest");
            assertThat(costs.nth(1).locator("#cheapest-offer")).hasText("成本最低");
            assertThat(firm.locator("#offer-costs #cheapest-offer")).hasCount(1);
            firm.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/workbench-offers.png")).setFullPage(true));
        } finally {
            officer.context().close();
            if (firm != null) {
                firm.context().close();
            }
        }
        // the unused requests stay in the queue
        Fixtures.asUser(bank.user()).get("/api/financing/queue").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItems((int) bigger, (int) small, (int) other));
    }
}
