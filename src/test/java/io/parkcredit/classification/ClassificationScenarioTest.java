package io.parkcredit.classification;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The park committee's year (DOMAIN.md §4), as a story: classify Y−1 and publish; the data
 * changes (a loan is settled, an event repaired); classify Y and publish; a wrong arrears record
 * is corrected and Y is published again, and whoever was told about the firm is told again.
 * Years are far in the future so that no other test's runs interfere.
 */
@QuarkusTest
class ClassificationScenarioTest {

    static final int Y = 2092;
    static final int PREV = Y - 1;

    @Inject
    DataSource dataSource;

    @Test
    void aParkIsClassifiedPublishedCorrectedAndPublishedAgain() throws SQLException {
        String bank = Fixtures.newCode("BK");
        String red = Fixtures.newUscc();
        String yellow = Fixtures.newUscc();
        String white = Fixtures.newUscc();
        String repaired = Fixtures.newUscc();
        String misreported = Fixtures.newUscc();
        String prospect = Fixtures.newUscc();
        String deregistered = Fixtures.newUscc();

        Map<String, String> park = new LinkedHashMap<>();
        park.put("institutions", "code,name,kind\n" + bank + ",情景银行,BANK\n");
        park.put("enterprises", Fixtures.ENTERPRISES_HEADER
                + Fixtures.enterpriseRow(red, "守信按期还款公司")
                + Fixtures.enterpriseRow(yellow, "逃废债公司")
                + Fixtures.enterpriseRow(white, "无贷培育公司")
                + Fixtures.enterpriseRow(repaired, "已修复公司")
                + Fixtures.enterpriseRow(misreported, "误报欠贷公司")
                + prospect + ",园区外公司,2015-03-01,C3110,1,1,ACTIVE,王,13800138000,false,,0,0\n"
                + deregistered + ",已注销公司,2015-03-01,C3110,1,1,DEREGISTERED,王,13800138000,true,,0,0\n");
        park.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + ",R1-" + red + "," + red + ",500000," + PREV + "-03-01," + Y + "-03-01," + Y + "-02-20\n"
                + bank + ",Y1-" + yellow + "," + yellow + ",100000," + (PREV - 1) + "-06-01," + PREV + "-06-01,\n"
                + bank + ",M1-" + misreported + "," + misreported + ",100000," + (PREV - 1) + "-07-01," + Y + "-03-01,\n");
        park.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR,S-" + repaired + "," + repaired + ",ADMIN_PENALTY,SERIOUS," + PREV + "-05-01,50000,,重大环保处罚,,\n"
                + "BANK,E-" + misreported + "," + misreported + ",DEBT_EVASION,SERIOUS," + Y + "-01-10,,,银行报送逃废债,,\n");
        park.put("financial_statements", "uscc,year,revenue\n"
                + white + "," + PREV + ",2000000\n" + repaired + "," + PREV + ",1500000\n" + repaired + "," + Y + ",1600000\n");
        park.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "IN-" + yellow + "," + yellow + "," + PREV + "-11-30,IN,250000,,大客户\n");
        Fixtures.importBundle(park);

        // Y−1: classify and publish
        long prevRun = run(PREV);
        assertThat(listOf(PREV, prevRun, red)).isEqualTo("RED");
        assertThat(listOf(PREV, prevRun, yellow)).isEqualTo("YELLOW");
        assertThat(listOf(PREV, prevRun, white)).isEqualTo("WHITE");
        assertThat(listOf(PREV, prevRun, repaired)).isEqualTo("NONE");
        assertThat(listOf(PREV, prevRun, prospect)).isNull();
        assertThat(listOf(PREV, prevRun, deregistered)).isNull();
        asAdmin().post("/api/classifications/" + PREV + "/runs/" + prevRun + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        assertThat(noticesAbout(yellow, prevRun)).contains("BANK:" + bank, "MEMBER_UNIT:人民银行舞钢市支行");

        // the data changes: the evader settles, the serious record is repaired
        Fixtures.importBundle(Map.of(
                "loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                        + bank + ",Y1-" + yellow + "," + yellow + ",100000," + (PREV - 1) + "-06-01," + PREV + "-06-01," + Y + "-01-15\n",
                "credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                        + "SAMR,S-" + repaired + "," + repaired + ",ADMIN_PENALTY,SERIOUS," + PREV + "-05-01,50000,,重大环保处罚,," + Y + "-03-01\n"));

        // Y, first version: the misreported firm is in arrears and flagged for evasion
        long y1 = run(Y);
        assertThat(listOf(Y, y1, yellow)).isEqualTo("NONE");   // settled 228 days late: not RED, not loan-free
        assertThat(listOf(Y, y1, repaired)).isEqualTo("WHITE");
        assertThat(listOf(Y, y1, misreported)).isEqualTo("YELLOW");
        asAdmin().post("/api/classifications/" + Y + "/runs/" + y1 + "/publish").then().statusCode(200);
        JsonPath overview = asAdmin().get("/api/classifications/" + Y).then().statusCode(200).extract().jsonPath();
        assertThat(overview.getList("movedSincePreviousYear.findAll { it.uscc == '" + yellow + "' }.toList"))
                .containsExactly("NONE");
        assertThat(overview.getList("movedSincePreviousYear.findAll { it.uscc == '" + repaired + "' }.fromList"))
                .containsExactly("NONE");
        assertThat(overview.getList("movedSincePreviousYear.findAll { it.uscc == '" + repaired + "' }.toList"))
                .containsExactly("WHITE");
        assertThat(overview.getList("flowsFromPreviousYear")).isNotEmpty();

        // the lender corrects its record: the loan was not due yet, the evasion report is withdrawn
        Fixtures.importBundle(Map.of(
                "loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                        + bank + ",M1-" + misreported + "," + misreported + ",100000," + (PREV - 1) + "-07-01," + (Y + 1) + "-03-01,\n",
                "credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                        + "BANK,E-" + misreported + "," + misreported + ",DEBT_EVASION,SERIOUS," + Y + "-01-10,,,银行报送逃废债,," + Y + "-02-01\n"));
        long y2 = run(Y);
        assertThat(listOf(Y, y2, misreported)).isEqualTo("RED");
        asAdmin().post("/api/classifications/" + Y + "/runs/" + y2 + "/publish").then().statusCode(200)
                .body("supersedesRunId", is((int) y1));
        asAdmin().get("/api/classifications/" + Y + "/runs/" + y1).then().body("status", equalTo("SUPERSEDED"));
        asAdmin().get("/api/classifications/" + Y + "/runs/" + y2 + "/transitions").then().statusCode(200)
                .body("find { it.uscc == '" + misreported + "' }.fromList", equalTo("YELLOW"))
                .body("find { it.uscc == '" + misreported + "' }.toList", equalTo("RED"));
        // whoever was told about the firm under the old version is told of the correction
        List<String> told = noticesAbout(misreported, y1);
        assertThat(told).contains("BANK:" + bank);
        assertThat(correctionsAbout(misreported, y2)).containsExactlyInAnyOrderElementsOf(told);

        // published versions are immutable
        asAdmin().post("/api/classifications/" + Y + "/runs/" + y1 + "/publish").then().statusCode(409);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.executeUpdate(
                    "update classification_results set list = 'RED' where run_id = " + y2))
                    .hasMessageContaining("immutable");
        }

        // the measures, per role
        String firmUser = Fixtures.newUser("ENTERPRISE", misreported, null);
        Fixtures.asUser(firmUser).get("/api/classifications/" + Y + "/runs/" + y2 + "/results").then().statusCode(200)
                .body("total", is(1)).body("items[0].list", equalTo("RED"))
                .body("items[0].clauses.code", org.hamcrest.Matchers.hasItem("RED_RATING_FLOOR"));
        Fixtures.asUser(firmUser).get("/api/enterprises/" + misreported).then()
                .body("classification.year", is(Y)).body("classification.list", equalTo("RED"));
        String banker = Fixtures.newUser("BANK", null, bank);
        Fixtures.asUser(banker).get("/api/classifications/" + Y + "/runs/" + y2 + "/results?list=RED&size=10000")
                .then().statusCode(200).body("items.uscc", org.hamcrest.Matchers.hasItem(red));
        Fixtures.asUser(banker).get("/api/classifications/" + Y + "/runs/" + y2 + "/results?list=YELLOW").then().statusCode(403);
        Fixtures.asUser(banker).get("/api/classifications/notices?size=10000").then().statusCode(200)
                .body("items.findAll { it.uscc == '" + misreported + "' }.kind",
                        org.hamcrest.Matchers.hasItems("YELLOW", "CORRECTION"))
                .body("items.recipient", org.hamcrest.Matchers.everyItem(equalTo(bank)));
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).get("/api/classifications/" + Y + "/runs/" + y2 + "/results?list=YELLOW").then().statusCode(200);
        long draft = run(Y);
        Fixtures.asUser(regulator).get("/api/classifications/" + Y + "/runs/" + draft + "/results").then().statusCode(404);
        asAdmin().get("/api/audit?targetType=classification&targetKey=" + Y + "/" + y2).then()
                .body("items.action", org.hamcrest.Matchers.hasItems("CLASSIFICATION_RUN", "CLASSIFICATION_PUBLISHED"));
    }

    static long run(int year) {
        return asAdmin().post("/api/classifications/" + year + "/runs").then().statusCode(201)
                .body("status", equalTo("DRAFT")).extract().jsonPath().getLong("runId");
    }

    /** The list of a firm in a run, or null when the firm was not classified. */
    static String listOf(int year, long run, String uscc) {
        JsonPath page = asAdmin().get("/api/classifications/" + year + "/runs/" + run + "/results?q=" + uscc)
                .then().statusCode(200).extract().jsonPath();
        return page.getInt("total") == 0 ? null : page.getString("items[0].list");
    }

    private List<String> noticesAbout(String uscc, long run) {
        return asAdmin().get("/api/classifications/notices?size=10000").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.uscc == '" + uscc + "' && it.runId == " + run + " && it.kind == 'YELLOW' }"
                        + ".collect { it.recipientKind + ':' + it.recipient }");
    }

    private List<String> correctionsAbout(String uscc, long run) {
        return asAdmin().get("/api/classifications/notices?size=10000").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.uscc == '" + uscc + "' && it.runId == " + run + " && it.kind == 'CORRECTION' }"
                        + ".collect { it.recipientKind + ':' + it.recipient }");
    }
}
