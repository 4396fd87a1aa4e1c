package io.parkcredit.attack;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression for the confirmed exploit: a firm overrode the park's review of its own POOR request
 * through the page route, which admitted every financing role and skipped the ADMIN check the API had.
 */
@QuarkusTest
class FinancingOverrideAttackTest {

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    static Cookies signIn(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }

    @Test
    void theSellerCannotOverrideTheParksReviewOfItsOwnPoorRequestOnlyTheAdminCan() {
        Firm seller = FinancingFixtures.firm("越权复核公司");
        Firm debtor = FinancingFixtures.firm("越权复核买方");
        Inst bank = FinancingFixtures.bank();
        // no flows, not confirmed: 0 points, POOR, held for the park's review
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("OV"), 150_000, 100_000, 90))
                .getLong("id");
        String api = "/api/financing-requests/" + id;
        Fixtures.asAdmin().get(api).then().statusCode(200).body("grade", equalTo("POOR"))
                .body("status", equalTo("REVIEW")).body("route", equalTo("NONE"));

        Cookies firm = signIn(seller.user(), "password-" + seller.user());
        given().cookies(firm).redirects().follow(false).contentType(FORM).formParam("route", "BANKS")
                .formParam("reason", "x").post("/financing/" + id + "/override").then().statusCode(403);
        // the same through the API door, and as the bank the request would have gone to
        Fixtures.asUser(seller.user()).contentType("application/json").body(Map.of("route", "BANKS", "reason", "x"))
                .post(api + "/override").then().statusCode(403);
        Cookies banker = signIn(bank.user(), "password-" + bank.user());
        given().cookies(banker).redirects().follow(false).contentType(FORM).formParam("route", "BANKS")
                .formParam("reason", "x").post("/financing/" + id + "/override").then().statusCode(403);

        // nothing moved: still in the park's review, no route, no override reason, nothing queued for the bank
        Fixtures.asAdmin().get(api).then().statusCode(200).body("status", equalTo("REVIEW"))
                .body("route", equalTo("NONE")).body("overrideReason", nullValue());
        Fixtures.asUser(bank.user()).get(api).then().statusCode(403);

        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        given().cookies(admin).redirects().follow(false).contentType(FORM).formParam("route", "BANKS")
                .formParam("reason", "园区复核：订单真实").post("/financing/" + id + "/override").then().statusCode(303);
        Fixtures.asAdmin().get(api).then().statusCode(200).body("status", equalTo("ROUTED"))
                .body("route", equalTo("BANKS")).body("overrideReason", equalTo("园区复核：订单真实"));
        Fixtures.asUser(bank.user()).get(api).then().statusCode(200).body("status", equalTo("ROUTED"));
    }
}
