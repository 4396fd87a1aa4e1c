package io.parkcredit.attack;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static io.restassured.RestAssured.given;

import io.parkcredit.security.Role;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.restassured.http.Cookies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a walk over every route needs so that "allowed" means something: a seller and its debtor,
 * a bank with a product and a guarantor, a posted financing request, a rating application, and a
 * user of every role (the firm's user is the seller's).
 */
record AttackWorld(Firm seller, Firm debtor, Inst bank, Inst guarantor, long product, long request,
        long application, Map<Role, String> users) {

    static AttackWorld create(String firmName, String invoicePrefix) {
        Firm seller = FinancingFixtures.firm(firmName + "企业");
        Firm debtor = FinancingFixtures.firm(firmName + "买方");
        Inst bank = FinancingFixtures.bank();
        Inst guarantor = FinancingFixtures.guarantor();
        long product = FinancingFixtures.publish(bank, FinancingFixtures.product("BANK", List.of("EXCELLENT")));
        long request = FinancingFixtures.post(seller,
                receivable(debtor.uscc(), Fixtures.newCode(invoicePrefix), 150_000, 100_000, 90)).getLong("id");
        long application = RatingFixtures.apply(seller.user(), seller.uscc());
        Map<Role, String> users = new LinkedHashMap<>();
        users.put(Role.ADMIN, Fixtures.ADMIN);
        users.put(Role.REGULATOR, Fixtures.newUser("REGULATOR", null, null));
        users.put(Role.ENTERPRISE, seller.user());
        users.put(Role.BANK, bank.user());
        users.put(Role.GUARANTOR, guarantor.user());
        users.put(Role.EVALUATOR, Fixtures.newUser("EVALUATOR", null, null));
        users.put(Role.INVESTMENT, Fixtures.newUser("INVESTMENT", null, null));
        return new AttackWorld(seller, debtor, bank, guarantor, product, request, application, users);
    }

    /** The session cookies of a sign-in through the page form (pages take the cookie, not HTTP Basic). */
    static Cookies signIn(String user) {
        return given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", user.equals(Fixtures.ADMIN) ? Fixtures.ADMIN_PASSWORD : "password-" + user)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }
}
