package io.parkcredit.monitoring;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static io.parkcredit.testing.MonitoringFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.parkcredit.testing.MonitoringFixtures.RecordingSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The outbox worked per batch (V062): the messages a statement writes wait as batches without state
 * rows; a round takes whole batches, and each message gets its state row when the round records it.
 * A crash between the provider's answer and the record resends the batch once its lease has ended,
 * with the same ids; held and suppressed messages leave their batch at the claim.
 */
@QuarkusTest
class SmsBatchTest {

    private static final LocalDate RECENT = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1);
    private static final LocalDate TOMORROW = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(1);

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    MonitoringConfig config;

    @Inject
    DataSource dataSource;

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ClockProducer.PARK_ZONE).toInstant();
    }

    private static JsonPath sms(String uscc) {
        return asAdmin().get("/api/sms?uscc=" + uscc).then().statusCode(200).extract().jsonPath();
    }

    private List<Long> ids(List<Firm> firms) {
        List<Long> ids = new ArrayList<>();
        firms.forEach(f -> ids.addAll(sms(f.uscc()).getList("items.id", Long.class)));
        return ids;
    }

    private long count(String sql, Object arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long stateRows(List<Long> ids) throws Exception {
        return countOf("select count(*) from sms_states where id = any(?)", ids);
    }

    private long batchesHolding(List<Long> ids) throws Exception {
        return countOf("select count(*) from sms_batches where message_ids && ?", ids);
    }

    private long countOf(String sql, List<Long> ids) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Map<String, Object>> oneEventEach(List<Firm> firms, String title) {
        List<Map<String, Object>> events = new ArrayList<>();
        firms.forEach(f -> events.add(event(f.uscc(), "TAX_ARREARS", "GENERAL", RECENT, title)));
        return events;
    }

    @Test
    void aRequestsMessagesWaitAsOneBatchAndGetTheirStateWhenTheRoundRecordsThem() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(4, "批次");
        post(oneEventEach(firms, "欠税批次"));
        List<Long> ids = ids(firms);
        assertThat(ids).hasSize(4);
        assertThat(stateRows(ids)).as("no state row before a round takes them").isZero();
        assertThat(batchesHolding(ids)).isEqualTo(1);
        firms.forEach(f -> assertThat(sms(f.uscc()).getString("items[0].status")).isEqualTo("PENDING"));

        RecordingSender sender = new RecordingSender();
        String[] scope = firms.stream().map(Firm::uscc).toArray(String[]::new);
        SmsDispatcher.Round r = dispatcher.dispatchBatches(at(TOMORROW, 10, 0), sender, MonitoringFixtures.policy(10), 500, scope);

        assertThat(r.sent()).isGreaterThanOrEqualTo(4);
        assertThat(sender.sent).extracting(SmsSender.Message::id).containsAll(ids);
        assertThat(batchesHolding(ids)).as("a recorded batch is gone").isZero();
        assertThat(stateRows(ids)).isEqualTo(4);
        for (Firm f : firms) {
            JsonPath s = sms(f.uscc());
            assertThat(s.getString("items[0].status")).isEqualTo("SENT");
            assertThat(s.getString("items[0].providerId")).isEqualTo("rec-" + s.getLong("items[0].id"));
            assertThat(s.getInt("items[0].attempts")).isEqualTo(1);
        }
        assertThat(dispatcher.dispatchBatches(at(TOMORROW, 10, 1), sender, MonitoringFixtures.policy(10), 500, scope).claimed())
                .isZero();
    }

    @Test
    void aCrashAfterTheProviderAcceptedResendsTheBatchWithTheSameIdsOnceItsLeaseEnded() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(3, "批次宕机");
        post(oneEventEach(firms, "欠税批次宕机"));
        List<Long> ids = ids(firms);
        String[] scope = firms.stream().map(Firm::uscc).toArray(String[]::new);
        Duration lease = config.sms().lease();
        Instant t = at(TOMORROW, 10, 0);
        RecordingSender provider = new RecordingSender();
        SmsSender crashing = MonitoringFixtures.sender("recording", m -> {
            provider.send(m);
            throw new SmsExactlyOnceTest.Crash();
        });

        assertThatThrownBy(() -> dispatcher.dispatchBatches(t, crashing, MonitoringFixtures.policy(10), 500, scope))
                .isInstanceOf(SmsExactlyOnceTest.Crash.class);
        assertThat(provider.sent).hasSize(1);
        long first = provider.sent.get(0).id();
        assertThat(batchesHolding(ids)).as("the claimed batch stays until its lease ends").isEqualTo(1);
        assertThat(count("select count(*) from sms_batches where claim_token is not null and due_at = ?",
                java.sql.Timestamp.from(t.plus(lease)))).isPositive();

        // while the lease runs no round takes it, whatever its scope; then it is sent once more, with the same ids
        assertThat(dispatcher.dispatchBatches(t.plus(lease).minusMillis(1), provider, MonitoringFixtures.policy(10), 500, scope)
                .claimed()).isZero();
        assertThat(dispatcher.dispatch(t.plus(lease).minusMillis(1), provider, MonitoringFixtures.policy(10), 500, scope)
                .claimed()).isZero();
        SmsDispatcher.Round again = dispatcher.dispatchBatches(t.plus(lease), provider, MonitoringFixtures.policy(10), 500, scope);
        assertThat(again.sent()).isGreaterThanOrEqualTo(3);
        assertThat(provider.tries).containsEntry(first, 2);
        ids.stream().filter(id -> id != first).forEach(id -> assertThat(provider.tries).containsEntry(id, 1));

        for (long id : ids) {
            JsonPath attempts = asAdmin().get("/api/sms/" + id + "/attempts").then().statusCode(200).extract().jsonPath();
            assertThat(attempts.getList("outcome", String.class)).containsExactly("UNRECORDED", "SENT");
            assertThat(attempts.getList("at", String.class)).containsExactly(t.toString(), t.plus(lease).toString());
        }
        assertThat(batchesHolding(ids)).isZero();
    }

    @Test
    void heldAndSuppressedMessagesLeaveTheirBatchAtTheClaimAndTheHeldGoInTheMorning() throws Exception {
        Firm firm = MonitoringFixtures.firm("批次夜间");
        post(List.of(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "一般一"),
                event(firm.uscc(), "SERIOUS_ILLEGAL", "SERIOUS", RECENT, "严重一"),
                event(firm.uscc(), "SAFETY_VIOLATION", "SERIOUS", RECENT, "严重二")));
        List<Long> ids = ids(List.of(firm));
        assertThat(ids).hasSize(3);
        String[] scope = {firm.uscc()};
        RecordingSender sender = new RecordingSender();

        // 23:00: the ordinary message is held; of the two serious ones the cap of 1 lets one go
        SmsDispatcher.Round night = dispatcher.dispatchBatches(at(TOMORROW, 23, 0), sender, MonitoringFixtures.policy(1), 500, scope);
        assertThat(night.held()).isEqualTo(1);
        assertThat(night.suppressed()).isEqualTo(1);
        assertThat(sender.sent).filteredOn(m -> ids.contains(m.id())).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("严重"));
        assertThat(batchesHolding(ids)).isZero();
        JsonPath s = sms(firm.uscc());
        assertThat(s.getList("items.status", String.class)).containsExactlyInAnyOrder("SENT", "SUPPRESSED", "PENDING");
        assertThat(s.getString("items.find { it.status == 'PENDING' }.reason")).contains("quiet hours");
        assertThat(s.getString("items.find { it.status == 'PENDING' }.nextAttemptAt"))
                .isEqualTo(at(TOMORROW.plusDays(1), 8, 0).toString());

        // the held one is a state row now: the rounds over state rows send it in the morning
        SmsDispatcher.Round morning = dispatcher.dispatch(at(TOMORROW.plusDays(1), 8, 0), sender, MonitoringFixtures.policy(1), 500, scope);
        assertThat(morning.sent()).isEqualTo(1);
        assertThat(sms(firm.uscc()).getList("items.status", String.class)).containsExactlyInAnyOrder("SENT", "SENT", "SUPPRESSED");
    }

    @Test
    void aRoundOverSomeFirmsUndoesTheirBatchesIntoStateRows() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(2, "批次拆分");
        post(oneEventEach(firms, "欠税拆分"));
        List<Long> ids = ids(firms);
        RecordingSender sender = new RecordingSender();

        // a round over the first firm only: the batch is undone, the first firm's message sent, the other's waits as a state row
        SmsDispatcher.Round r = dispatcher.dispatch(at(TOMORROW, 10, 0), sender, MonitoringFixtures.policy(10), 100,
                new String[] {firms.get(0).uscc()});
        assertThat(r.sent()).isEqualTo(1);
        assertThat(batchesHolding(ids)).isZero();
        assertThat(stateRows(ids)).isEqualTo(2);
        assertThat(sms(firms.get(1).uscc()).getString("items[0].status")).isEqualTo("PENDING");
        assertThat(dispatcher.dispatch(at(TOMORROW, 10, 1), sender, MonitoringFixtures.policy(10), 100,
                new String[] {firms.get(1).uscc()}).sent()).isEqualTo(1);
    }
}
