package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The sweep (stale claims released, overdue repayments become loans) and the SQL that monitoring
 * runs from this feature: pickup-deadline reminders and financing exposure.
 */
@QuarkusTest
class FinancingSweepTest {

    @Inject
    DataSource ds;

    @Inject
    FinancingSweep sweep;

    @Inject
    PickupDeadlineReminders reminders;

    @Inject
    FinancingExposure exposure;

    @Inject
    EntityManager em;

    long routedToBank(Firm seller, Firm debtor, String tag) {
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode(tag), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "清扫测试"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        return id;
    }

    String status(long id) {
        return (String) FinancingFixtures.rows(ds, "select status from financing_requests where id = ?", id).get(0)[0];
    }

    @Test
    void aClaimNotActedOnWithinItsWindowIsReleasedOnce() {
        Firm seller = FinancingFixtures.firm("认领超时公司");
        Firm debtor = FinancingFixtures.firm("认领超时买方");
        Inst bank = FinancingFixtures.bank();
        long id = routedToBank(seller, debtor, "REL");
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
        Instant claimDeadline = ((java.sql.Timestamp) FinancingFixtures.rows(ds,
                "select claim_deadline from financing_requests where id = ?", id).get(0)[0]).toInstant();

        sweep.sweep(claimDeadline.minusSeconds(1));
        assertThat(status(id)).isEqualTo("CLAIMED");
        sweep.sweep(claimDeadline.plusSeconds(1));
        assertThat(status(id)).isEqualTo("ROUTED");
        sweep.sweep(claimDeadline.plusSeconds(2));
        List<Object[]> released = FinancingFixtures.rows(ds,
                "select institution_code from financing_steps where request_id = ? and step = 'RELEASED'", id);
        assertThat(released).hasSize(1);
        assertThat(released.get(0)[0]).isEqualTo(bank.code());
        // back in the queue: the same bank (or another) can claim again
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
    }

