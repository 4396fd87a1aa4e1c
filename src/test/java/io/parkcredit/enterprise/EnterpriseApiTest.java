package io.parkcredit.enterprise;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EnterpriseApiTest {

    @Test
    void adminReadsAProfileWithContactDetails() {
        String uscc = Fixtures.newEnterprise("舞钢市测试钢铁有限公司");
        asAdmin().get("/api/enterprises/" + uscc).then().statusCode(200)
                .body("uscc", equalTo(uscc))
                .body("name", equalTo("舞钢市测试钢铁有限公司"))
                .body("registeredOn", equalTo("2015-03-01"))
                .body("status", equalTo("ACTIVE"))
                .body("inPark", is(true))
                .body("contactMobile", equalTo("13800138000"));
    }

    @Test
    void lowerCaseUsccIsAcceptedAndABadOneNamesThePosition() {
        String uscc = Fixtures.newEnterprise("小写查询公司");
        asAdmin().get("/api/enterprises/" + uscc.toLowerCase()).then().statusCode(200).body("uscc", equalTo(uscc));
        String wrong = uscc.substring(0, 17) + (uscc.charAt(17) == '0' ? '1' : '0');
        asAdmin().get("/api/enterprises/" + wrong).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("uscc"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("position 18"));
    }

    @Test
    void portraitSummarisesLoansEventsAndOperations() {
        String uscc = Fixtures.newUscc();
        Fixtures.importBundle(java.util.Map.of(
                "enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, "画像公司"),
                "loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                        + "B1,P1-" + uscc + "," + uscc + ",100000,2023-01-01,2024-01-01,2024-03-01\n"
                        + "B1,P2-" + uscc + "," + uscc + ",200000,2024-06-01,2025-01-15,\n"
                        + "B1,P3-" + uscc + "," + uscc + ",300000,2023-02-01,2023-12-01,2023-11-30\n",
                "credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                        + "SAMR,PE1-" + uscc + "," + uscc + ",ADMIN_PENALTY,SERIOUS,2025-03-01,1000,,罚款,,\n"
                        + "SAMR,PE2-" + uscc + "," + uscc + ",ADMIN_PENALTY,MINOR,2024-03-01,,,已修复,,2024-09-01\n"
                        + "GOV,PH1-" + uscc + "," + uscc + ",HONOR,,2024-05-01,,,守合同重信用,,\n",
                "financial_statements", "uscc,year,revenue,net_profit,operating_cash_flow\n"
                        + uscc + ",2024,1000000,50000,80000\n" + uscc + ",2025,1200000,-10000,20000\n"));
        asAdmin().get("/api/enterprises/" + uscc + "/portrait").then().statusCode(200)
                .body("performance.loans", is(3))
                .body("performance.inArrears", is(1))
                .body("performance.openLoans", is(1))
                .body("performance.overdueOver30", is(2))
                .body("performance.maxOverdueDays", org.hamcrest.Matchers.greaterThan(300))
                .body("performance.onTimeRatio", is(0.5f))
                .body("compliance.negativeCounting", is(1))
                .body("compliance.countingBySeverity.SERIOUS", is(1))
                .body("compliance.repaired", is(1))
                .body("compliance.positive", is(1))
                .body("operations.year", org.hamcrest.Matchers.contains(2024, 2025))
                .body("flows", org.hamcrest.Matchers.hasSize(24))
                .body("loans[0].loanNo", equalTo("P2-" + uscc))
                .body("timeline.kind", org.hamcrest.Matchers.hasItems("EVENT", "LOAN", "STATEMENT", "REPAIR"));
    }

    @Test
    void unknownFirmIs404Problem() {
        asAdmin().get("/api/enterprises/" + Fixtures.newUscc()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void enterpriseUserSeesOnlyItsOwnFirm() {
        String own = Fixtures.newEnterprise("自家公司");
        String other = Fixtures.newEnterprise("别家公司");
        String user = Fixtures.newUser("ENTERPRISE", own, null);
        asUser(user).get("/api/enterprises/" + own).then().statusCode(200).body("contactMobile", equalTo("13800138000"));
        asUser(user).get("/api/enterprises/" + other).then().statusCode(403);
        asUser(user).get("/api/enterprises/" + other + "/loans").then().statusCode(403);
        asUser(user).get("/api/enterprises/" + other + "/portrait").then().statusCode(403);
        asUser(user).get("/api/enterprises").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].uscc", equalTo(own));
    }

    @Test
    void investmentOfficerSeesRegistrationButNotContactsOrPrivateData() {
        String firm = Fixtures.newEnterprise("招商可见公司");
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        asUser(officer).get("/api/enterprises/" + firm).then().statusCode(200)
                .body("name", equalTo("招商可见公司")).body("contactMobile", nullValue());
        asUser(officer).get("/api/enterprises/" + firm + "/credit-events").then().statusCode(403);
    }

    @Test
    void pagingIsValidated() {
        asAdmin().get("/api/enterprises?size=0").then().statusCode(422).body("errors[0].field", equalTo("size"));
        asAdmin().get("/api/enterprises?size=10001").then().statusCode(422);
        asAdmin().get("/api/enterprises?page=-1").then().statusCode(422);
        // an offset past the database's int is refused at the edge, not sent to the database
        asAdmin().get("/api/enterprises?page=2147483647&size=10000").then().statusCode(422)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void apiWithoutCredentialsIs401() {
        io.restassured.RestAssured.given().get("/api/enterprises").then().statusCode(401);
    }
}
