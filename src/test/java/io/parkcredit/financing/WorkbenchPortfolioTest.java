package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The portfolio (README, "Workbench"): its sums equal the requests the institution holds, status by
 * status, debtor by debtor, in the CSV row by row; repayments due and overdue; win rate; a
 * guarantor's guarantees and fees; the bank sees the guarantee on a MIXED request.
 */
@QuarkusTest
class WorkbenchPortfolioTest {

    @Inject
    DataSource ds;

    private static JsonPath json(io.restassured.response.Response r) {
        return r.then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    static long routed(Firm seller, Firm debtor, double amount, double requested) {
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("PF"), amount, requested, 90))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "组合测试"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        return id;
    }

    static long offer(Inst bank, long id, double amount, int days) {
        return Fixtures.asUser(bank.user()).contentType("application/json")
                .body(Map.of("amount", amount, "rate", 4.0, "termDays", days,
                        "expiresOn", FinancingFixtures.today().plusDays(7).toString()))
                .post("/api/financing-requests/" + id + "/offers").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void theSumsEqualTheRequestsHeld() {
        Firm seller = FinancingFixtures.firm("组合卖方", "C3110");
        Firm d1 = FinancingFixtures.firm("组合买方一");
        Firm d2 = FinancingFixtures.firm("组合买方二");
        Inst bank = FinancingFixtures.institution("BANK");
        FinancingFixtures.publish(bank, FinancingFixtures.product("BANK", List.of("EXCELLENT", "MIXED")));
        long[] r = new long[7];
        r[1] = routed(seller, d1, 200_000, 100_000);
        r[2] = routed(seller, d1, 200_000, 100_000);
        r[3] = routed(seller, d1, 300_000, 150_000);
        r[4] = routed(seller, d2, 400_000, 200_000);
        r[5] = routed(seller, d2, 400_000, 120_000);
        r[6] = routed(seller, d2, 400_000, 60_000);
        for (int i = 1; i <= 6; i++) {
            Fixtures.asUser(bank.user()).post("/api/financing-requests/" + r[i] + "/claim").then().statusCode(200);
        }
        offer(bank, r[2], 80_000, 90);
        long o3 = offer(bank, r[3], 150_000, 90);
        long o4 = offer(bank, r[4], 200_000, 20);
        long o5 = offer(bank, r[5], 120_000, 30);
        long o6 = offer(bank, r[6], 50_000, 30);
        for (long[] ro : new long[][] {{r[3], o3}, {r[4], o4}, {r[5], o5}, {r[6], o6}}) {
            Fixtures.asUser(seller.user()).post("/api/financing-requests/" + ro[0] + "/offers/" + ro[1] + "/accept").then()
                    .statusCode(200);
        }
        for (long id : new long[] {r[4], r[5], r[6]}) {
            Map<String, Object> body = new HashMap<>();
            body.put("amount", id == r[4] ? 190_000 : id == r[5] ? 120_000 : 50_000);
            Fixtures.asUser(bank.user()).contentType("application/json").body(body)
                    .post("/api/financing-requests/" + id + "/disbursement").then().statusCode(200);
        }
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of())
                .post("/api/financing-requests/" + r[6] + "/repayment").then().statusCode(200);
        // r5 was disbursed 33 days ago for 30 days: it fell due three days ago
        FinancingFixtures.sql(ds, "update financing_requests set disbursed_on = ?, repayment_due = ? where id = ?",
                FinancingFixtures.today().minusDays(33), FinancingFixtures.today().minusDays(3), r[5]);
        Map<String, Object> limit = new HashMap<>();
        limit.put("kind", "DEBTOR");
        limit.put("subject", d1.uscc());
        limit.put("amount", 500_000);
        Fixtures.asUser(bank.user()).contentType("application/json").body(limit).post("/api/financing/limits").then()
                .statusCode(200);

        JsonPath p = json(Fixtures.asUser(bank.user()).get("/api/financing/portfolio"));
        assertThat(p.getList("byStatus.status")).containsExactly("CLAIMED", "OFFERED", "ACCEPTED", "DISBURSED", "OVERDUE",
                "REPAID");
        assertThat(p.getList("byStatus.count", Integer.class)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(p.getList("byStatus.amount", BigDecimal.class)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100000"), new BigDecimal("80000"), new BigDecimal("150000"),
                        new BigDecimal("190000"), new BigDecimal("120000"), new BigDecimal("50000"));
        // 100,000 + 80,000 + 150,000 + 190,000 + 120,000 (the repaid 50,000 is not outstanding)
        assertThat((BigDecimal) p.get("outstanding")).isEqualByComparingTo("640000");
        assertThat((BigDecimal) FinancingFixtures.rows(ds, "select financing_outstanding(?, 'TOTAL', '')", bank.code())
                .get(0)[0]).isEqualByComparingTo("640000");
        // d1: 100,000 + 80,000 + 150,000; d2: 190,000 + 120,000 (largest first)
        assertThat(p.getList("byDebtor.key")).containsExactly(d1.uscc(), d2.uscc());
        assertThat(p.getList("byDebtor.outstanding", BigDecimal.class)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("330000"), new BigDecimal("310000"));
        assertThat((BigDecimal) p.get("byDebtor[0].headroom")).isEqualByComparingTo("170000");
        assertThat(p.getList("bySeller.outstanding", BigDecimal.class)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("640000"));
        assertThat(p.getList("byIndustry.key")).containsExactly("C3110");
        assertThat(p.getList("dueSoon.id", Long.class)).containsExactly(r[4]);
        assertThat(p.getList("dueSoon.days", Long.class)).containsExactly(20L);
        assertThat(p.getList("overdue.id", Long.class)).containsExactly(r[5]);
        assertThat(p.getList("overdue.days", Long.class)).containsExactly(-3L);
        assertThat(p.getLong("offered")).isEqualTo(5);
        assertThat(p.getLong("won")).isEqualTo(4);
        assertThat((BigDecimal) p.get("winRate")).isEqualByComparingTo("0.8");
        assertThat((BigDecimal) p.get("avgHoursToOffer")).isNotNull();

        // the CSV lists the same requests: its outstanding column adds up to the same sum
        String csv = Fixtures.asUser(bank.user()).get("/api/financing/portfolio/export").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String[] lines = csv.replace("\uFEFF", "").strip().split("\r\n");
        assertThat(lines).hasSize(7);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            sum = sum.add(new BigDecimal(cells[8]));
        }
        assertThat(sum).isEqualByComparingTo("640000");

        // the park reads any institution's, another bank none but its own
        json(Fixtures.asAdmin().get("/api/financing/portfolio?institution=" + bank.code()));
        Fixtures.asAdmin().get("/api/financing/portfolio").then().statusCode(422);
        Inst other = FinancingFixtures.bank();
        Fixtures.asUser(other.user()).get("/api/financing/portfolio?institution=" + bank.code()).then().statusCode(403);
        String html = io.restassured.RestAssured.given().cookies(FinancingPagesTest.signIn(bank.user())).accept("text/html")
                .get("/financing/portfolio").then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("id=\"portfolio-status-chart\"").contains("id=\"portfolio-data\"");
    }

    @Test
    void aGuarantorSeesItsGuaranteesAndFeesAndTheBankSeesTheGuarantee() {
        Firm seller = FinancingFixtures.firm("担保组合卖方");
        Firm debtor = FinancingFixtures.firm("担保组合买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.guarantor();
        Inst bank = FinancingFixtures.bank();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("GF"), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asUser(guarantor.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
        Fixtures.asUser(guarantor.user()).contentType("application/json")
                .body(Map.of("letterNo", "BH-2026-77", "amount", 70_000, "feeRate", 2.0))
                .post("/api/financing-requests/" + id + "/guarantee").then().statusCode(200);

        JsonPath p = json(Fixtures.asUser(guarantor.user()).get("/api/financing/portfolio"));
        assertThat(p.getList("byStatus.status")).containsExactly("ROUTED");
        assertThat((BigDecimal) p.get("outstanding")).isEqualByComparingTo("70000");
        assertThat(p.getList("guarantees.uscc")).containsExactly(seller.uscc());
        assertThat((BigDecimal) p.get("guarantees[0].guaranteed")).isEqualByComparingTo("70000");
        // 70,000 × 2% × 90 / 365 = 345.2054… → 345.21
        assertThat((BigDecimal) p.get("guarantees[0].fees")).isEqualByComparingTo("345.21");
        assertThat((BigDecimal) p.get("guaranteeFees")).isEqualByComparingTo("345.21");

        String html = io.restassured.RestAssured.given().cookies(FinancingPagesTest.signIn(bank.user()))
                .accept("text/html").get("/financing/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("id=\"request-guarantee\"").contains("BH-2026-77").contains(guarantor.code() + "担保公司");

        // the firm sees the offers compared: a 4% offer for 90 days costs 986.30 interest and 345.21 fee
        long offerId = offer(bank, claim(bank, id), 100_000, 90);
        JsonPath costs = json(Fixtures.asUser(seller.user()).get("/api/financing-requests/" + id + "/offer-costs"));
        assertThat(costs.getList("offerId", Long.class)).containsExactly(offerId);
        assertThat((BigDecimal) costs.get("[0].interest")).isEqualByComparingTo("986.30");
        assertThat((BigDecimal) costs.get("[0].guaranteeFee")).isEqualByComparingTo("345.21");
        assertThat((BigDecimal) costs.get("[0].totalCost")).isEqualByComparingTo("1331.51");
        // 1,331.51 / 100,000 × 365 / 90 = 5.40001…%
        assertThat((BigDecimal) costs.get("[0].annualisedCost")).isEqualByComparingTo("5.4000");
        assertThat(costs.getBoolean("[0].cheapest")).isTrue();
    }

    private static long claim(Inst bank, long id) {
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
        return id;
    }
}
