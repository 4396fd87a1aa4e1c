package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.months;
import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Posting, grading from stored flows, refusals and regrading through the API (API.md, DOMAIN.md §7). */
@QuarkusTest
class FinancingApiTest {

    @Inject
    DataSource ds;

    long count(String seller) {
        return ((Number) FinancingFixtures.rows(ds, "select count(*) from financing_requests where seller_uscc = ?", seller)
                .get(0)[0]).longValue();
    }

    @Test
    void aPostedReceivableIsGradedFromTheSellersFlowsWithEveryFactorAndRouted() {
        Firm seller = FinancingFixtures.firm("流水稳定公司");
        Firm debtor = FinancingFixtures.firm("大客户公司");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.guarantor();

        JsonPath r = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("INV"), 150_000, 120_000, 90));
        assertThat(r.getLong("id")).isPositive();
        assertThat(r.getString("grade")).isEqualTo("MIXED");
        assertThat(r.getInt("score")).isEqualTo(60);
        assertThat(r.getString("route")).isEqualTo("GUARANTORS");
        assertThat(r.getString("status")).isEqualTo("ROUTED");
        assertThat(r.getList("factors.code")).containsExactly("DEBTOR_CONFIRMED", "DEBTOR_FLOW_MONTHS",
                "AMOUNT_TO_DEBTOR_INFLOW", "INFLOW_STABILITY", "DEBTOR_STANDING");
        assertThat(r.getList("factors.points", Integer.class)).containsExactly(0, 25, 20, 15, 0);
        assertThat(r.getString("factors[1].detail")).contains("12个月");
        assertThat(r.getList("routedTo", String.class)).contains(guarantor.code());
        Fixtures.asAdmin().get("/api/audit?targetType=financing_request&targetKey=" + r.getLong("id")).then()
                .body("items.action", hasItem("FINANCING_POSTED"));
    }

    @Test
    void flowsOutsideTheTwelveMonthsAndOutFlowsDoNotCount() {
        Firm seller = FinancingFixtures.firm("新近回款公司");
        Firm debtor = FinancingFixtures.firm("新客户公司");
        double[] fromDebtor = new double[12];
        fromDebtor[11] = 90_000; // last month only: 1 month → 5; 3-month mean 30,000 → 100,000 is 3.3× → 10
        FinancingFixtures.flows(seller.uscc(), debtor.uscc(), fromDebtor, new double[12]);
        // a flow in the grading month itself is excluded
        LocalDate thisMonth = FinancingFixtures.today().withDayOfMonth(1);
        Fixtures.importBundle(Map.of("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + Fixtures.newCode("FT") + "," + seller.uscc() + "," + thisMonth + ",IN,5000000," + debtor.uscc() + ",x\n"));
        JsonPath r = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("INV"), 100_000, 100_000, 60));
        assertThat(r.getList("factors.points", Integer.class)).containsExactly(0, 5, 10, 0, 0);
        assertThat(r.getString("grade")).isEqualTo("POOR");
        assertThat(r.getString("route")).isEqualTo("NONE");
        assertThat(r.getString("status")).isEqualTo("REVIEW");
    }

    @Test
    void inputErrorsAre422WithTheFieldAndStoreNothing() {
        Firm seller = FinancingFixtures.firm("输入错误公司");
        Firm debtor = FinancingFixtures.firm("输入错误客户");
        Map<String, Object> due = receivable(debtor.uscc(), "E1", 1000, 1000, 30);
        due.put("dueDate", FinancingFixtures.today().minusDays(1).toString());
        Map<String, Object> term = receivable(debtor.uscc(), "E2", 1000, 1000, 361);
        Map<String, Object> over = receivable(debtor.uscc(), "E3", 1000, 1000.01, 30);
        Map<String, Object> self = receivable(seller.uscc(), "E4", 1000, 1000, 30);
        Map<String, Object> badDate = receivable(debtor.uscc(), "E5", 1000, 1000, 30);
        badDate.put("invoiceDate", "not-a-date");
        for (var c : List.of(Map.entry("dueDate", due), Map.entry("termDays", term), Map.entry("requestedAmount", over),
                Map.entry("debtorUscc", self), Map.entry("invoiceDate", badDate))) {
            Fixtures.asUser(seller.user()).contentType("application/json").body(c.getValue())
                    .post("/api/financing-requests").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.field", hasItem(c.getKey()));
        }
        assertThat(count(seller.uscc())).isZero();
    }

    @Test
    void aDuplicateReceivableIs409AndNotStoredUntilTheFirstIsWithdrawn() {
        Firm seller = FinancingFixtures.firm("重复申请公司");
        Firm other = FinancingFixtures.firm("另一卖方公司");
        Firm debtor = FinancingFixtures.firm("重复客户");
        String invoice = Fixtures.newCode("DUP");
        long first = FinancingFixtures.post(seller, receivable(debtor.uscc(), invoice, 1000, 1000, 30)).getLong("id");
        // the same receivable is debtor + invoice number, whoever posts it, in any letter case
        Fixtures.asUser(other.user()).contentType("application/json")
                .body(receivable(debtor.uscc(), invoice.toLowerCase(), 1000, 500, 30)).post("/api/financing-requests")
                .then().statusCode(409).contentType("application/problem+json").body("detail", org.hamcrest.Matchers
                        .containsString(invoice));
        assertThat(count(other.uscc())).isZero();
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("reason", "改走其他渠道"))
                .post("/api/financing-requests/" + first + "/withdrawal").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        FinancingFixtures.post(other, receivable(debtor.uscc(), invoice, 1000, 1000, 30));
    }

    @Test
    void yellowSellersAndDebtorsAreRejectedAndStoredWithTheReason() {
        Firm yellowSeller = FinancingFixtures.firm("黄名单卖方");
        Firm seller = FinancingFixtures.firm("正常卖方");
        Firm yellowDebtor = FinancingFixtures.firm("黄名单债务人");
        Firm debtor = FinancingFixtures.firm("正常债务人");
        FinancingFixtures.publishLists(ds, Map.of(yellowSeller.uscc(), "YELLOW", yellowDebtor.uscc(), "YELLOW",
                seller.uscc(), "WHITE", debtor.uscc(), "NONE"));
        for (var c : List.of(Map.entry(yellowSeller, debtor), Map.entry(seller, yellowDebtor))) {
            JsonPath r = FinancingFixtures.post(c.getKey(), receivable(c.getValue().uscc(), Fixtures.newCode("Y"), 1000, 1000, 30));
            assertThat(r.getString("grade")).isEqualTo("REJECTED");
            assertThat(r.getString("route")).isEqualTo("NONE");
            assertThat(r.getString("status")).isEqualTo("REJECTED");
            assertThat(r.getString("reason")).contains("黄名单").contains(c.getKey() == yellowSeller ? "卖方" : "债务人");
            assertThat(count(c.getKey().uscc())).isEqualTo(1);
        }
    }

    @Test
    void aRedDebtorOrOneRatedAaOrBetterOnTheDayEarnsTen() {
        Firm seller = FinancingFixtures.firm("信用加分卖方");
        Firm red = FinancingFixtures.firm("红名单债务人");
        Firm aa = FinancingFixtures.firm("AA债务人");
        Firm a = FinancingFixtures.firm("A债务人");
        Firm revoked = FinancingFixtures.firm("撤销评级债务人");
        Firm expired = FinancingFixtures.firm("过期评级债务人");
        LocalDate today = FinancingFixtures.today();
        FinancingFixtures.publishLists(ds, Map.of(red.uscc(), "RED"));
        FinancingFixtures.rating(ds, aa.uscc(), "AA", today.minusYears(1), today.plusYears(2), null);
        FinancingFixtures.rating(ds, a.uscc(), "A", today.minusYears(1), today.plusYears(2), null);
        FinancingFixtures.rating(ds, revoked.uscc(), "AAA", today.minusYears(1), today.plusYears(2), today.minusDays(3));
        FinancingFixtures.rating(ds, expired.uscc(), "AAA", today.minusYears(4), today.minusDays(1), null);
        for (var c : List.of(Map.entry(red, 10), Map.entry(aa, 10), Map.entry(a, 0), Map.entry(revoked, 0),
                Map.entry(expired, 0))) {
            JsonPath r = FinancingFixtures.post(seller, receivable(c.getKey().uscc(), Fixtures.newCode("S"), 1000, 1000, 30));
            assertThat(r.getInt("factors.find { it.code == 'DEBTOR_STANDING' }.points")).as(c.getKey().uscc())
                    .isEqualTo(c.getValue());
        }
    }

    @Test
    void theDebtorsConfirmationRegradesAndReroutes() {
        Firm seller = FinancingFixtures.firm("待确认卖方");
        Firm debtor = FinancingFixtures.firm("确认债务人");
        Firm stranger = FinancingFixtures.firm("无关企业");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("C"), 150_000, 150_000, 90))
                .getLong("id");
        Fixtures.asUser(stranger.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then().statusCode(403);
        Fixtures.asUser(seller.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then().statusCode(403);
        Fixtures.asUser(debtor.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then().statusCode(200)
                .body("debtorConfirmed", is(true)).body("score", is(90)).body("grade", equalTo("EXCELLENT"))
                .body("route", equalTo("BANKS")).body("factors[0].points", is(30));
        Fixtures.asAdmin().post("/api/financing-requests/" + id + "/debtor-confirmation").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("already confirmed"));
        Fixtures.asUser(bank.user()).get("/api/financing-requests?status=ROUTED&size=500").then().statusCode(200)
                .body("items.id", hasItem((int) id));
    }

    @Test
    void anInstitutionsQueueIsPagedNewestFirstWithItsTotal() {
        Firm seller = FinancingFixtures.firm("分页卖方");
        Firm debtor = FinancingFixtures.firm("分页客户");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.institution("GUARANTOR");
        FinancingFixtures.publish(guarantor, FinancingFixtures.product("GUARANTOR", List.of("MIXED")));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonPath r = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("PG"), 150_000, 150_000, 90));
            assertThat(r.getString("route")).isEqualTo("GUARANTORS");
            ids.add(0, r.getLong("id"));
        }
        // each page shape (size, offset) is its own statement: pages 0..3 of size 2, and one page of 10
        for (int page = 0; page <= 3; page++) {
            JsonPath p = Fixtures.asUser(guarantor.user())
                    .get("/api/financing-requests?status=ROUTED&size=2&page=" + page).then().statusCode(200).extract().jsonPath();
            assertThat(p.getList("items.id", Long.class)).as("page " + page)
                    .isEqualTo(ids.subList(Math.min(2 * page, 5), Math.min(2 * page + 2, 5)));
            assertThat(p.getLong("total")).as("total on page " + page).isEqualTo(5);
            assertThat(p.getInt("page")).isEqualTo(page);
            assertThat(p.getInt("size")).isEqualTo(2);
        }
        assertThat(Fixtures.asUser(guarantor.user()).get("/api/financing-requests?status=ROUTED&size=10").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class)).isEqualTo(ids);
        Fixtures.asUser(guarantor.user()).get("/api/financing-requests?status=ROUTED&size=2&page=1073741824").then()
                .statusCode(422).body("errors[0].field", equalTo("page"));
    }

    @Test
    void routingSendsARequestOnlyToInstitutionsWhoseProductsMatch() {
        Firm seller = FinancingFixtures.firm("路由测试卖方", "C3562");
        Firm debtor = FinancingFixtures.firm("路由测试客户");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        FinancingFixtures.publishLists(ds, Map.of(seller.uscc(), "WHITE"));
        Map<String, Map<String, Object>> products = new java.util.LinkedHashMap<>();
        products.put("match", Map.of());
        products.put("prefixIndustry", Map.of("industries", List.of("C35")));
        products.put("whiteList", Map.of("lists", List.of("WHITE")));
        products.put("amountTooSmall", Map.of("maxAmount", 99_999));
        products.put("amountTooLarge", Map.of("minAmount", 120_001));
        products.put("termTooLong", Map.of("maxTermDays", 89));
        products.put("gradeNotEligible", Map.of("grades", List.of("EXCELLENT")));
        products.put("listNotEligible", Map.of("lists", List.of("RED")));
        products.put("otherIndustry", Map.of("industries", List.of("F51")));
        Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (var p : products.entrySet()) {
            Inst g = FinancingFixtures.institution("GUARANTOR");
            Map<String, Object> body = FinancingFixtures.product("GUARANTOR", List.of("MIXED"));
            body.putAll(p.getValue());
            FinancingFixtures.publish(g, body);
            codes.put(p.getKey(), g.code());
        }
        Inst inactive = FinancingFixtures.institution("GUARANTOR");
        long pid = FinancingFixtures.publish(inactive, FinancingFixtures.product("GUARANTOR", List.of("MIXED")));
        Fixtures.asUser(inactive.user()).post("/api/products/" + pid + "/deactivation").then().statusCode(200)
                .body("active", is(false));
        Inst bank = FinancingFixtures.bank(); // banks are not on a MIXED request's first leg

        JsonPath r = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("R"), 150_000, 120_000, 90));
        assertThat(r.getString("route")).isEqualTo("GUARANTORS");
        List<String> routed = r.getList("routedTo", String.class);
        assertThat(routed).contains(codes.get("match"), codes.get("prefixIndustry"), codes.get("whiteList"));
        assertThat(routed).doesNotContain(codes.get("amountTooSmall"), codes.get("amountTooLarge"),
                codes.get("termTooLong"), codes.get("gradeNotEligible"), codes.get("listNotEligible"),
                codes.get("otherIndustry"), inactive.code(), bank.code());
        List<Object[]> stored = FinancingFixtures.rows(ds,
                "select institution_code, leg from financing_routes where request_id = ?", r.getLong("id"));
        assertThat(stored).extracting(x -> (String) x[0]).containsExactlyInAnyOrderElementsOf(routed);
        assertThat(stored).extracting(x -> (String) x[1]).containsOnly("GUARANTORS");
        Fixtures.asUser(inactive.user()).get("/api/financing-requests/" + r.getLong("id")).then().statusCode(403);
    }

    @Test
    void productsAreCheckedAndBelongToTheCallersInstitution() {
        Inst bank = FinancingFixtures.institution("BANK");
        Map<String, Object> bad = FinancingFixtures.product("BANK", List.of("GOLD"));
        bad.put("kind", "GUARANTEE");
        bad.put("minAmount", 10);
        bad.put("maxAmount", 5);
        bad.put("lists", List.of("YELLOW"));
        bad.put("maxTermDays", 400);
        Fixtures.asUser(bank.user()).contentType("application/json").body(bad).post("/api/products").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("kind", "maxAmount", "grades", "lists", "maxTermDays"));
        Firm firm = FinancingFixtures.firm("不能发产品的企业");
        Fixtures.asUser(firm.user()).contentType("application/json").body(FinancingFixtures.product("BANK", List.of("MIXED")))
                .post("/api/products").then().statusCode(403);
        FinancingFixtures.publish(bank, FinancingFixtures.product("BANK", List.of("EXCELLENT")));
        Fixtures.asUser(bank.user()).get("/api/products").then().statusCode(200)
                .body("institutionCode", org.hamcrest.Matchers.everyItem(equalTo(bank.code())));
    }

    @Test
    void illegalStepsAre409WithTheReason() {
        Firm seller = FinancingFixtures.firm("非法步骤卖方");
        Firm debtor = FinancingFixtures.firm("非法步骤客户");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("I"), 150_000, 150_000, 90))
                .getLong("id");
        Fixtures.asAdmin().post("/api/financing-requests/" + id + "/debtor-confirmation").then().statusCode(200)
                .body("route", equalTo("BANKS"));
        Map<String, Object> offer = Map.of("amount", 100_000, "rate", 4.2, "termDays", 90,
                "expiresOn", FinancingFixtures.today().plusDays(7).toString());
        Fixtures.asUser(bank.user()).contentType("application/json").body(offer)
                .post("/api/financing-requests/" + id + "/offers").then().statusCode(409)
                .body("detail", equalTo("request " + id + " is ROUTED; an offer needs CLAIMED or OFFERED"));
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of())
                .post("/api/financing-requests/" + id + "/disbursement").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("needs ACCEPTED"));
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "x"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("is ROUTED; a park override needs REVIEW"));
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
        Fixtures.asUser(seller.user()).post("/api/financing-requests/" + id + "/offers/999999999/accept").then()
                .statusCode(404);
        Fixtures.asUser(bank.user()).contentType("application/json")
                .body(Map.of("amount", 100_000, "rate", 4.2, "termDays", 90, "expiresOn", "2000-01-01"))
                .post("/api/financing-requests/" + id + "/offers").then().statusCode(422)
                .body("errors.field", hasItem("expiresOn"));
    }
}
