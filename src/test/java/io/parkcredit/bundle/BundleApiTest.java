package io.parkcredit.bundle;

import static io.parkcredit.testing.Fixtures.ENTERPRISES_HEADER;
import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.enterpriseRow;
import static io.parkcredit.testing.Fixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/** Data bundle import through the API (DOMAIN.md §3, API.md). */
@QuarkusTest
class BundleApiTest {

    /** A complete bundle (all six files) for one new firm with one row in each child file. */
    static Map<String, String> fullBundle(String uscc, String bank, String tag) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + bank + ",测试银行" + tag + ",BANK\n");
        files.put("enterprises", ENTERPRISES_HEADER + enterpriseRow(uscc, "全量公司" + tag));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + ",L-" + tag + "," + uscc + ",\"1,000,000.00\",2024/1/15,20250115,\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR,E-" + tag + "," + uscc + ",ADMIN_PENALTY,GENERAL,2025年3月2日,5000,,环保处罚" + tag + ",详情,\n"
                + "TAX,G-" + tag + "," + uscc + ",TAX_CREDIT_GRADE,,2025-04-01,,A,纳税信用A级,,\n");
        files.put("financial_statements", "uscc,year,total_assets,total_liabilities,revenue,net_profit,equity\n"
                + uscc + ",2025,1000000,400000,800000.5,-1200.25,600000\n");
        files.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "T-" + tag + "-1," + uscc + ",2025-06-30T10:00:00,IN,1234.5,,客户甲\n"
                + "T-" + tag + "-2," + uscc + ",2025.7.1,OUT,99,,供应商乙\n");
        return files;
    }

    @Test
    void importsEveryFileAndStoresNormalisedValues() {
        String uscc = Fixtures.newUscc();
        String bank = Fixtures.newCode("B");
        String tag = Fixtures.newCode("");
        asAdmin().contentType("application/zip").body(zip(fullBundle(uscc, bank, tag))).post("/api/bundles")
                .then().statusCode(200)
                .body("imported.institutions", is(1)).body("imported.enterprises", is(1)).body("imported.loans", is(1))
                .body("imported.creditEvents", is(2)).body("imported.financialStatements", is(1))
                .body("imported.transactions", is(2)).body("dryRun", is(false))
                .body("changes.loans.inserted", is(1));

        asAdmin().get("/api/enterprises/" + uscc + "/loans").then().statusCode(200)
                .body("[0].loanNo", equalTo("L-" + tag)).body("[0].principal", equalTo(1000000.0f))
                .body("[0].startDate", equalTo("2024-01-15")).body("[0].dueDate", equalTo("2025-01-15"))
                .body("[0].lenderCode", equalTo(bank));
        asAdmin().get("/api/enterprises/" + uscc + "/credit-events").then().statusCode(200)
                .body("eventNo", hasItem("E-" + tag))
                .body("find { it.eventNo == 'E-" + tag + "' }.occurredOn", equalTo("2025-03-02"))
                .body("find { it.eventNo == 'G-" + tag + "' }.grade", equalTo("A"));
        asAdmin().get("/api/enterprises/" + uscc + "/statements").then().statusCode(200)
                .body("[0].year", is(2025)).body("[0].netProfit", equalTo(-1200.25f)).body("[0].revenue", equalTo(800000.5f));
    }

    @Test
    void reimportingTheSameBundleChangesNothingAndAChangedRowIsUpdated() {
        String uscc = Fixtures.newUscc();
        Map<String, String> bundle = fullBundle(uscc, Fixtures.newCode("B"), Fixtures.newCode(""));
        asAdmin().contentType("application/zip").body(zip(bundle)).post("/api/bundles").then().statusCode(200);
        JsonPath again = asAdmin().contentType("application/zip").body(zip(bundle)).post("/api/bundles")
                .then().statusCode(200).extract().jsonPath();
        for (String file : List.of("institutions", "enterprises", "loans", "creditEvents", "financialStatements", "transactions")) {
            assertThat(again.getInt("changes." + file + ".inserted")).as(file).isZero();
            assertThat(again.getInt("changes." + file + ".updated")).as(file).isZero();
        }
        Map<String, String> renamed = Map.of("enterprises", ENTERPRISES_HEADER + enterpriseRow(uscc, "改名后的公司"));
        asAdmin().contentType("application/zip").body(zip(renamed)).post("/api/bundles").then().statusCode(200)
                .body("changes.enterprises.updated", is(1));
        asAdmin().get("/api/enterprises/" + uscc).then().body("name", equalTo("改名后的公司"));
    }

    @Test
    void columnsLeftOutOfAFileKeepTheirStoredValues() {
        String uscc = Fixtures.newEnterprise("部分列公司");
        Map<String, String> partial = Map.of("enterprises", "uscc,name,employees\n" + uscc + ",部分列公司,999\n");
        asAdmin().contentType("application/zip").body(zip(partial)).post("/api/bundles").then().statusCode(200);
        asAdmin().get("/api/enterprises/" + uscc).then().body("employees", is(999))
                .body("contactMobile", equalTo("13800138000")).body("industryCode", equalTo("C3110"));
    }

    @Test
    void oneBadRowRejectsTheWholeBundleAndEveryErrorIsReported() {
        String good = Fixtures.newUscc();
        String unknown = Fixtures.newUscc();
        String badCheck = good.substring(0, 17) + (good.charAt(17) == 'A' ? 'B' : 'A');
        Map<String, String> files = new LinkedHashMap<>();
        files.put("enterprises", ENTERPRISES_HEADER + enterpriseRow(good, "好公司")
                + badCheck + ",坏代码公司,2015-03-01,C3110,1,1,ACTIVE,王,13800138000,true,,0,0\n"
                + Fixtures.newUscc() + ",坏日期公司,2023-02-30,C3110,1,1,ACTIVE,王,13800138000,true,,0,0\n");
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + "B1,LX1," + good + ",100,2024-01-01,2023-01-01,\n"
                + "B1,LX2," + unknown + ",100,2024-01-01,2025-01-01,\n"
                + "B1,LX3," + good + ",1.234,2024-01-01,2025-01-01,\n");
        files.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "TX-dup," + good + ",2025-01-01,IN,10,,\n"
                + "TX-dup," + good + ",2025-01-02,IN,10,,\n");
        JsonPath problem = asAdmin().contentType("application/zip").body(zip(files)).post("/api/bundles")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", is(422)).body("title", containsString("Bundle rejected"))
                .extract().jsonPath();
        List<Map<String, Object>> errors = problem.getList("errors");
        assertThat(errors).extracting(e -> e.get("file") + ":" + e.get("line") + ":" + e.get("column"))
                .contains("enterprises.csv:3:uscc", "enterprises.csv:4:registered_on",
                        "loans.csv:2:due_date", "loans.csv:4:principal");
        assertThat(errors.stream().filter(e -> "enterprises.csv".equals(e.get("file")) && e.get("line").equals(3)).findFirst()
                .orElseThrow().get("message").toString()).contains("position 18");
        asAdmin().get("/api/enterprises/" + good).then().statusCode(404);

        // the unknown firm and the duplicate key are found once each row is valid on its own
        Map<String, String> second = new LinkedHashMap<>();
        second.put("enterprises", ENTERPRISES_HEADER + enterpriseRow(good, "好公司"));
        second.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + "B1,LX2-" + good + "," + unknown + ",100,2024-01-01,2025-01-01,\n");
        second.put("transactions", files.get("transactions"));
        JsonPath p2 = asAdmin().contentType("application/zip").body(zip(second)).post("/api/bundles")
                .then().statusCode(422).extract().jsonPath();
        assertThat(p2.getList("errors", Map.class)).extracting(e -> e.get("file") + ":" + e.get("line") + ":" + e.get("column"))
                .containsExactlyInAnyOrder("loans.csv:2:uscc", "transactions.csv:3:txn_id");
        asAdmin().get("/api/enterprises/" + good).then().statusCode(404);
    }

    @Test
    void headerProblemsAreReportedOnLineOne() {
        Map<String, String> files = Map.of("loans", "lender_code,loan_no,uscc,principle,start_date,due_date\n");
        asAdmin().contentType("application/zip").body(zip(files)).post("/api/bundles").then().statusCode(422)
                .body("errors.column", hasItem("principle")).body("errors.column", hasItem("principal"))
                .body("errors.line", hasItem(1));
    }

    @Test
    void dryRunChecksEverythingAndWritesNothing() {
        String uscc = Fixtures.newUscc();
        asAdmin().contentType("application/zip").queryParam("dryRun", true)
                .body(zip(fullBundle(uscc, Fixtures.newCode("B"), Fixtures.newCode(""))))
                .post("/api/bundles").then().statusCode(200).body("dryRun", is(true)).body("imported.enterprises", is(1));
        asAdmin().get("/api/enterprises/" + uscc).then().statusCode(404);
    }

    @Test
    void notAZipIsAClearError() {
        asAdmin().contentType("application/zip").body("hello".getBytes()).post("/api/bundles").then().statusCode(422)
                .body("errors[0].message", containsString("not a zip"));
    }

    @Test
    void anXlsxWorkbookImportsLikeTheCsvFiles() throws IOException {
        String uscc = Fixtures.newUscc();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "ParkCredit", "1.0");
        Worksheet ent = wb.newWorksheet("enterprises");
        String[] header = ENTERPRISES_HEADER.strip().split(",");
        for (int c = 0; c < header.length; c++) {
            ent.value(0, c, header[c]);
        }
        ent.value(1, 0, uscc);
        ent.value(1, 1, "表格公司");
        ent.value(1, 2, LocalDate.of(2016, 8, 9)); // a real date cell
        ent.style(1, 2).format("yyyy-mm-dd").set();
        ent.value(1, 3, "C3412");
        ent.value(1, 4, 2500000.5); // a number cell
        ent.value(1, 5, 88);
        ent.value(1, 6, "ACTIVE");
        ent.value(1, 9, true);
        Worksheet loans = wb.newWorksheet("loans");
        String[] lh = {"lender_code", "loan_no", "uscc", "principal", "start_date", "due_date", "settled_on"};
        for (int c = 0; c < lh.length; c++) {
            loans.value(0, c, lh[c]);
        }
        loans.value(1, 0, "B9");
        loans.value(1, 1, 20250001); // a loan number typed as a number
        loans.value(1, 2, uscc);
        loans.value(1, 3, 300000);
        loans.value(1, 4, "2024/3/1");
        loans.value(1, 5, LocalDate.of(2025, 3, 1));
        loans.style(1, 5).format("yyyy-mm-dd").set();
        wb.newWorksheet("notes").value(0, 0, "说明页");
        wb.finish();

        asAdmin().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(bytes.toByteArray())
                .post("/api/bundles").then().statusCode(200)
                .body("imported.enterprises", is(1)).body("imported.loans", is(1))
                .body("ignored", hasItem(containsString("notes")));
        asAdmin().get("/api/enterprises/" + uscc).then().body("registeredOn", equalTo("2016-08-09"))
                .body("registeredCapital", equalTo(2500000.5f)).body("employees", is(88)).body("inPark", is(true));
        asAdmin().get("/api/enterprises/" + uscc + "/loans").then().body("[0].loanNo", equalTo("20250001"))
                .body("[0].dueDate", equalTo("2025-03-01")).body("[0].startDate", equalTo("2024-03-01"));

        // the same workbook inside a zip is read the same way: nothing new to write
        asAdmin().contentType("application/zip").body(Fixtures.zipBytes(Map.of("park.xlsx", bytes.toByteArray())))
                .post("/api/bundles").then().statusCode(200)
                .body("changes.enterprises.unchanged", is(1)).body("changes.loans.unchanged", is(1));
    }

    @Test
    void onlyAdminImportsAndExports() {
        String firm = Fixtures.newEnterprise("权限公司");
        for (String role : List.of("REGULATOR", "EVALUATOR", "INVESTMENT")) {
            String user = Fixtures.newUser(role, null, null);
            Fixtures.asUser(user).contentType("application/zip").body(zip(Map.of())).post("/api/bundles").then().statusCode(403);
            Fixtures.asUser(user).get("/api/bundles/export").then().statusCode(403);
        }
        String ent = Fixtures.newUser("ENTERPRISE", firm, null);
        Fixtures.asUser(ent).contentType("application/zip").body(zip(Map.of())).post("/api/bundles").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anImportIsAudited() {
        Fixtures.newEnterprise("审计公司");
        asAdmin().get("/api/audit?targetType=bundle&size=5").then().statusCode(200)
                .body("items[0].action", equalTo("BUNDLE_IMPORTED")).body("items[0].actor", equalTo("admin"))
                .body("items[0].detail", containsString("enterprises: 1 rows"));
    }

    @Test
    void aBundleWithTheFilesInAFolderIsReadToo() {
        String uscc = Fixtures.newUscc();
        asAdmin().contentType("application/zip")
                .body(zip(Map.of("park-2025/enterprises.csv", "\uFEFF" + ENTERPRISES_HEADER + enterpriseRow(uscc, "文件夹公司"),
                        "park-2025/README.txt", "说明")))
                .post("/api/bundles").then().statusCode(200).body("imported.enterprises", is(1))
                .body("ignored", hasSize(1));
        asAdmin().get("/api/enterprises/" + uscc).then().statusCode(200);
    }
}
