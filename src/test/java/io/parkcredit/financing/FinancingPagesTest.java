package io.parkcredit.financing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import org.junit.jupiter.api.Test;

/** The financing pages over plain HTTP: a firm posts and compares offers, a bank claims and offers, the park's funnel. */
@QuarkusTest
class FinancingPagesTest {

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    static Cookies signIn(String user) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", "password-" + user)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }

    @Test
    void aFirmPostsABankClaimsAndOffersTheFirmAccepts() {
        Firm seller = FinancingFixtures.firm("页面融资公司");
        Firm debtor = FinancingFixtures.firm("页面融资买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.guarantor();
        Inst bank = FinancingFixtures.bank();
        Cookies firm = signIn(seller.user());
        given().cookies(firm).accept("text/html").get("/financing").then().statusCode(200)
                .body(containsString("发布应收账款")).body(containsString("融资对接"));
        // an input error comes back on the form with the field named
        given().cookies(firm).accept("text/html").contentType(FORM).formParam("debtorUscc", debtor.uscc())
                .formParam("debtorName", "页面融资买方").formParam("invoiceNo", "P1").formParam("invoiceDate", "2026-11-01")
                .formParam("amount", "150000").formParam("dueDate", FinancingFixtures.today().plusDays(60).toString())
                .formParam("contractNo", "HT-P").formParam("requestedAmount", "100000").formParam("termDays", "400")
                .post("/financing").then().statusCode(200).body(containsString("termDays"));
        String invoice = Fixtures.newCode("PG");
        String location = given().cookies(firm).redirects().follow(false).contentType(FORM)
                .formParam("debtorUscc", debtor.uscc()).formParam("debtorName", "页面融资买方").formParam("invoiceNo", invoice)
                .formParam("invoiceDate", FinancingFixtures.today().minusDays(3).toString()).formParam("amount", "150,000")
                .formParam("dueDate", FinancingFixtures.today().plusDays(60).toString()).formParam("contractNo", "HT-P")
                .formParam("requestedAmount", "100000").formParam("termDays", "90")
                .post("/financing").then().statusCode(303).header("Location", matchesPattern(".*/financing/\\d+$"))
                .extract().header("Location");
        String path = location.substring(location.indexOf("/financing/"));
        given().cookies(firm).accept("text/html").get(path).then().statusCode(200)
                .body(containsString("良莠不齐")).body(containsString("DEBTOR_FLOW_MONTHS"))
                .body(containsString("近12个月中有12个月收到债务人回款"));

        Cookies g = signIn(guarantor.user());
        given().cookies(g).accept("text/html").get("/financing?status=ROUTED&size=1000").then().statusCode(200)
                .body(containsString(invoice.toUpperCase()));
        given().cookies(g).redirects().follow(false).contentType(FORM).post(path + "/claim").then().statusCode(303);
        given().cookies(g).redirects().follow(false).contentType(FORM).formParam("letterNo", "BH-P")
                .formParam("amount", "100000").formParam("rate", "1.2").post(path + "/guarantee").then().statusCode(303);

        Cookies b = signIn(bank.user());
        given().cookies(b).redirects().follow(false).contentType(FORM).post(path + "/claim").then().statusCode(303);
        given().cookies(b).accept("text/html").get(path).then().statusCode(200).body(containsString("offer-form"));
        given().cookies(b).redirects().follow(false).contentType(FORM).formParam("amount", "90000").formParam("rate", "4.1")
                .formParam("termDays", "60").formParam("expiresOn", FinancingFixtures.today().plusDays(5).toString())
                .post(path + "/offer").then().statusCode(303);
        String page = given().cookies(firm).accept("text/html").get(path).then().statusCode(200)
                .body(containsString("4.1")).body(containsString("接受")).extract().asString();
        String offerId = page.replaceAll("(?s).*name=\"offerId\" value=\"(\\d+)\".*", "$1");
        given().cookies(firm).redirects().follow(false).contentType(FORM).formParam("offerId", offerId)
                .post(path + "/accept").then().statusCode(303);
        given().cookies(firm).accept("text/html").get(path).then().body(containsString("已接受报价"));
        // another firm cannot open it
        Firm other = FinancingFixtures.firm("页面无关企业");
        given().cookies(signIn(other.user())).accept("text/html").get(path).then().statusCode(403);
    }

    @Test
    void theParkSeesTheFunnelWithItsCharts() {
        Cookies admin = given().redirects().follow(false).formParam("j_username", Fixtures.ADMIN)
                .formParam("j_password", Fixtures.ADMIN_PASSWORD).post("/j_security_check").then().statusCode(302)
                .extract().detailedCookies();
        given().cookies(admin).accept("text/html").get("/financing/funnel").then().statusCode(200)
                .body(containsString("financing-funnel-chart")).body(containsString("financing-funnel-data"))
                .body(containsString("POSTED")).body(containsString("REPAID"));
        Inst bank = FinancingFixtures.institution("BANK");
        given().cookies(signIn(bank.user())).accept("text/html").get("/financing/funnel").then().statusCode(403);
        given().cookies(signIn(bank.user())).accept("text/html").get("/financing").then().statusCode(200)
                .body(containsString("推送给本机构的融资申请")).body(not(containsString("发布应收账款")));
    }
}
