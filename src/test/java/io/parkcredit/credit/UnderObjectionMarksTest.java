package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §8.2: an objection freezes nothing, but the item shows as under objection (异议处理中)
 * wherever it appears — the portrait's events, loans and statements, the list result, the rating
 * application, the financing factor fed by the debtor's list or grade — on the API and on the pages,
 * and nothing else is marked.
 */
@QuarkusTest
class UnderObjectionMarksTest {

    static final int Y = CreditScenarioTest.Y;

    @Test
    void anItemUnderObjectionIsMarkedWhereverItIsShown() {
        // given a firm with two records, a loan and two statements, and a clean firm with a loan
        String a = Fixtures.newUscc();
        String b = Fixtures.newUscc();
        String bank = Fixtures.newCode("OB");
        String loan = Fixtures.newCode("L-");
        String objected = Fixtures.newCode("OE-");
        String other = Fixtures.newCode("OE-");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + bank + ",异议标记测试银行,BANK\n");
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(a, "异议标记甲公司")
                + Fixtures.enterpriseRow(b, "异议标记乙公司"));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + "," + loan + "," + a + ",500000," + (Y - 1) + "-01-10," + (Y + 1) + "-06-30,\n"
                + bank + "," + loan + "B," + b + ",300000," + (Y - 1) + "-01-10," + (Y + 1) + "-06-30,\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR," + objected + "," + a + ",ADMIN_PENALTY,GENERAL,2025-03-10,5000,,未按规定公示,,\n"
                + "SAMR," + other + "," + a + ",ADMIN_PENALTY,MINOR,2025-04-10,1000,,逾期申报,,\n");
        files.put("financial_statements", RatingFixtures.STATEMENT_HEADER
                + a + ",2024,8000000,3400000,4500000,1700000,800000,1500000,800000,4600000,8000000,5600000,1300000,900000,90000,1000000,500000,300000,8000000,7800000\n"
                + a + ",2025,9000000,3600000,5000000,1800000,900000,1800000,900000,5400000,10000000,7000000,1700000,1200000,100000,1300000,800000,500000,9500000,9300000\n");
        Fixtures.importBundle(files);
        String user = Fixtures.newUser("ENTERPRISE", a, null);
        String userB = Fixtures.newUser("ENTERPRISE", b, null);
        long application = asAdmin().contentType("application/json").body(Map.of("uscc", a))
                .post("/api/ratings/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        FinancingFixtures.Firm seller = FinancingFixtures.firm("异议标记卖方" + Fixtures.newCode("") + "公司");
        long request = FinancingFixtures.post(seller, FinancingFixtures.receivable(a, Fixtures.newCode("INV-"), 100000,
                80000, 90)).getLong("id");
        long runId = CreditScenarioTest.runClassification();

        // nothing is marked before an objection
        assertThat(asAdmin().get("/api/enterprises/" + a).then().statusCode(200).extract().jsonPath()
                .getBoolean("underObjection")).isFalse();
        assertThat(asAdmin().get("/api/ratings/applications/" + application).then().statusCode(200).extract().jsonPath()
                .getBoolean("underObjection")).isFalse();
        assertThat(CreditScenarioTest.result(runId, a).getBoolean("items[0].underObjection")).isFalse();
        assertThat(standing(asAdmin().get("/api/financing-requests/" + request).then().statusCode(200).extract().jsonPath()))
                .doesNotContainKey("underObjection");

        // when the firm objects to one record, its loan and its 2025 statement
        object(user, a, "CREDIT_EVENT", "SAMR/" + objected);
        object(user, a, "LOAN", bank + "/" + loan);
        object(user, a, "FINANCIAL_STATEMENT", a + "/2025");

        // then the profile, each item and only those items are marked on the API
        JsonPath profile = asAdmin().get("/api/enterprises/" + a).then().statusCode(200).extract().jsonPath();
        assertThat(profile.getBoolean("underObjection")).isTrue();
        assertThat(asAdmin().get("/api/enterprises/" + b).then().statusCode(200).extract().jsonPath()
                .getBoolean("underObjection")).isFalse();
        JsonPath events = asUser(user).get("/api/enterprises/" + a + "/credit-events").then().statusCode(200).extract()
                .jsonPath();
        assertThat(events.getList("findAll { it.underObjection }.eventNo")).containsExactly(objected);
        assertThat(events.getList("findAll { !it.underObjection }.eventNo")).containsExactly(other);
        assertThat(asUser(user).get("/api/enterprises/" + a + "/loans").then().statusCode(200).extract().jsonPath()
                .getList("underObjection")).containsExactly(true);
        JsonPath statements = asUser(user).get("/api/enterprises/" + a + "/statements").then().statusCode(200).extract()
                .jsonPath();
        assertThat(statements.getList("year")).containsExactly(2024, 2025);
        assertThat(statements.getList("underObjection")).containsExactly(false, true);
        JsonPath portrait = asAdmin().get("/api/enterprises/" + a + "/portrait").then().statusCode(200).extract().jsonPath();
        assertThat(portrait.getList("events.findAll { it.underObjection }.eventNo")).containsExactly(objected);
        assertThat(portrait.getList("loans.underObjection")).containsExactly(true);
        assertThat(portrait.getList("operations.underObjection")).containsExactly(false, true);

        // the list result decided from them, the rating application scored from them, and the factor
        // a bank reads from the debtor's standing
        assertThat(CreditScenarioTest.result(runId, a).getBoolean("items[0].underObjection")).isTrue();
        assertThat(CreditScenarioTest.result(runId, b).getBoolean("items[0].underObjection")).isFalse();
        assertThat(asAdmin().get("/api/ratings/applications/" + application).then().statusCode(200).extract().jsonPath()
                .getBoolean("underObjection")).isTrue();
        JsonPath financing = asUser(seller.user()).get("/api/financing-requests/" + request).then().statusCode(200).extract()
                .jsonPath();
        assertThat(standing(financing)).containsEntry("underObjection", true);
        assertThat(financing.getList("factors.findAll { it.underObjection }.code")).containsExactly("DEBTOR_STANDING");
        // the mark is shown, never stored: the grade is the same
        assertThat(financing.getInt("score")).isEqualTo(FinancingFixtures.post(seller, FinancingFixtures.receivable(b,
                Fixtures.newCode("INV-"), 100000, 80000, 90)).getInt("score"));

        // and on the pages
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        String page = given().cookies(admin).get("/enterprises/" + a).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"under-objection\"").contains("2025 年度财务报表有异议正在处理");
        // one record row, the loan row and the statement note carry the tag (the head's has its id)
        assertThat(count(page, "<span class=\"tag objection\">")).isEqualTo(3);
        assertThat(given().cookies(admin).get("/enterprises/" + b).then().statusCode(200).extract().asString())
                .doesNotContain("tag objection");
        assertThat(given().cookies(admin).get("/classification/" + Y + "/runs/" + runId + "/firms/" + a).then()
                .statusCode(200).extract().asString()).contains("id=\"under-objection\"");
        assertThat(given().cookies(admin).get("/classification/" + Y + "/runs/" + runId + "/firms/" + b).then()
                .statusCode(200).extract().asString()).doesNotContain("under-objection");
        assertThat(given().cookies(admin).get("/rating/applications/" + application).then().statusCode(200).extract()
                .asString()).contains("id=\"under-objection\"");
        assertThat(given().cookies(admin).get("/financing/" + request).then().statusCode(200).extract().asString())
                .contains("tag objection");

        // an objection to the list result itself marks that result
        object(userB, b, "CLASSIFICATION", Y + "/" + runId + "/" + b);
        assertThat(CreditScenarioTest.result(runId, b).getBoolean("items[0].underObjection")).isTrue();
        // a decided objection is no longer marked
        long open = asAdmin().get("/api/objections?uscc=" + b + "&status=OPEN").then().statusCode(200).extract().jsonPath()
                .getLong("items[0].id");
        asAdmin().contentType("application/json").body(Map.of("outcome", "UPHELD", "reason", "名单判定无误"))
                .post("/api/objections/" + open + "/decision").then().statusCode(200);
        assertThat(CreditScenarioTest.result(runId, b).getBoolean("items[0].underObjection")).isFalse();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> standing(JsonPath request) {
        return ((List<Map<String, Object>>) (List<?>) request.getList("factors")).stream()
                .filter(f -> "DEBTOR_STANDING".equals(f.get("code"))).findFirst().orElseThrow();
    }

    static void object(String user, String uscc, String type, String ref) {
        asUser(user).contentType("application/json").body(Map.of("uscc", uscc, "itemType", type, "itemRef", ref,
                "reason", "数据有误，附证明")).post("/api/objections").then().statusCode(201);
    }

    static Cookies signIn(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
