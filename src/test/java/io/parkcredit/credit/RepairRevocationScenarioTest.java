package io.parkcredit.credit;

import static io.parkcredit.credit.CreditScenarioTest.Y;
import static io.parkcredit.credit.CreditScenarioTest.publicRecords;
import static io.parkcredit.credit.CreditScenarioTest.result;
import static io.parkcredit.credit.CreditScenarioTest.runClassification;
import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.credit.CreditScenarioTest.Firm;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §8.3, the broken promise: a firm whose GENERAL record was repaired breaches its repair
 * commitment within the year, so the repair is revoked — the record counts and is published again,
 * the breach itself is a SERIOUS record, the firm's draft list leaves RED — and the firm and the
 * bank that was alerted of the record get a CORRECTION. On the business clock of 2063.
 */
@QuarkusTest
class RepairRevocationScenarioTest {

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aBrokenRepairCommitmentRevokesTheRepairAndPublishesTheRecordAgain() {
        // given a firm reported on 10 March for a GENERAL record its bank was alerted of
        CreditScenarioTest.abnormalOperationAlertsLenders();
        TestClock.set(LocalDate.of(Y, 3, 12));
        Firm f = CreditScenarioTest.firm("违诺", Y + "-01-15", (Y + 1) + "-06-30", null);
        String eventNo = Fixtures.newCode("AO-");
        String ref = "SAMR/" + eventNo;
        asAdmin().contentType("application/json").body(Map.of("source", "SAMR", "eventNo", eventNo, "uscc", f.uscc(),
                "type", "ABNORMAL_OPERATION", "severity", "GENERAL", "occurredOn", Y + "-03-10", "title", "未按期公示年报"))
                .post("/api/credit-events").then().statusCode(201);
        assertThat(asUser(f.bankUser()).get("/api/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items.eventRef")).contains(ref);

        // and repaired on 12 June on its promise (修复承诺)
        TestClock.set(LocalDate.of(Y, 6, 11));
        long promise = CreditScenarioTest.commitment(f.user(), f.uscc(), "REPAIR", "经营异常信用修复承诺");
        long repairId = asUser(f.user()).contentType("application/json").body(Map.of("uscc", f.uscc(), "itemRef", ref,
                "evidence", List.of("已补报年度报告并公示"), "commitmentId", promise)).post("/api/repairs").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        TestClock.set(LocalDate.of(Y, 6, 12));
        asAdmin().contentType("application/json").body(Map.of("outcome", "APPROVED", "reason", "已移出经营异常名录"))
                .post("/api/repairs/" + repairId + "/decision").then().statusCode(200).body("status", equalTo("APPROVED"));
        long draft = runClassification();
        assertThat(result(draft, f.uscc()).getString("items[0].list")).isEqualTo("RED");
        assertThat(publicRecords(f, Y + "-06-12")).isEmpty();

        // when, on 20 November (within the year after the repair), the park finds the promise broken
        TestClock.set(LocalDate.of(Y, 11, 20));
        JsonPath breached = asAdmin().contentType("application/json").body(Map.of("outcome", "BREACHED",
                "note", "再次未按期公示年报")).post("/api/commitments/" + promise + "/outcome").then().statusCode(200)
                .body("status", equalTo("BREACHED")).extract().jsonPath();
        String breachRef = "PARK/CMT-" + promise;
        // the breach of a repair commitment is SERIOUS even without a false statement
        assertThat(breached.getString("event.type")).isEqualTo("COMMITMENT_BREACH");
        assertThat(breached.getString("event.severity")).isEqualTo("SERIOUS");
        assertThat(breached.getString("event.occurredOn")).isEqualTo(Y + "-11-20");

        // then the repair is revoked on that day
        asUser(f.user()).get("/api/repairs/" + repairId).then().statusCode(200).body("status", equalTo("REVOKED"))
                .body("revokedOn", equalTo(Y + "-11-20")).body("decidedOn", equalTo(Y + "-06-12"));
        // the record counts again and is published again, beside the breach
        List<Map<String, Object>> records = asUser(f.user()).get("/api/credit-records").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertThat(records).extracting(r -> r.get("ref")).containsExactlyInAnyOrder(ref, breachRef);
        Map<String, Object> record = records.stream().filter(r -> ref.equals(r.get("ref"))).findFirst().orElseThrow();
        assertThat(record).containsEntry("repairedOn", null).containsEntry("counts", true).containsEntry("published", true)
                .containsEntry("publishedUntil", (Y + 1) + "-03-10");
        Map<String, Object> breach = records.stream().filter(r -> breachRef.equals(r.get("ref"))).findFirst().orElseThrow();
        // SERIOUS: repairable after its shortest year, published for three
        assertThat(breach).containsEntry("severity", "SERIOUS").containsEntry("firstRepairDay", (Y + 1) + "-11-21")
                .containsEntry("publishedUntil", (Y + 3) + "-11-20").containsEntry("counts", true);
        assertThat(publicRecords(f, Y + "-11-20")).containsExactlyInAnyOrder(ref, breachRef);

        // the firm's draft list is decided again: off RED on both the GENERAL and the SERIOUS clause
        JsonPath after = result(draft, f.uscc());
        assertThat(after.getString("items[0].list")).isEqualTo("NONE");
        assertThat(after.getList("items[0].clauses.findAll { it.code == 'RED_NO_GENERAL' }.passed")).containsExactly(false);
        assertThat(after.getList("items[0].clauses.findAll { it.code == 'RED_NO_SERIOUS' }.passed")).containsExactly(false);

        // the bank that was alerted of the record and the firm each get a REVOCATION notice after the REPAIR one
        JsonPath bank = asUser(f.bankUser()).get("/api/corrections").then().statusCode(200).extract().jsonPath();
        assertThat(bank.getList("items.cause")).containsExactly("REVOCATION", "REPAIR");
        assertThat(bank.getList("items.itemRef")).containsExactly(ref, ref);
        assertThat(bank.getString("items[0].recipient")).isEqualTo(f.bank());
        assertThat(bank.getString("items[0].detail")).contains(ref).contains("承诺 " + promise).contains(Y + "-11-20");
        assertThat(bank.getLong("items[0].causeId")).isEqualTo(repairId);
        JsonPath firm = asUser(f.user()).get("/api/corrections").then().statusCode(200).extract().jsonPath();
        assertThat(firm.getList("items.cause")).containsExactly("REVOCATION", "REPAIR");
        assertThat(firm.getList("items.recipientKind")).containsExactly("FIRM", "FIRM");
        // the firm is alerted of the new SERIOUS record by monitoring (§6)
        assertThat(asAdmin().get("/api/alerts?uscc=" + f.uscc()).then().statusCode(200).extract().jsonPath()
                .getList("items.eventRef")).contains(breachRef);
        // and every step is audited
        assertThat(asAdmin().get("/api/audit?targetType=repair&targetKey=" + repairId).then().statusCode(200).extract()
                .jsonPath().getList("items.action")).containsExactly("REPAIR_REVOKED", "REPAIR_APPROVED", "REPAIR_APPLIED");
        assertThat(asAdmin().get("/api/audit?targetType=commitment&targetKey=" + promise).then().statusCode(200).extract()
                .jsonPath().getString("items[0].detail")).contains("repair " + repairId + " revoked");
    }
}