    @Test
    void theScheduledSweepFires() {
        Firm seller = FinancingFixtures.firm("定时清扫公司");
        Firm debtor = FinancingFixtures.firm("定时清扫买方");
        Inst bank = FinancingFixtures.bank();
        long id = routedToBank(seller, debtor, "SCH");
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
        FinancingFixtures.sql(ds, "update financing_requests set claim_deadline = now() - interval '1 minute' where id = ?", id);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!status(id).equals("ROUTED") && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll the condition
        }
        assertThat(status(id)).as("released by the scheduled sweep (every 2 s in tests)").isEqualTo("ROUTED");
    }

    @Test
    void anOverdueRepaymentBecomesALoanInArrearsThatTheRegistryShowsAndRepaymentSettlesIt() {
        Firm seller = FinancingFixtures.firm("逾期还款公司");
        Firm debtor = FinancingFixtures.firm("逾期还款买方");
        Inst bank = FinancingFixtures.bank();
        long id = routedToBank(seller, debtor, "OD");
        String path = "/api/financing-requests/" + id;
        LocalDate today = FinancingFixtures.today();
        Fixtures.asUser(bank.user()).post(path + "/claim").then().statusCode(200);
        long offer = Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of("amount", 80_000, "rate", 4.0,
                "termDays", 30, "expiresOn", today.plusDays(3).toString())).post(path + "/offers").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Fixtures.asUser(seller.user()).post(path + "/offers/" + offer + "/accept").then().statusCode(200);
        Fixtures.asUser(bank.user()).contentType("application/json")
                .body(Map.of("disbursedOn", today.minusDays(40).toString())).post(path + "/disbursement").then()
                .statusCode(200).body("repaymentDue", equalTo(today.minusDays(10).toString()));

        // the scheduled sweep (every 2 s in tests) may record it first; however many sweeps run, it is recorded once
        sweep.sweep(Instant.now());
        sweep.sweep(Instant.now());
        assertThat(FinancingFixtures.rows(ds, "select institution_code, actor, detail from financing_steps"
                + " where request_id = ? and step = 'OVERDUE'", id)).singleElement().satisfies(r -> {
                    assertThat(r[0]).isEqualTo(bank.code());
                    assertThat(r[1]).isEqualTo("system");
                    assertThat(r[2]).isEqualTo("repayment due " + today.minusDays(10) + " not recorded");
                });
        assertThat(FinancingFixtures.rows(ds, "select detail from audit_log where action = 'FINANCING_OVERDUE'"
                + " and target_key = ?", String.valueOf(id))).singleElement().satisfies(r -> assertThat(r[0])
                .isEqualTo("loan FIN-" + id + " of " + bank.code() + " in arrears since " + today.minusDays(10)));
        assertThat(FinancingFixtures.rows(ds, "select overdue_loan_no from financing_requests where id = ?", id).get(0)[0])
                .isEqualTo("FIN-" + id);
        JsonPath loans = Fixtures.asAdmin().get("/api/enterprises/" + seller.uscc() + "/loans").then().statusCode(200)
                .extract().jsonPath();
        assertThat(loans.getList("loanNo", String.class)).containsExactly("FIN-" + id);
        assertThat(loans.getString("[0].lenderCode")).isEqualTo(bank.code());
        assertThat(FinancingFixtures.rows(ds, "select settled_on, principal from loans where loan_no = ?", "FIN-" + id))
                .singleElement().satisfies(r -> {
                    assertThat(r[0]).isNull();
                    assertThat(((java.math.BigDecimal) r[1]).intValue()).isEqualTo(80_000);
                });
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of()).post(path + "/repayment").then()
                .statusCode(200).body("status", equalTo("REPAID"));
        assertThat(FinancingFixtures.rows(ds, "select settled_on from loans where loan_no = ?", "FIN-" + id).get(0)[0])
                .isEqualTo(Date.valueOf(today));
    }

    @Test
    @Transactional
    void pickupReminderSqlNamesEachRoutedInstitutionNearTheDeadline() {
        Firm seller = FinancingFixtures.firm("领取提醒公司");
        Firm debtor = FinancingFixtures.firm("领取提醒买方");
        Inst bank1 = FinancingFixtures.bank();
        Inst bank2 = FinancingFixtures.bank();
        long id = routedToBank(seller, debtor, "PK");
        LocalDate deadline = ((java.sql.Timestamp) FinancingFixtures.rows(ds,
                "select pickup_deadline from financing_requests where id = ?", id).get(0)[0]).toInstant()
                .atZone(FinancingFixtures.PARK_ZONE).toLocalDate();
        assertThat(reminders.kind()).isEqualTo("FINANCING_PICKUP_DEADLINE");

        List<Object[]> due = reminderRows(deadline.minusDays(1), id);
        assertThat(due).extracting(r -> (String) r[2]).contains(bank1.code(), bank2.code());
        assertThat(due).allSatisfy(r -> {
            assertThat((String) r[0]).startsWith("FINANCING_PICKUP_DEADLINE:" + id + ":");
            assertThat(r[1]).isEqualTo(seller.uscc());
            assertThat(r[3].toString()).isEqualTo(deadline.toString());
            assertThat((String) r[4]).contains("领取截止");
        });
        assertThat(due).extracting(r -> (String) r[0]).doesNotHaveDuplicates();
        assertThat(reminderRows(deadline.minusDays(2), id)).isEmpty();
        assertThat(reminderRows(deadline.plusDays(1), id)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    List<Object[]> reminderRows(LocalDate today, long id) {
        return ((List<Object[]>) em.createNativeQuery("select * from (" + reminders.sql() + ") x")
                .setParameter("today", today).getResultList()).stream()
                .filter(r -> ((String) r[0]).startsWith("FINANCING_PICKUP_DEADLINE:" + id + ":")).toList();
    }

    @Test
    void exposureSqlNamesTheClaimingBankAndTheGuarantorUntilRepaid() {
        Firm seller = FinancingFixtures.firm("敞口公司");
        Firm debtor = FinancingFixtures.firm("敞口买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst guarantor = FinancingFixtures.guarantor();
        Inst bank = FinancingFixtures.bank();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("EXP"), 150_000, 100_000, 90))
                .getLong("id");
        String path = "/api/financing-requests/" + id;
        assertThat(exposed(seller.uscc())).isEmpty();
        Fixtures.asUser(guarantor.user()).post(path + "/claim").then().statusCode(200);
        assertThat(exposed(seller.uscc())).containsExactly(guarantor.code());
        Fixtures.asUser(guarantor.user()).contentType("application/json")
                .body(Map.of("letterNo", "BH-E" + id, "amount", 100_000, "feeRate", 1.2)).post(path + "/guarantee").then()
                .statusCode(200);
        assertThat(exposed(seller.uscc())).containsExactly(guarantor.code());
        Fixtures.asUser(bank.user()).post(path + "/claim").then().statusCode(200);
        assertThat(exposed(seller.uscc())).containsExactlyInAnyOrder(guarantor.code(), bank.code());
        long offer = Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of("amount", 90_000, "rate", 4.0,
                "termDays", 60, "expiresOn", FinancingFixtures.today().plusDays(3).toString())).post(path + "/offers").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        Fixtures.asUser(seller.user()).post(path + "/offers/" + offer + "/accept").then().statusCode(200);
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of()).post(path + "/disbursement").then()
                .statusCode(200);
        assertThat(exposed(seller.uscc())).containsExactlyInAnyOrder(guarantor.code(), bank.code());
        Fixtures.asUser(bank.user()).contentType("application/json").body(Map.of()).post(path + "/repayment").then()
                .statusCode(200);
        assertThat(exposed(seller.uscc())).isEmpty();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> exposed(String uscc) {
        return ((List<Object[]>) em.createNativeQuery("select * from (" + exposure.sql() + ") x")
                .setParameter("today", FinancingFixtures.today()).getResultList()).stream()
                .filter(r -> uscc.equals(r[0])).map(r -> (String) r[1]).distinct().toList();
    }
}
