package io.parkcredit.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an administrator clicks: sign in, upload a bundle, find the firm, read its credit portrait. */
@QuarkusTest
class ImportAndProfileBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    Page page;

    @BeforeEach
    void signIn() {
        page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)).newPage();
        page.navigate(url("enterprises"));
        assertThat(page).hasURL(url("login"));
        page.locator("input[name=j_username]").fill(Fixtures.ADMIN);
        page.locator("input[name=j_password]").fill(Fixtures.ADMIN_PASSWORD);
        page.locator("form button[type=submit]").click();
        assertThat(page.locator("h1")).hasText("企业列表");
        assertThat(page.locator("#signed-in-user")).containsText("admin");
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void importedFirmShowsItsPortrait() throws IOException {
        String uscc = Fixtures.newUscc();
        String name = "浏览器测试精密制造有限公司" + uscc.substring(12);
        String loanNo = Fixtures.newCode("LN-");
        String eventNo = Fixtures.newCode("EV-");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, name));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + "B001," + loanNo + "," + uscc + ",2000000,2023-01-10,2024-01-10,2024-01-05\n"
                + "B001," + loanNo + "-2," + uscc + ",1500000,2024-03-01,2025-03-01,2025-04-15\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "market," + eventNo + "," + uscc + ",ADMIN_PENALTY,GENERAL,2024-06-18,20000,,未按规定公示年度报告,,\n"
                + "park," + eventNo + "-H," + uscc + ",HONOR,,2023-11-02,,,省级专精特新企业,,\n");
        files.put("financial_statements", "uscc,year,total_assets,total_liabilities,revenue,net_profit,operating_cash_flow\n"
                + uscc + ",2023,52000000,21000000,38000000,3100000,4200000\n"
                + uscc + ",2024,58000000,23500000,45500000,3900000,5100000\n");
        StringBuilder flows = new StringBuilder("txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n");
        java.time.LocalDate month = java.time.LocalDate.now().withDayOfMonth(5);
        for (int i = 0; i < 12; i++) {
            java.time.LocalDate on = month.minusMonths(i);
            flows.append(Fixtures.newCode("T-")).append(',').append(uscc).append(',').append(on).append(",IN,")
                    .append(300000 + i * 10000).append(",,客户").append(i).append('\n');
            flows.append(Fixtures.newCode("T-")).append(',').append(uscc).append(',').append(on).append(",OUT,")
                    .append(210000 + i * 5000).append(",,供应商").append(i).append('\n');
        }
        files.put("transactions", flows.toString());
        files.put("readme.txt", "not a bundle file");
        Path zip = bundle(files);

        page.navigate(url("admin/import"));
        page.locator("#upload-form input[name=file]").setInputFiles(zip);
        page.locator("#upload-form button[type=submit]").click();
        assertThat(page.locator("#import-result .alert")).hasText("导入成功。");
        var enterprisesRow = page.locator("#import-counts tr[data-file=enterprises] td");
        assertThat(enterprisesRow).hasText(new String[] {"enterprises", "1", "1", "0", "0"});
        assertThat(page.locator("#import-counts tr[data-file=transactions] td").nth(2)).hasText("24");
        assertThat(page.locator("#import-result .ignored")).containsText("readme.txt");

        page.locator("nav a[href='/enterprises']").click();
        page.locator("#enterprise-search input[name=q]").fill(uscc.substring(0, 16));
        page.locator("#enterprise-search button[type=submit]").click();
        page.locator("#enterprise-table a", new Page.LocatorOptions().setHasText(name)).click();

        assertThat(page.locator("#enterprise-name")).hasText(name);
        assertThat(page.locator("#loans-table")).containsText(loanNo);
        assertThat(page.locator("#events-table")).containsText("未按规定公示年度报告");
        assertThat(page.locator("#timeline")).containsText("省级专精特新企业");
        assertThat(page.locator("#operations-chart canvas")).hasCount(1);
        assertThat(page.locator("#flows-chart canvas")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/profile-page.png")).setFullPage(true));

        page.locator(".lang-switch a").click();
        assertThat(page.locator("#performance h2")).containsText("Performance");
        assertThat(page.locator("#operations-chart canvas")).hasCount(1);
    }

    @Test
    void invalidBundleShowsTheRowErrors() throws IOException {
        String good = Fixtures.newUscc();
        String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        Path zip = bundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER
                + Fixtures.enterpriseRow(Fixtures.newUscc(), "正常行公司")
                + Fixtures.enterpriseRow(bad, "错误代码公司")));

        page.navigate(url("admin/import"));
        page.locator("#upload-form input[name=file]").setInputFiles(zip);
        page.locator("#upload-form button[type=submit]").click();

        assertThat(page.locator("#import-rejected .alert")).containsText("数据包被拒绝");
        var firstError = page.locator("#import-errors tbody tr").first().locator("td");
        assertThat(firstError.nth(0)).hasText("enterprises.csv");
        assertThat(firstError.nth(1)).hasText("3");
        assertThat(firstError.nth(2)).hasText("uscc");
        assertThat(page.locator("#import-rejected")).containsText("共 1 处错误");
        assertThat(page.locator("#import-result")).hasCount(0);
    }

    @Test
    void wrongPasswordStaysOnTheLoginPageWithAMessage() {
        Page anonymous = browser.newContext().newPage();
        try {
            anonymous.navigate(url("login"));
            anonymous.locator("input[name=j_username]").fill(Fixtures.ADMIN);
            anonymous.locator("input[name=j_password]").fill("not-the-password");
            anonymous.locator("form button[type=submit]").click();
            assertThat(anonymous).hasURL(url("login?error=true"));
            assertThat(anonymous.locator(".alert-error")).hasText("用户名或密码错误，请重试。");
        } finally {
            anonymous.context().close();
        }
    }

    private String url(String path) {
        return base.toString() + path;
    }

    private static Path bundle(Map<String, String> files) throws IOException {
        Path zip = Files.createTempFile("parkcredit-browser-", ".zip");
        zip.toFile().deleteOnExit();
        Files.write(zip, Fixtures.zip(files));
        return zip;
    }
}
