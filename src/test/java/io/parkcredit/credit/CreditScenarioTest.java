package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stories of DOMAIN.md §8 through the API, on the business clock of 2063 (a year no other test
 * classifies): a repaired GENERAL record puts a firm on RED and the bank told of it gets a
 * CORRECTION; an objection corrected by a fixed loan settles the arrears; a false commitment becomes
 * a SERIOUS event and refuses the next 告知承诺.
 */
@QuarkusTest
class CreditScenarioTest {

    static final int Y = 2063;

    @Inject
    DataSource dataSource;

    @Inject
    io.parkcredit.monitoring.ReminderScan scan;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    record Firm(String uscc, String name, String user, String bank, String bankUser, String loanNo) {
    }

    /** A firm registered in 2015 with one open loan from its own bank (and that bank's officer). */
    static Firm firm(String tag, String loanStart, String loanDue, String settled) {
        String uscc = Fixtures.newUscc();
        String bank = Fixtures.newCode("CB");
        String loanNo = Fixtures.newCode("L-");
        String name = tag + Fixtures.newCode("") + "有限公司";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + bank + ",信用修复测试银行,BANK\n");
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, name));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + "," + loanNo + "," + uscc + ",500000," + loanStart + "," + loanDue + "," + (settled == null ? "" : settled) + "\n");
        Fixtures.importBundle(files);
        return new Firm(uscc, name, Fixtures.newUser("ENTERPRISE", uscc, null), bank, Fixtures.newUser("BANK", null, bank),
                loanNo);
    }

    static long runClassification() {
        return asAdmin().post("/api/classifications/" + Y + "/runs").then().statusCode(201).extract().jsonPath().getLong("runId");
    }

    static JsonPath result(long runId, String uscc) {
        return asAdmin().get("/api/classifications/" + Y + "/runs/" + runId + "/results?q=" + uscc).then().statusCode(200)
                .extract().jsonPath();
    }

    static long commitment(String user, String uscc, String kind, String matter) {
        return asUser(user).contentType("application/json").body(Map.of("uscc", uscc, "kind", kind, "matter", matter,
                "text", "本企业承诺所报材料真实有效，如有不实愿承担相应责任。")).post("/api/commitments").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** An ADMIN monitoring rule that tells lenders of a firm's GENERAL 经营异常 records (added once). */
    static void abnormalOperationAlertsLenders() {
        List<Map<String, Object>> rules = asAdmin().get("/api/monitoring/rules").then().statusCode(200).extract().jsonPath()
                .getList("$");
        if (rules.stream().noneMatch(r -> "ABNORMAL_OPERATION".equals(r.get("eventType")) && "GENERAL".equals(r.get("severity")))) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("eventType", "ABNORMAL_OPERATION");
            rule.put("severity", "GENERAL");
            rule.put("level", "WARNING");
            rule.put("notifyFirm", true);
            rule.put("notifyOfficers", true);
            rule.put("notifyInstitutions", true);
            rule.put("sms", false);
            rule.put("templateCode", "PC_EVENT_ABNORMAL");
            rule.put("template", "【园区信用通】{firm}：贵企业被列入经营异常名录（{date}）。");
            rule.put("enabled", true);
            rule.put("reason", "经营异常同时告知贷款银行");
            asAdmin().contentType("application/json").body(rule).post("/api/monitoring/rules").then().statusCode(201);
        }
    }

    @Test
    void aRepairedGeneralRecordPutsTheFirmOnRedAndTellsTheBankThatWasAlerted() {
        // given an ADMIN rule that tells lenders of a firm's GENERAL 经营异常 records
        abnormalOperationAlertsLenders();
        // and a firm with a loan from its bank that is reported for a GENERAL record on 10 March
        TestClock.set(LocalDate.of(Y, 3, 12));
        Firm f = firm("修复", Y + "-01-15", (Y + 1) + "-06-30", null);
        String eventNo = Fixtures.newCode("AO-");
        String ref = "SAMR/" + eventNo;
        asAdmin().contentType("application/json").body(Map.of("source", "SAMR", "eventNo", eventNo, "uscc", f.uscc(),
                "type", "ABNORMAL_OPERATION", "severity", "GENERAL", "occurredOn", Y + "-03-10", "title", "未按期公示年报"))
                .post("/api/credit-events").then().statusCode(201);
        assertThat(asUser(f.bankUser()).get("/api/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.eventRef")).contains(ref);

        // the record keeps the firm off RED: GENERAL within 12 months of the evaluation day
        long draft = runClassification();
        JsonPath before = result(draft, f.uscc());
        assertThat(before.getString("items[0].list")).isEqualTo("NONE");
        assertThat(before.getList("items[0].clauses.findAll { it.code == 'RED_NO_GENERAL' }.passed")).containsExactly(false);
        assertThat(publicRecords(f, Y + "-06-05")).containsExactly(ref);

        // when the firm applies on 5 June, before its 3-month period is over
        TestClock.set(LocalDate.of(Y, 6, 5));
        List<Map<String, Object>> records = asUser(f.user()).get("/api/credit-records").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("ref", ref).containsEntry("firstRepairDay", Y + "-06-11")
                .containsEntry("publishedUntil", (Y + 1) + "-03-10").containsEntry("published", true);
        long promise = commitment(f.user(), f.uscc(), "REPAIR", "经营异常信用修复承诺");
        Map<String, Object> application = Map.of("uscc", f.uscc(), "itemRef", ref,
                "evidence", List.of("已补报 " + (Y - 1) + " 年度报告并公示"), "commitmentId", promise);
        asUser(f.user()).contentType("application/json").body(application).post("/api/repairs").then().statusCode(409)
                .contentType("application/problem+json").body("firstDay", equalTo(Y + "-06-11"))
                .body("code", equalTo("repairTooEarly"));

        // then on time, on Monday 11 June: decided within 5 working days (Monday 18 June)
        TestClock.set(LocalDate.of(Y, 6, 11));
        JsonPath applied = asUser(f.user()).contentType("application/json").body(application).post("/api/repairs").then()
                .statusCode(201).body("status", equalTo("SUBMITTED")).extract().jsonPath();
        assertThat(applied.getString("dueOn")).isEqualTo(Y + "-06-18");
        long repairId = applied.getLong("id");
        // a second application while one is open is refused
        asUser(f.user()).contentType("application/json").body(application).post("/api/repairs").then().statusCode(409)
                .body("code", equalTo("repairOpen"));

        // the park approves it on 12 June
        TestClock.set(LocalDate.of(Y, 6, 12));
        asAdmin().contentType("application/json").body(Map.of("outcome", "APPROVED", "reason", "已补报年报，移出经营异常名录"))
                .post("/api/repairs/" + repairId + "/decision").then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("decidedOn", equalTo(Y + "-06-12"));

        // then the record is repaired, the current draft is corrected and a new run puts the firm on RED
        assertThat(result(draft, f.uscc()).getString("items[0].list")).isEqualTo("RED");
        assertThat(result(runClassification(), f.uscc()).getString("items[0].list")).isEqualTo("RED");
        // the bank that was alerted receives a CORRECTION, and so does the firm
        List<Map<String, Object>> bankNotices = asUser(f.bankUser()).get("/api/corrections").then().statusCode(200).extract()
                .jsonPath().getList("items");
        assertThat(bankNotices).hasSize(1);
        assertThat(bankNotices.get(0)).containsEntry("uscc", f.uscc()).containsEntry("itemType", "CREDIT_EVENT")
                .containsEntry("itemRef", ref).containsEntry("cause", "REPAIR").containsEntry("recipient", f.bank());
        assertThat(asUser(f.user()).get("/api/corrections").then().statusCode(200).extract().jsonPath()
                .getList("items.recipientKind")).containsExactly("FIRM");
        // and the record leaves the public page from the repair day
        assertThat(publicRecords(f, Y + "-06-11")).containsExactly(ref);
        assertThat(publicRecords(f, Y + "-06-12")).isEmpty();
        // the decision is audited
        assertThat(asAdmin().get("/api/audit?targetType=repair&targetKey=" + repairId).then().statusCode(200).extract()
                .jsonPath().getList("items.action")).containsExactly("REPAIR_APPROVED", "REPAIR_APPLIED");
    }

    /** The refs of the firm's negative records on the public page that day, without credentials. */
    static List<String> publicRecords(Firm f, String day) {
        return io.restassured.RestAssured.given().get("/api/publicity?kind=NEGATIVE_RECORD&day=" + day + "&q=" + f.uscc())
                .then().statusCode(200).extract().jsonPath().getList("items.basis", String.class).stream()
                .map(b -> b.substring(b.lastIndexOf('[') + 1, b.length() - 1)).toList();
    }

    @Test
    void anObjectionCorrectedByAFixedLoanSettlesTheArrearsAndChangesTheDraftList() {
        // given a firm whose loan fell due on 30 June and shows as never repaid
        TestClock.set(LocalDate.of(Y, 9, 3));
        Firm f = firm("异议", (Y - 1) + "-01-10", Y + "-06-30", null);
        String loanRef = f.bank() + "/" + f.loanNo();
        long draft = runClassification();
        JsonPath before = result(draft, f.uscc());
        assertThat(before.getString("items[0].list")).isEqualTo("NONE");
        assertThat(before.getList("items[0].clauses.findAll { it.code == 'RED_NOT_IN_ARREARS' }.passed")).containsExactly(false);

        // when the firm objects: it repaid on 28 June
        JsonPath objection = asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "itemType", "LOAN",
                "itemRef", loanRef, "reason", "该笔贷款已于" + Y + "-06-28 结清，附银行结清证明")).post("/api/objections").then()
                .statusCode(201).body("status", equalTo("SUBMITTED")).extract().jsonPath();
        // 10 working days from Monday 3 September: Monday 17 September
        assertThat(objection.getString("dueOn")).isEqualTo(Y + "-09-17");
        long id = objection.getLong("id");
        asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "itemType", "LOAN", "itemRef", loanRef,
                "reason", "再次异议")).post("/api/objections").then().statusCode(409);
        // another firm's user cannot object to it (it learns nothing of the loan)
        Firm other = firm("旁观", (Y - 1) + "-01-10", (Y + 1) + "-06-30", null);
        asUser(other.user()).contentType("application/json").body(Map.of("uscc", other.uscc(), "itemType", "LOAN",
                "itemRef", loanRef, "reason", "x")).post("/api/objections").then().statusCode(404);

        // the park refers it to the lender and corrects the loan
        asAdmin().contentType("application/json").body(Map.of("note", "请核实结清日期")).post("/api/objections/" + id + "/referral")
                .then().statusCode(200).body("status", equalTo("VERIFYING")).body("referredTo", equalTo(f.bank()));
        asAdmin().contentType("application/json").body(Map.of("outcome", "CORRECTED", "reason", "银行确认已于6月28日结清",
                "correction", Map.of("settled_on", Y + "-06-28"))).post("/api/objections/" + id + "/decision").then()
                .statusCode(200).body("status", equalTo("CORRECTED"));

        // then the loan is settled, the firm's draft list is corrected and the lender and the firm are told
        assertThat(io.parkcredit.testing.FinancingFixtures.rows(dataSource, "select settled_on::text from loans where lender_code = ?"
                + " and loan_no = ?", f.bank(), f.loanNo()).get(0)[0]).isEqualTo(Y + "-06-28");
        JsonPath after = result(draft, f.uscc());
        assertThat(after.getString("items[0].list")).isEqualTo("RED");
        assertThat(after.getList("items[0].clauses.findAll { it.code == 'RED_NOT_IN_ARREARS' }.passed")).containsExactly(true);
        assertThat(asUser(f.bankUser()).get("/api/corrections").then().statusCode(200).extract().jsonPath()
                .getList("items.itemRef")).containsExactly(loanRef);
        assertThat(asUser(other.bankUser()).get("/api/corrections").then().statusCode(200).extract().jsonPath()
                .getList("items")).isEmpty();
        // a correction of a field the loan does not have is refused naming it
        JsonPath second = asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "itemType", "LOAN",
                "itemRef", loanRef, "reason", "本金有误")).post("/api/objections").then().statusCode(201).extract().jsonPath();
        asAdmin().contentType("application/json").body(Map.of("outcome", "CORRECTED", "reason", "x",
                "correction", Map.of("interest", "5"))).post("/api/objections/" + second.getLong("id") + "/decision").then()
                .statusCode(422).body("errors[0].field", equalTo("correction.interest"));
    }

    @Test
    void aFalseCommitmentBecomesASeriousEventAndRefusesTheNextNotificationCommitment() {
        TestClock.set(LocalDate.of(Y, 10, 10));
        Firm f = firm("承诺", (Y - 1) + "-01-10", (Y + 1) + "-06-30", null);
        // a clean firm may use 告知承诺 and is checked on paper
        JsonPath signed = asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "kind", "LICENSE",
                "matter", "食品经营许可", "text", "本企业承诺符合食品经营许可条件。", "public", true)).post("/api/commitments").then()
                .statusCode(201).body("status", equalTo("OPEN")).body("verification", equalTo("DESK"))
                .body("kind", equalTo("LICENSE")).body("uscc", equalTo(f.uscc())).extract().jsonPath();
        long id = signed.getLong("id");
        // a firm cannot sign for another firm, nor record its own outcome
        asUser(f.user()).contentType("application/json").body(Map.of("uscc", Fixtures.newUscc(), "kind", "VOLUNTARY",
                "matter", "x", "text", "y")).post("/api/commitments").then().statusCode(403);
        asUser(f.user()).contentType("application/json").body(Map.of("outcome", "FULFILLED", "note", "x"))
                .post("/api/commitments/" + id + "/outcome").then().statusCode(403);

        // when the on-site check finds the statement false
        JsonPath breached = asAdmin().contentType("application/json").body(Map.of("outcome", "BREACHED", "falseStatement", true,
                "note", "现场核查发现无冷链设施")).post("/api/commitments/" + id + "/outcome").then().statusCode(200)
                .body("status", equalTo("BREACHED")).extract().jsonPath();
        assertThat(breached.getString("event.source")).isEqualTo("PARK");
        assertThat(breached.getString("event.eventNo")).isEqualTo("CMT-" + id);
        assertThat(breached.getString("event.type")).isEqualTo("COMMITMENT_BREACH");
        assertThat(breached.getString("event.severity")).isEqualTo("SERIOUS");
        assertThat(breached.getString("event.occurredOn")).isEqualTo(Y + "-10-10");
        // monitoring saw it
        assertThat(asAdmin().get("/api/alerts?uscc=" + f.uscc()).then().statusCode(200).extract().jsonPath()
                .getList("items.eventRef")).contains("PARK/CMT-" + id);

        // then the next 告知承诺 is refused naming the record and the false commitment
        asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "kind", "APPLICATION",
                "matter", "无犯罪记录证明", "text", "承诺无犯罪记录。")).post("/api/commitments").then().statusCode(409)
                .contentType("application/problem+json")
                .body("reasons.code", equalTo(List.of("refusedSerious", "refusedFalseCommitment")))
                .body("reasons[0].params.ref", equalTo("PARK/CMT-" + id))
                .body("reasons[1].params.commitment", equalTo(String.valueOf(id)));
        // other commitments are still open to it, checked on site now
        asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "kind", "VOLUNTARY",
                "matter", "按时足额缴纳社保", "text", "承诺。")).post("/api/commitments").then().statusCode(201);
        // an outcome is recorded once
        asAdmin().contentType("application/json").body(Map.of("outcome", "FULFILLED", "note", "x"))
                .post("/api/commitments/" + id + "/outcome").then().statusCode(409);
    }

    @Test
    void anOverdueObjectionAlertsTheParkEveryDayWithoutTextingTheFirm() {
        // an objection submitted on Monday 5 November is due on Monday 19 November (10 working days)
        TestClock.set(LocalDate.of(Y, 11, 5));
        Firm f = firm("逾期", (Y - 1) + "-01-10", (Y + 1) + "-06-30", null);
        asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "itemType", "LOAN",
                "itemRef", f.bank() + "/" + f.loanNo(), "reason", "本金登记有误")).post("/api/objections").then()
                .statusCode(201).body("dueOn", equalTo(Y + "-11-19"));

        // on its last day nothing is overdue; from the day after, the park's inbox gets one alert a day
        assertThat(scan.scan(LocalDate.of(Y, 11, 19))).containsEntry("OBJECTION_OVERDUE", 0);
        assertThat(scan.scan(LocalDate.of(Y, 11, 20))).containsEntry("OBJECTION_OVERDUE", 1);
        assertThat(scan.scan(LocalDate.of(Y, 11, 20))).containsEntry("OBJECTION_OVERDUE", 0);
        assertThat(scan.scan(LocalDate.of(Y, 11, 21))).containsEntry("OBJECTION_OVERDUE", 1);
        JsonPath alerts = asAdmin().get("/api/alerts?uscc=" + f.uscc()).then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getList("items.kind", String.class)).containsExactly("OBJECTION_OVERDUE", "OBJECTION_OVERDUE");
        // the firm is not texted about the park's own deadline
        assertThat(asAdmin().get("/api/sms?uscc=" + f.uscc()).then().statusCode(200).extract().jsonPath().getInt("total"))
                .isZero();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        asAdmin().contentType("application/json").body(Map.of("uscc", "91410481MA0000000X", "kind", "LICENSE",
                "matter", "x", "text", "y")).post("/api/commitments").then().statusCode(422).body("errors[0].field", equalTo("uscc"));
        asAdmin().contentType("application/json").body(Map.of("kind", "NOPE", "uscc", Fixtures.newEnterprise("输入检查"),
                "matter", "x", "text", "y")).post("/api/commitments").then().statusCode(422).body("errors[0].field", equalTo("kind"));
        asAdmin().contentType("application/json").body("{\"outcome\": \"MAYBE\", \"reason\": \"x\"}")
                .post("/api/repairs/1/decision").then().statusCode(422).body("errors[0].field", equalTo("outcome"));
        io.restassured.RestAssured.given().get("/api/publicity?day=2025-13-01").then().statusCode(422)
                .body("errors[0].field", equalTo("day"));
        io.restassured.RestAssured.given().get("/api/publicity?kind=LOANS").then().statusCode(422)
                .body("errors[0].field", equalTo("kind"));
    }
}
