package io.parkcredit.monitoring;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static io.parkcredit.testing.MonitoringFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.parkcredit.testing.MonitoringFixtures.RecordingSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox rules with an injected instant: quiet hours, daily cap, retry with back-off (DOMAIN.md §6).
 * Every day and hour here is the park's (Asia/Shanghai), never the JVM's default zone; run with
 * {@code -DargLine=-Duser.timezone=UTC} a dispatcher that counted days or quiet hours in the server's
 * zone fails {@link #theDailyCapCountsTheParkDayNotTheServerDay} and the quiet-hours test.
 */
@QuarkusTest
class SmsDispatchTest {

    private static final LocalDate RECENT = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1);
    /** Always after the rows were queued, so they are due. */
    private static final LocalDate TOMORROW = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(1);

    @Inject
    SmsDispatcher dispatcher;

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ClockProducer.PARK_ZONE).toInstant();
    }

    private static JsonPath sms(String uscc) {
        return asAdmin().get("/api/sms?uscc=" + uscc).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void quietHoursHoldOrdinaryMessagesUntilMorningButNotSeriousOnes() {
        Firm firm = MonitoringFixtures.firm("夜间");
        post(List.of(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税一般"),
                event(firm.uscc(), "SERIOUS_ILLEGAL", "SERIOUS", RECENT, "列入严重违法失信名单")));
        RecordingSender sender = new RecordingSender();
        String[] scope = {firm.uscc()};

        SmsDispatcher.Round night = dispatcher.dispatch(at(TOMORROW, 23, 0), sender, MonitoringFixtures.policy(10), 100, scope);
        assertThat(night.sent()).isEqualTo(1);
        assertThat(night.held()).isEqualTo(1);
        assertThat(sender.sent).singleElement().satisfies(m -> assertThat(m.text()).contains("列入严重违法失信名单"));
        JsonPath held = sms(firm.uscc());
        assertThat(held.getString("items.find { it.status == 'PENDING' }.reason")).contains("quiet hours");
        assertThat(held.getString("items.find { it.status == 'PENDING' }.nextAttemptAt"))
                .isEqualTo(at(TOMORROW.plusDays(1), 8, 0).toString());

        assertThat(dispatcher.dispatch(at(TOMORROW.plusDays(1), 7, 59), sender, MonitoringFixtures.policy(10), 100, scope).claimed())
                .isZero();
        SmsDispatcher.Round morning = dispatcher.dispatch(at(TOMORROW.plusDays(1), 8, 0), sender, MonitoringFixtures.policy(10), 100, scope);
        assertThat(morning.sent()).isEqualTo(1);
        assertThat(sender.sent).hasSize(2);
        assertThat(sms(firm.uscc()).getList("items.status", String.class)).containsOnly("SENT");
    }

    @Test
    void theDailyCapSuppressesMessagesBeyondItWithTheReason() {
        Firm firm = MonitoringFixtures.firm("限额");
        post(List.of(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "一"), event(firm.uscc(), "WAGE_ARREARS", "GENERAL", RECENT, "二"),
                event(firm.uscc(), "CONTRACT_BREACH", "GENERAL", RECENT, "三"), event(firm.uscc(), "CONSUMER_COMPLAINT", "MINOR", RECENT, "四"),
                event(firm.uscc(), "LAWSUIT_DEFENDANT", "GENERAL", RECENT, "五")));
        RecordingSender sender = new RecordingSender();
        SmsDispatcher.Round r = dispatcher.dispatch(at(TOMORROW, 10, 0), sender, MonitoringFixtures.policy(3), 100,
                new String[] {firm.uscc()});
        assertThat(r.sent()).isEqualTo(3);
        assertThat(r.suppressed()).isEqualTo(2);
        JsonPath s = sms(firm.uscc());
        assertThat(s.getList("items.findAll { it.status == 'SUPPRESSED' }.reason", String.class))
                .hasSize(2).allSatisfy(reason -> assertThat(reason).contains("daily cap of 3"));
        assertThat(sender.sent).hasSize(3).allSatisfy(m -> assertThat(m.mobile()).isEqualTo(firm.mobile()));
    }

    @Test
    void theDailyCapCountsTheParkDayNotTheServerDay() {
        Firm firm = MonitoringFixtures.firm("跨日");
        post(List.of(event(firm.uscc(), "SERIOUS_ILLEGAL", "SERIOUS", RECENT, "一"),
                event(firm.uscc(), "SAFETY_VIOLATION", "SERIOUS", RECENT, "二"),
                event(firm.uscc(), "ADMIN_PENALTY", "SERIOUS", RECENT, "三")));
        RecordingSender sender = new RecordingSender();
        String[] scope = {firm.uscc()};
        // 07:30 and 08:30 in the park are one park day, but 23:30 and 00:30 UTC: two days in London
        Instant early = at(TOMORROW, 7, 30);
        Instant later = at(TOMORROW, 8, 30);
        assertThat(early.toString()).isEqualTo(TOMORROW.minusDays(1) + "T23:30:00Z");
        assertThat(later.toString()).isEqualTo(TOMORROW + "T00:30:00Z");
        // 00:30 the next park day is 16:30 UTC of the same UTC day as "later"
        Instant nextDay = at(TOMORROW.plusDays(1), 0, 30);
        assertThat(nextDay.toString()).isEqualTo(TOMORROW + "T16:30:00Z");

        SmsDispatcher.Round first = dispatcher.dispatch(early, sender, MonitoringFixtures.policy(1), 1, scope);
        assertThat(first.sent()).isEqualTo(1);
        SmsDispatcher.Round second = dispatcher.dispatch(later, sender, MonitoringFixtures.policy(1), 1, scope);
        assertThat(second.sent()).isZero();
        assertThat(second.suppressed()).isEqualTo(1);
        SmsDispatcher.Round third = dispatcher.dispatch(nextDay, sender, MonitoringFixtures.policy(1), 1, scope);
        assertThat(third.sent()).isEqualTo(1);
        assertThat(third.suppressed()).isZero();

        assertThat(sender.sent).hasSize(2);
        JsonPath s = sms(firm.uscc());
        assertThat(s.getList("items.findAll { it.status == 'SUPPRESSED' }.reason", String.class))
                .containsExactly("daily cap of 1 SMS per number reached on " + TOMORROW);
        assertThat(s.getList("items.findAll { it.status == 'SENT' }.sentAt", String.class))
                .containsExactlyInAnyOrder(early.toString(), nextDay.toString());
    }

    @Test
    void aFailingProviderIsRetriedWithDoublingBackOffThenTheMessageFails() {
        Firm firm = MonitoringFixtures.firm("重试");
        post(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税"));
        RecordingSender sender = new RecordingSender();
        sender.down = true;
        String[] scope = {firm.uscc()};
        Instant t0 = at(TOMORROW, 10, 0);
        DispatchPolicyRun run = new DispatchPolicyRun(sender, scope);

        assertThat(run.at(t0).retrying()).isEqualTo(1);
        assertThat(sms(firm.uscc()).getString("items[0].nextAttemptAt")).isEqualTo(t0.plusSeconds(1).toString());
        assertThat(run.at(t0.plusMillis(999)).claimed()).isZero();
        assertThat(run.at(t0.plusSeconds(1)).retrying()).isEqualTo(1);
        assertThat(sms(firm.uscc()).getString("items[0].nextAttemptAt")).isEqualTo(t0.plusSeconds(3).toString());
        assertThat(run.at(t0.plusSeconds(2)).claimed()).isZero();
        assertThat(run.at(t0.plusSeconds(3)).failed()).isEqualTo(1);

        JsonPath s = sms(firm.uscc());
        assertThat(s.getString("items[0].status")).isEqualTo("FAILED");
        assertThat(s.getInt("items[0].attempts")).isEqualTo(3);
        assertThat(s.getString("items[0].reason")).contains("no attempt left after 3");
        long id = s.getLong("items[0].id");
        asAdmin().get("/api/sms/" + id + "/attempts").then().statusCode(200)
                .body("attempt", org.hamcrest.Matchers.contains(1, 2, 3))
                .body("at", org.hamcrest.Matchers.contains(t0.toString(), t0.plusSeconds(1).toString(), t0.plusSeconds(3).toString()));
    }

    @Test
    void aMessageSentAfterAFailureIsSentOnce() {
        Firm firm = MonitoringFixtures.firm("恢复");
        post(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税"));
        RecordingSender sender = new RecordingSender();
        sender.down = true;
        DispatchPolicyRun run = new DispatchPolicyRun(sender, new String[] {firm.uscc()});
        Instant t0 = at(TOMORROW, 10, 0);
        run.at(t0);
        sender.down = false;
        assertThat(run.at(t0.plusSeconds(1)).sent()).isEqualTo(1);
        assertThat(run.at(t0.plusSeconds(60)).claimed()).isZero();
        assertThat(sender.sent).hasSize(1);
        assertThat(sms(firm.uscc()).getInt("items[0].attempts")).isEqualTo(2);
    }

    @Test
    void aFailedAttemptGivesItsDailyCapSlotBack() {
        Firm firm = MonitoringFixtures.firm("退额");
        post(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税"));
        RecordingSender sender = new RecordingSender();
        sender.down = true;
        String[] scope = {firm.uscc()};
        Instant t0 = at(TOMORROW, 10, 0);
        // a cap of 1: the refused attempt took the number's only slot of the day at the claim
        assertThat(dispatcher.dispatch(t0, sender, MonitoringFixtures.policy(1), 100, scope).retrying()).isEqualTo(1);
        sender.down = false;
        SmsDispatcher.Round retry = dispatcher.dispatch(t0.plusSeconds(1), sender, MonitoringFixtures.policy(1), 100, scope);
        assertThat(retry.suppressed()).isZero();
        assertThat(retry.sent()).isEqualTo(1);
        assertThat(sender.sent).singleElement().satisfies(m -> assertThat(m.mobile()).isEqualTo(firm.mobile()));
        assertThat(sender.tries.values()).containsExactly(2);
    }

    private final class DispatchPolicyRun {
        private final RecordingSender sender;
        private final String[] scope;

        DispatchPolicyRun(RecordingSender sender, String[] scope) {
            this.sender = sender;
            this.scope = scope;
        }

        SmsDispatcher.Round at(Instant now) {
            return dispatcher.dispatch(now, sender, MonitoringFixtures.policy(10), 100, scope);
        }
    }
}
