package io.parkcredit.attack;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression: a firm's consent kept opening its portrait to a bank after the request was closed. */
@QuarkusTest
class ConsentAfterCloseAttackTest {

    @Test
    void aConsentStopsOpeningThePortraitOnceTheRequestIsWithdrawn() {
        Firm seller = FinancingFixtures.firm("授权终止公司");
        Firm debtor = FinancingFixtures.firm("授权终止买方");
        Inst bank = FinancingFixtures.bank();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("CC"), 150_000, 100_000, 90))
                .getLong("id");
        String path = "/api/financing-requests/" + id;
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "授权终止测试"))
                .post(path + "/override").then().statusCode(200);
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("institutionCode", bank.code()))
                .post(path + "/consents").then().statusCode(201);
        Fixtures.asUser(bank.user()).get(path + "/portrait").then().statusCode(200).body("profile.uscc", equalTo(seller.uscc()));

        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("reason", "不再需要"))
                .post(path + "/withdrawal").then().statusCode(200).body("status", equalTo("WITHDRAWN"));
        // the consent row is still unrevoked, but the closed request no longer opens anything
        Fixtures.asUser(seller.user()).get(path + "/consents").then().statusCode(200).body("[0].active", equalTo(true));
        Fixtures.asUser(bank.user()).get(path + "/portrait").then().statusCode(403);
        // and no new consent is taken on a closed request
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("institutionCode", bank.code()))
                .post(path + "/consents").then().statusCode(409);
        // both attempts are in the access log: one allowed, one refused
        Fixtures.asUser(seller.user()).get(path + "/portrait-access").then().statusCode(200)
                .body("allowed", equalTo(java.util.List.of(false, true)));
    }
}
