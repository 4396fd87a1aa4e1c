package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Lending limits (README, "Workbench"): a claim or an offer that reaches a limit exactly passes, one
 * cent more is 409 naming the limit and its headroom; concurrent claims never take an institution
 * above its limit; each change is versioned, kept in the history and audited.
 */
@QuarkusTest
class WorkbenchLimitsTest {

    @Inject
    DataSource ds;

    /** A request of {@code seller} on {@code debtor} routed to the banks by the park (any grade). */
    static long routed(Firm seller, Firm debtor, double amount, double requested) {
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("LIM"), amount, requested, 90))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "限额测试"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        return id;
    }

    static JsonPath setLimit(Inst bank, String kind, String subject, Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("subject", subject);
        body.put("amount", amount);
        body.put("reason", "风险偏好");
        return Fixtures.asUser(bank.user()).contentType("application/json").body(body).post("/api/financing/limits")
                .then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.Response claim(String user, long id) {
        return Fixtures.asUser(user).post("/api/financing-requests/" + id + "/claim");
    }

    static io.restassured.response.Response offer(Inst bank, long id, String amount) {
        return Fixtures.asUser(bank.user()).contentType("application/json")
                .body(Map.of("amount", new BigDecimal(amount), "rate", 4.35, "termDays", 90,
                        "expiresOn", FinancingFixtures.today().plusDays(7).toString()))
                .post("/api/financing-requests/" + id + "/offers");
    }

    @Test
    void aClaimReachingTheDebtorLimitExactlyPassesOneCentMoreIsRefused() {
        Firm seller = FinancingFixtures.firm("限额卖方甲");
        Firm debtor = FinancingFixtures.firm("限额买方甲");
        Inst bank = FinancingFixtures.bank();
        long a = routed(seller, debtor, 150_000, 100_000);
        long b = routed(seller, debtor, 300_000, 150_000.01);
        long c = routed(seller, debtor, 300_000, 150_000);
        JsonPath limits = setLimit(bank, "DEBTOR", debtor.uscc(), 250_000);
        assertThat(limits.getInt("version")).isEqualTo(1);

        claim(bank.user(), a).then().statusCode(200);
        // 100,000 + 150,000.01 = 250,000.01: one cent above the limit
        JsonPath refused = claim(bank.user(), b).then().statusCode(409).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(refused.getString("type")).endsWith("/limit-exceeded");
        assertThat(refused.getString("limit.kind")).isEqualTo("DEBTOR");
        assertThat(refused.getString("limit.subject")).isEqualTo(debtor.uscc());
        assertThat(new BigDecimal(refused.getString("headroom"))).isEqualByComparingTo("150000.00");
        assertThat(new BigDecimal(refused.getString("limit.outstanding"))).isEqualByComparingTo("100000.00");
        // 100,000 + 150,000 = 250,000: exactly the limit
        claim(bank.user(), c).then().statusCode(200);
        assertThat(FinancingFixtures.rows(ds, "select status from financing_requests where id = ?", b).get(0)[0])
                .isEqualTo("ROUTED");

        JsonPath now = Fixtures.asUser(bank.user()).get("/api/financing/limits").then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(now.getString("limits[0].outstanding"))).isEqualByComparingTo("250000.00");
        assertThat(new BigDecimal(now.getString("limits[0].headroom"))).isEqualByComparingTo("0.00");

        // raising the limit by one cent lets the refused claim through; a new version, in the history and the audit log
        JsonPath raised = setLimit(bank, "DEBTOR", debtor.uscc(), 400_000.01);
        assertThat(raised.getInt("version")).isEqualTo(2);
        claim(bank.user(), b).then().statusCode(200);
        JsonPath history = Fixtures.asUser(bank.user()).get("/api/financing/limits/history").then().statusCode(200)
                .extract().jsonPath().using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertThat(history.getList("version", Integer.class)).containsExactly(2, 1);
        assertThat(new BigDecimal(history.getString("[0].previousAmount"))).isEqualByComparingTo("250000");
        assertThat(new BigDecimal(history.getString("[0].amount"))).isEqualByComparingTo("400000.01");
        assertThat(FinancingFixtures.rows(ds, "select count(*) from audit_log where action = 'FINANCING_LIMIT_SET'"
                + " and target_key = ?", bank.code() + "/DEBTOR/" + debtor.uscc()).get(0)[0]).isEqualTo(2L);
    }

    @Test
    void anOfferThatRaisesWhatTheBankHoldsAboveItsTotalLimitIsRefused() {
        Firm seller = FinancingFixtures.firm("限额卖方乙");
        Firm debtor = FinancingFixtures.firm("限额买方乙");
        Inst bank = FinancingFixtures.bank();
        long a = routed(seller, debtor, 200_000, 100_000);
        long b = routed(seller, debtor, 400_000, 200_000);
        setLimit(bank, "TOTAL", null, 300_000);
        claim(bank.user(), a).then().statusCode(200);
        claim(bank.user(), b).then().statusCode(200);
        // holds 100,000 + 200,000 = 300,000: an offer of the same amount adds nothing
        offer(bank, a, "100000").then().statusCode(201);
        // a higher offer would hold 100,000.01 on a: one cent above the total limit
        JsonPath refused = offer(bank, a, "100000.01").then().statusCode(409).extract().jsonPath();
        assertThat(refused.getString("limit.kind")).isEqualTo("TOTAL");
        assertThat(new BigDecimal(refused.getString("headroom"))).isEqualByComparingTo("0");
        // a lower second offer keeps the highest one as what the bank holds
        offer(bank, a, "90000").then().statusCode(201);
        // a first offer below the requested amount frees headroom: b now holds 150,000
        offer(bank, b, "150000").then().statusCode(201);
        offer(bank, a, "150000").then().statusCode(201);
        offer(bank, a, "150000.01").then().statusCode(409);
        JsonPath limits = Fixtures.asUser(bank.user()).get("/api/financing/limits").then().statusCode(200).extract()
                .jsonPath();
        assertThat(new BigDecimal(limits.getString("limits[0].outstanding"))).isEqualByComparingTo("300000.00");
    }

    @Test
    void twoOfficersRacingOnTheLastHeadroomNeverTakeTheBankAboveItsLimit() throws Exception {
        Firm seller = FinancingFixtures.firm("限额并发卖方");
        Firm debtor = FinancingFixtures.firm("限额并发买方");
        Inst bank = FinancingFixtures.bank();
        String second = Fixtures.newUser("BANK", null, bank.code());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(routed(seller, debtor, 100_000, 60_000));
        }
        setLimit(bank, "SELLER", seller.uscc(), 100_000);
        List<String> officers = List.of(bank.user(), second);
        officers.forEach(u -> Fixtures.asUser(u).get("/api/financing/limits").then().statusCode(200));
        List<Integer> codes = FinancingConcurrencyTest.race(8,
                i -> () -> claim(officers.get(i % 2), ids.get(i)).then().extract().statusCode());
        // 60,000 fits once under 100,000, twice does not
        assertThat(codes.stream().filter(c -> c == 200).count()).isEqualTo(1);
        assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(7);
        Object held = FinancingFixtures.rows(ds, "select financing_outstanding(?, 'SELLER', ?)", bank.code(),
                seller.uscc()).get(0)[0];
        assertThat((BigDecimal) held).isEqualByComparingTo("60000");
    }

    @Test
    void aGuarantorsGuaranteesCountAgainstItsLimit() {
        Firm seller = FinancingFixtures.firm("限额担保卖方");
        Firm debtor = FinancingFixtures.firm("限额担保买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.guarantor();
        // MIXED requests: on the guarantors' leg first
        long a = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("GL"), 150_000, 100_000, 90))
                .getLong("id");
        long b = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("GL"), 150_000, 90_000, 90))
                .getLong("id");
        long c = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("GL"), 150_000, 80_000, 90))
                .getLong("id");
        setLimit(guarantor, "TOTAL", "", 150_000);
        claim(guarantor.user(), a).then().statusCode(200);
        // once committed it holds the guaranteed 70,000, no longer the requested 100,000
        Fixtures.asUser(guarantor.user()).contentType("application/json")
                .body(Map.of("letterNo", "BH-LIM-1", "amount", 70_000, "feeRate", 1.5))
                .post("/api/financing-requests/" + a + "/guarantee").then().statusCode(200);
        // 70,000 + 90,000 = 160,000 > 150,000
        JsonPath refused = claim(guarantor.user(), b).then().statusCode(409).extract().jsonPath();
        assertThat(refused.getString("limit.kind")).isEqualTo("TOTAL");
        assertThat(new BigDecimal(refused.getString("headroom"))).isEqualByComparingTo("80000");
        // 70,000 + 80,000 = 150,000: exactly the limit
        claim(guarantor.user(), c).then().statusCode(200);
        assertThat((BigDecimal) FinancingFixtures.rows(ds, "select financing_outstanding(?, 'TOTAL', '')", guarantor.code())
                .get(0)[0]).isEqualByComparingTo("150000");
    }

    @Test
    void limitsAreAnInstitutionsOwnAndCheckedOnInput() {
        Inst bank = FinancingFixtures.bank();
        Inst other = FinancingFixtures.bank();
        setLimit(bank, "INDUSTRY", "c31", 1_000_000);
        // another bank reads its own, never this one's
        Fixtures.asUser(other.user()).get("/api/financing/limits?institution=" + bank.code()).then().statusCode(403);
        JsonPath park = Fixtures.asAdmin().get("/api/financing/limits?institution=" + bank.code()).then().statusCode(200)
                .extract().jsonPath();
        assertThat(park.getString("limits[0].kind")).isEqualTo("INDUSTRY");
        assertThat(park.getString("limits[0].subject")).isEqualTo("C31");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("kind", "TOTAL", "amount", 1))
                .post("/api/financing/limits").then().statusCode(403);
        JsonPath bad = Fixtures.asUser(bank.user()).contentType("application/json")
                .body(Map.of("kind", "DEBTOR", "subject", "x", "amount", -1)).post("/api/financing/limits").then()
                .statusCode(422).contentType("application/problem+json").extract().jsonPath();
        assertThat(bad.getList("errors.field")).containsExactlyInAnyOrder("subject", "amount");
        // removing a limit: amount null; removing it again is 404
        Map<String, Object> remove = new HashMap<>();
        remove.put("kind", "INDUSTRY");
        remove.put("subject", "C31");
        Fixtures.asUser(bank.user()).contentType("application/json").body(remove).post("/api/financing/limits").then()
                .statusCode(200);
        Fixtures.asUser(bank.user()).contentType("application/json").body(remove).post("/api/financing/limits").then()
                .statusCode(404);
    }
}
