package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a firm and the park click for a credit repair (DOMAIN.md §8.3): the firm sees its GENERAL
 * record with its windows, signs a repair commitment, applies with its proof; the park approves it
 * from its queue; the firm then sees the record repaired and the correction notice.
 */
@QuarkusTest
class CreditRepairBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aFirmAppliesForRepairAndTheParkApprovesIt() {
        LocalDate today = FinancingFixtures.today();
        LocalDate occurred = today.minusMonths(4);
        Firm firm = FinancingFixtures.firm("浏览器修复" + Fixtures.newCode("") + "有限公司");
        String eventNo = Fixtures.newCode("BR-");
        String ref = "SAMR/" + eventNo;
        Fixtures.asAdmin().contentType("application/json").body(Map.of("source", "SAMR", "eventNo", eventNo,
                "uscc", firm.uscc(), "type", "ADMIN_PENALTY", "severity", "GENERAL", "occurredOn", occurred.toString(),
                "title", "未按规定设置安全警示标志")).post("/api/credit-events").then().statusCode(201);

        try (BrowserContext firmContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
                BrowserContext parkContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900))) {
            Page page = firmContext.newPage();
            signIn(page, firm.user(), "password-" + firm.user());
            page.locator("nav.nav a[href='/credit']").click();
            String row = "#records-table tr[data-ref='" + ref + "']";
            assertThat(page.locator(row)).containsText("未按规定设置安全警示标志");
            assertThat(page.locator(row + " td").nth(2)).hasText(occurred.toString());
            assertThat(page.locator(row + " td").nth(3)).hasText(occurred.plusMonths(12).toString());
            assertThat(page.locator(row + " td").nth(4)).hasText(occurred.plusMonths(3).plusDays(1).toString());
            assertThat(page.locator(row)).containsText("先签署修复承诺");

            // the firm signs its repair commitment, then applies with its proof
            page.locator("#commitment-form select[name=kind]").selectOption("REPAIR");
            page.locator("#commitment-form input[name=matter]").fill("安全警示标志整改修复承诺");
            page.locator("#commitment-form input[name=text]").fill("本企业承诺已完成整改并将持续合规经营。");
            page.locator("#commitment-form button[type=submit]").click();
            assertThat(page.locator("#commitments-table")).containsText("安全警示标志整改修复承诺");
            page.locator(row + " textarea[name=evidence]").fill("罚款缴纳凭证 2025-001\n整改验收报告");
            // with the scanned receipt as a file
            byte[] receipt = "%PDF-1.4\n% 罚款缴纳凭证\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            page.locator(row + " input[type=file][name=files]").setInputFiles(
                    new com.microsoft.playwright.options.FilePayload("缴款凭证.pdf", "application/pdf", receipt));
            page.locator(row + " form.repair-form button[type=submit]").click();
            assertThat(page.locator("#repairs-table .repair-status").first()).hasText("已提交");
            assertThat(page.locator("#repairs-table a.attachment").first()).hasText("缴款凭证.pdf");
            assertThat(page.locator(row)).containsText("已有修复申请在办理中");

            // the park approves it from its queue
            Page park = parkContext.newPage();
            signIn(park, Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
            park.navigate(base + "credit");
            String queued = "#repairs-table tr:has-text('" + ref + "')";
            assertThat(park.locator(queued)).containsText("罚款缴纳凭证 2025-001");
            // the park opens the file the firm attached
            com.microsoft.playwright.Download download = park.waitForDownload(
                    () -> park.locator(queued + " a.attachment").click());
            org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("缴款凭证.pdf");
            try (java.io.InputStream in = download.createReadStream()) {
                org.assertj.core.api.Assertions.assertThat(in.readAllBytes()).isEqualTo(receipt);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            park.locator(queued + " input[name=reason]").fill("罚款已缴清，整改已验收");
            park.locator(queued + " button[value=APPROVED]").click();
            assertThat(park.locator(queued)).hasCount(0);
            assertThat(park.locator("#corrections-table")).containsText(ref);

            // the firm sees the record repaired today and the correction notice
            page.reload();
            assertThat(page.locator("#repairs-table .repair-status").first()).hasText("已批准");
            assertThat(page.locator(row)).containsText("已修复（" + today + "）");
            assertThat(page.locator("#corrections-table")).containsText(ref);
        }
    }

    private void signIn(Page page, String user, String password) {
        page.navigate(base + "login");
        page.locator("input[name=j_username]").fill(user);
        page.locator("input[name=j_password]").fill(password);
        page.locator("form button[type=submit]").click();
        page.waitForURL("**/enterprises**");
    }
}
