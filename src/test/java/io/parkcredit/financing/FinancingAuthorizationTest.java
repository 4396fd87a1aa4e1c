package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each role sees only its own (DOMAIN.md §1): routing decides what a bank sees, consent what it opens. */
@QuarkusTest
class FinancingAuthorizationTest {

    @Test
    void aBankSeesOnlyRequestsRoutedToIt() {
        Firm seller = FinancingFixtures.firm("授权测试公司");
        Firm debtor = FinancingFixtures.firm("授权测试买方");
        Firm otherFirm = FinancingFixtures.firm("其他企业");
        Inst routed = FinancingFixtures.bank();
        Inst outsider = FinancingFixtures.institution("BANK"); // no product: nothing is routed to it
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("AU"), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "授权测试"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);

        Fixtures.asUser(routed.user()).get("/api/financing-requests?size=1000").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        Fixtures.asUser(outsider.user()).get("/api/financing-requests?size=1000").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));
        Fixtures.asUser(outsider.user()).get("/api/financing-requests/" + id).then().statusCode(403);
        Fixtures.asUser(outsider.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(403);
        Fixtures.asUser(outsider.user()).get("/api/financing-requests/" + id + "/offers").then().statusCode(403);
        // a bank never learns which other institutions a request went to
        Fixtures.asUser(routed.user()).get("/api/financing-requests/" + id).then().statusCode(200)
                .body("routedTo", org.hamcrest.Matchers.nullValue());
        // firms see their own requests only; the debtor sees the request naming it
        Fixtures.asUser(otherFirm.user()).get("/api/financing-requests/" + id).then().statusCode(403);
        Fixtures.asUser(otherFirm.user()).get("/api/financing-requests?size=1000").then()
                .body("items.id", not(hasItem((int) id)));
        Fixtures.asUser(debtor.user()).get("/api/financing-requests/" + id).then().statusCode(200);
        Fixtures.asUser(seller.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(403);
        String investment = Fixtures.newUser("INVESTMENT", null, null);
        Fixtures.asUser(investment).get("/api/financing-requests").then().statusCode(403);
        Fixtures.asUser(debtor.user()).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/financing-requests/" + id + "/withdrawal").then().statusCode(403);
    }

    @Test
    void thePortraitOpensOnlyWithTheFirmsConsentAndEveryAttemptIsLogged() {
        Firm seller = FinancingFixtures.firm("画像授权公司");
        Firm debtor = FinancingFixtures.firm("画像授权买方");
        Inst bank = FinancingFixtures.bank();
        Inst outsider = FinancingFixtures.institution("BANK");
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("PT"), 150_000, 100_000, 90))
                .getLong("id");
        String path = "/api/financing-requests/" + id;
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "画像测试"))
                .post(path + "/override").then().statusCode(200);

        Fixtures.asUser(bank.user()).get(path + "/portrait").then().statusCode(403)
                .contentType("application/problem+json");
        // the general profile API keeps private data closed to banks whatever the consents
        Fixtures.asUser(bank.user()).get("/api/enterprises/" + seller.uscc() + "/portrait").then().statusCode(403);
        // consent only to an institution the request was routed to, only by the seller
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("institutionCode", outsider.code()))
                .post(path + "/consents").then().statusCode(422);
        Fixtures.asUser(debtor.user()).contentType("application/json").body(Map.of("institutionCode", bank.code()))
                .post(path + "/consents").then().statusCode(403);
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("institutionCode", bank.code()))
                .post(path + "/consents").then().statusCode(201).body("active", equalTo(true));

        Fixtures.asUser(bank.user()).get(path + "/portrait").then().statusCode(200)
                .body("profile.uscc", equalTo(seller.uscc()));
        Fixtures.asUser(outsider.user()).get(path + "/portrait").then().statusCode(403);

        Fixtures.asUser(seller.user()).delete(path + "/consents/" + bank.code()).then().statusCode(200)
                .body("active", equalTo(false));
        Fixtures.asUser(bank.user()).get(path + "/portrait").then().statusCode(403);

        JsonPath log = Fixtures.asUser(seller.user()).get(path + "/portrait-access").then().statusCode(200).extract()
                .jsonPath();
        List<Boolean> allowed = log.getList("allowed");
        assertThat(allowed).containsExactly(false, true, false); // newest first
        assertThat(log.getList("institutionCode", String.class)).containsOnly(bank.code());
        Fixtures.asAdmin().get("/api/audit?targetType=enterprise&targetKey=" + seller.uscc() + "&size=50").then()
                .body("items.action", org.hamcrest.Matchers.hasItems("FINANCING_PORTRAIT_OPENED",
                        "FINANCING_PORTRAIT_REFUSED"));
        Fixtures.asAdmin().get("/api/audit?targetType=financing_request&targetKey=" + id + "&size=50").then()
                .body("items.action", org.hamcrest.Matchers.hasItems("FINANCING_CONSENT_GRANTED",
                        "FINANCING_CONSENT_REVOKED"));
    }
}
