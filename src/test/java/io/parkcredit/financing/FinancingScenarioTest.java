package io.parkcredit.financing;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One story per route of DOMAIN.md §7: excellent → bank; mixed → guarantor → bank; poor → the
 * park's override → bank. Each ends disbursed and repaid, and the funnel counts every stage.
 */
@QuarkusTest
class FinancingScenarioTest {

    static void post(String user, String path, Object body, int status) {
        Fixtures.asUser(user).contentType("application/json").body(body == null ? Map.of() : body).post(path).then()
                .statusCode(status);
    }

    /** Bank claims, offers twice; the firm compares and accepts the cheaper; the bank disburses and is repaid. */
    static void bankLeg(long id, Firm seller, Inst bank) {
        String path = "/api/financing-requests/" + id;
        Fixtures.asUser(bank.user()).post(path + "/claim").then().statusCode(200).body("status", equalTo("CLAIMED"))
                .body("claimedBy", equalTo(bank.code()));
        String expires = FinancingFixtures.today().plusDays(7).toString();
        long dear = Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of("amount", 100_000, "rate", 5.1,
                "termDays", 90, "expiresOn", expires)).post(path + "/offers").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        long cheap = Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of("amount", 90_000, "rate", 4.35,
                "termDays", 60, "expiresOn", expires, "note", "较低利率")).post(path + "/offers").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        JsonPath offers = Fixtures.asUser(seller.user()).get(path + "/offers").then().statusCode(200).extract().jsonPath();
        assertThat(offers.getList("id", Long.class)).containsExactly(dear, cheap);
        Fixtures.asUser(seller.user()).post(path + "/offers/" + cheap + "/accept").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("acceptedOfferId", is((int) cheap));
        Fixtures.asUser(seller.user()).get(path + "/offers").then()
                .body("find { it.id == " + dear + " }.status", equalTo("CLOSED"))
                .body("find { it.id == " + cheap + " }.status", equalTo("ACCEPTED"));
        Fixtures.asUser(seller.user()).post(path + "/offers/" + dear + "/accept").then().statusCode(409);
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of()).post(path + "/disbursement").then()
                .statusCode(200).body("status", equalTo("DISBURSED")).body("disbursedAmount", is(90000.0f))
                .body("repaymentDue", equalTo(FinancingFixtures.today().plusDays(60).toString()));
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of()).post(path + "/repayment").then()
                .statusCode(200).body("status", equalTo("REPAID"));
        Fixtures.asAdmin().get("/api/audit?targetType=financing_request&targetKey=" + id + "&size=50").then()
                .body("items.action", org.hamcrest.Matchers.hasItems("FINANCING_CLAIMED", "FINANCING_OFFERED",
                        "FINANCING_ACCEPTED", "FINANCING_DISBURSED", "FINANCING_REPAID"));
    }

    @Test
    void excellentGoesStraightToTheBanks() {
        Firm seller = FinancingFixtures.firm("优质应收公司");
        Firm debtor = FinancingFixtures.firm("优质买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        Inst guarantor = FinancingFixtures.guarantor();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("EX"), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asUser(debtor.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then()
                .statusCode(200).body("grade", equalTo("EXCELLENT")).body("route", equalTo("BANKS"));
        Fixtures.asUser(seller.user()).get("/api/financing-requests/" + id).then().body("routedTo", hasItem(bank.code()));
        Fixtures.asUser(guarantor.user()).get("/api/financing-requests?status=ROUTED&size=1000").then()
                .body("items.id", org.hamcrest.Matchers.not(hasItem((int) id)));
        bankLeg(id, seller, bank);
    }

    @Test
    void mixedGoesToAGuarantorFirstThenToTheBanks() {
        Firm seller = FinancingFixtures.firm("一般应收公司");
        Firm debtor = FinancingFixtures.firm("一般买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.guarantor();
        Inst bank = FinancingFixtures.bank();
        JsonPath posted = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("MX"), 150_000, 100_000, 90));
        long id = posted.getLong("id");
        assertThat(posted.getString("grade")).isEqualTo("MIXED");
        assertThat(posted.getList("routedTo", String.class)).contains(guarantor.code()).doesNotContain(bank.code());
        String path = "/api/financing-requests/" + id;
        Fixtures.asUser(bank.user()).post(path + "/claim").then().statusCode(403);
        Fixtures.asUser(guarantor.user()).get("/api/financing-requests?status=ROUTED&size=1000").then()
                .body("items.id", hasItem((int) id));
        Fixtures.asUser(guarantor.user()).post(path + "/claim").then().statusCode(200);
        Fixtures.asUser(guarantor.user()).contentType("application/json")
                .body(Map.of("letterNo", "BH-" + id, "amount", 100_000, "feeRate", 1.5)).post(path + "/guarantee").then()
                .statusCode(200).body("route", equalTo("BANKS")).body("status", equalTo("ROUTED"))
                .body("guarantorCode", equalTo(guarantor.code())).body("guaranteeLetterNo", equalTo("BH-" + id));
        Fixtures.asUser(seller.user()).get(path).then().body("routedTo", hasItem(bank.code()));
        bankLeg(id, seller, bank);
    }

    @Test
    void poorStaysWithTheParkUntilAnAdminOverridesWithAReason() {
        Firm seller = FinancingFixtures.firm("流水不足公司");
        Firm debtor = FinancingFixtures.firm("陌生买方");
        Inst bank = FinancingFixtures.bank();
        JsonPath posted = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("PR"), 150_000, 100_000, 90));
        long id = posted.getLong("id");
        assertThat(posted.getString("grade")).isEqualTo("POOR");
        assertThat(posted.getString("status")).isEqualTo("REVIEW");
        assertThat(posted.getList("routedTo")).isEmpty();
        String path = "/api/financing-requests/" + id;
        Fixtures.asUser(bank.user()).get(path).then().statusCode(403);
        post(seller.user(), path + "/override", Map.of("route", "BANKS", "reason", "自己批准"), 403);
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS")).post(path + "/override").then()
                .statusCode(422);
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "核心企业订单，园区担保"))
                .post(path + "/override").then().statusCode(200).body("status", equalTo("ROUTED"))
                .body("grade", equalTo("POOR")).body("overrideReason", equalTo("核心企业订单，园区担保"))
                .body("routedTo", hasItem(bank.code()));
        bankLeg(id, seller, bank);
    }

    @Test
    void theFunnelCountsEachStageAndTimeToFundPerInstitution() {
        Fixtures.asAdmin().get("/api/financing/funnel").then().statusCode(200);
        Firm seller = FinancingFixtures.firm("漏斗公司");
        Firm debtor = FinancingFixtures.firm("漏斗买方");
        Inst bank = FinancingFixtures.bank();
        JsonPath before = Fixtures.asAdmin().get("/api/financing/funnel").then().statusCode(200).extract().jsonPath();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("FN"), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "测试漏斗"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        bankLeg(id, seller, bank);
        JsonPath after = Fixtures.asAdmin().get("/api/financing/funnel").then().statusCode(200).extract().jsonPath();
        // the stages in their order (API.md), and the one request that went through all of them counted once in each
        List<String> stages = List.of("POSTED", "ROUTED", "CLAIMED", "OFFERED", "ACCEPTED", "DISBURSED", "REPAID");
        assertThat(after.getList("stages.stage", String.class)).containsExactlyElementsOf(stages);
        for (String stage : stages) {
            String q = "stages.find { it.stage == '" + stage + "' }.count";
            assertThat(after.getLong(q) - before.getLong(q)).as(stage).isEqualTo(1);
        }
        assertThat(after.getLong("inReview") - before.getLong("inReview")).as("inReview").isZero();
        assertThat(after.getLong("rejected") - before.getLong("rejected")).as("rejected").isZero();
        assertThat(after.getLong("timeToFund.find { it.institutionCode == '" + bank.code() + "' }.funded")).isEqualTo(1);
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).get("/api/financing/funnel").then().statusCode(200);
        Fixtures.asUser(bank.user()).get("/api/financing/funnel").then().statusCode(403);
    }
}
