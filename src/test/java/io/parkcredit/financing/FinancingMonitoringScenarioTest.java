package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Financing feeds monitoring (DOMAIN.md §6, §7): the routed banks are reminded before a request's
 * pickup deadline, and once a bank has claimed a firm's receivable, a SERIOUS event about the firm
 * alerts that bank.
 */
@QuarkusTest
class FinancingMonitoringScenarioTest {

    private static JsonPath alerts(String uscc, String kind) {
        return asAdmin().get("/api/alerts?uscc=" + uscc + "&kind=" + kind).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theRoutedBankIsRemindedOfThePickupDeadlineAndAlertedOfASeriousEventOnceItHoldsTheRequest() {
        Firm seller = FinancingFixtures.firm("监护融资供应商");
        Firm debtor = FinancingFixtures.firm("监护融资买方");
        FinancingFixtures.steadyFlows(seller.uscc(), debtor.uscc());
        Inst bank = FinancingFixtures.bank();
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("MON"), 150_000, 100_000, 90))
                .getLong("id");
        Fixtures.asUser(debtor.user()).post("/api/financing-requests/" + id + "/debtor-confirmation").then()
                .statusCode(200);
        String deadline = Fixtures.asUser(seller.user()).get("/api/financing-requests/" + id).then().statusCode(200)
                .extract().jsonPath().getString("pickupDeadline");
        LocalDate deadlineDay = java.time.OffsetDateTime.parse(deadline)
                .atZoneSameInstant(FinancingFixtures.PARK_ZONE).toLocalDate();

        // the scan on the deadline's day reminds every institution the request waits with, once
        asAdmin().post("/api/monitoring/scans?day=" + deadlineDay).then().statusCode(200);
        asAdmin().post("/api/monitoring/scans?day=" + deadlineDay).then().statusCode(200);
        JsonPath reminders = alerts(seller.uscc(), "FINANCING_PICKUP_DEADLINE");
        assertThat(reminders.getList("items.institutions", List.class)).anySatisfy(i -> assertThat(i).contains(bank.code()));
        long forThisBank = reminders.getList("items.institutions", List.class).stream()
                .filter(i -> i.contains(bank.code())).count();
        assertThat(forThisBank).isEqualTo(1);

        // the bank takes the request: from now on it has an open financing relation with the firm
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + id + "/claim").then().statusCode(200);
        MonitoringFixtures.post(MonitoringFixtures.event(seller.uscc(), "DISHONEST_DEBTOR", "SERIOUS",
                FinancingFixtures.today().minusDays(1), "被列为失信被执行人"));
        JsonPath events = alerts(seller.uscc(), "EVENT");
        assertThat(events.getInt("total")).isEqualTo(1);
        assertThat(events.getList("items[0].institutions", String.class)).contains(bank.code());
        Fixtures.asUser(bank.user()).get("/api/alerts?uscc=" + seller.uscc()).then().statusCode(200)
                .body("items.kind", hasItem("EVENT"));
    }
}
