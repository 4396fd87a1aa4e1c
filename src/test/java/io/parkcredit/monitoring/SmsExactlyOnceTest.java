package io.parkcredit.monitoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across a crash: the dispatcher commits its claim before it calls the provider and
 * records the answer afterwards, so a crash in between resends only the messages of that round, each
 * with the same {@code outId}, once their lease has ended; and a slow gateway holds no row lock.
 */
@QuarkusTest
class SmsExactlyOnceTest {

    private static final String SECRET = "test-secret-宕机";
    private static final String OK = "{\"code\":\"OK\",\"bizId\":\"biz-{{jsonPath request.body '$.outId'}}\"}";
    private static final LocalDate RECENT = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1);
    /** 10:00 tomorrow in the park: outside the quiet hours, after the rows were queued. */
    private static final Instant T = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(1).atTime(10, 0)
            .atZone(ClockProducer.PARK_ZONE).toInstant();

    /** The JVM dies (here: the thread that sends). */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash after the gateway accepted the message");
        }
    }

    @Inject
    HttpGatewaySender gateway;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    MonitoringConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    private WireMockServer fake;

    @BeforeEach
    void start() {
        fake = new WireMockServer(options().dynamicPort().globalTemplating(true));
        fake.start();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private SmsSender http() {
        HttpGatewaySender.Settings settings = new HttpGatewaySender.Settings("http://localhost:" + fake.port() + "/sms/send",
                "AK-test", SECRET, "园区信用通", Duration.ofSeconds(10));
        return MonitoringFixtures.sender("http", m -> gateway.send(settings, m, T.toEpochMilli()));
    }

    /** outId → how many times the gateway accepted it. */
    private Map<Long, Integer> accepted() throws Exception {
        Map<Long, Integer> counts = new TreeMap<>();
        for (ServeEvent e : fake.getAllServeEvents()) {
            assertThat(e.getResponse().getStatus()).isEqualTo(200);
            counts.merge(json.readTree(e.getRequest().getBodyAsString()).path("outId").asLong(), 1, Integer::sum);
        }
        return counts;
    }

    private List<Long> outboxIds(List<Firm> firms) {
        List<Long> ids = new ArrayList<>();
        for (Firm f : firms) {
            ids.addAll(asAdmin().get("/api/sms?uscc=" + f.uscc()).then().statusCode(200).extract().jsonPath()
                    .getList("items.id", Long.class));
        }
        return ids;
    }

    @Test
    void aCrashAfterTheGatewayAcceptedResendsThatRoundOnceItsLeaseEndedWithTheSameOutIds() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(5, "宕机");
        List<Map<String, Object>> events = new ArrayList<>();
        for (Firm f : firms) {
            events.add(event(f.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税宕机"));
        }
        MonitoringFixtures.post(events);
        List<Long> ids = outboxIds(firms);
        assertThat(ids).hasSize(5);
        String[] scope = firms.stream().map(Firm::uscc).toArray(String[]::new);
        fake.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));
        SmsSender http = http();
        Duration lease = config.sms().lease();
        assertThat(lease).isEqualTo(Duration.ofMinutes(1));

        // round 1: the gateway accepts the first message, then the instance dies before recording anything
        SmsSender crashing = MonitoringFixtures.sender("http", m -> {
            SmsSender.Outcome o = http.send(m);
            assertThat(o.sent()).isTrue();
            throw new Crash();
        });
        assertThatThrownBy(() -> dispatcher.dispatch(T, crashing, MonitoringFixtures.policy(10), 5, scope))
                .isInstanceOf(Crash.class);
        Map<Long, Integer> afterCrash = accepted();
        assertThat(afterCrash).hasSize(1);
        long crashed = afterCrash.keySet().iterator().next();
        assertThat(ids).contains(crashed);
        for (long id : ids) {
            JsonPath row = asAdmin().get("/api/sms?uscc=" + firmOf(firms, id)).then().extract().jsonPath();
            assertThat(row.getString("items[0].status")).isEqualTo("PENDING");
            assertThat(row.getString("items[0].nextAttemptAt")).isEqualTo(T.plus(lease).toString());
        }

        // while the lease runs, no other round takes them (that instance might still be sending)
        assertThat(dispatcher.dispatch(T.plusSeconds(1), http, MonitoringFixtures.policy(10), 100, scope).claimed()).isZero();
        assertThat(dispatcher.dispatch(T.plus(lease).minusMillis(1), http, MonitoringFixtures.policy(10), 100, scope).claimed())
                .isZero();

        // the lease ended: the next round takes the five again and sends each once more
        SmsDispatcher.Round r = dispatcher.dispatch(T.plus(lease), http, MonitoringFixtures.policy(10), 100, scope);
        assertThat(r.claimed()).isEqualTo(5);
        assertThat(r.sent()).isEqualTo(5);
        assertThat(dispatcher.dispatch(T.plus(lease).plusSeconds(60), http, MonitoringFixtures.policy(10), 100, scope).claimed())
                .isZero();

        Map<Long, Integer> expected = new TreeMap<>();
        ids.forEach(id -> expected.put(id, id == crashed ? 2 : 1));
        assertThat(accepted()).isEqualTo(expected);
        assertThat(fake.getAllServeEvents()).hasSize(6);

        for (long id : ids) {
            JsonPath row = asAdmin().get("/api/sms?uscc=" + firmOf(firms, id)).then().extract().jsonPath();
            assertThat(row.getString("items[0].status")).isEqualTo("SENT");
            assertThat(row.getString("items[0].providerId")).isEqualTo("biz-" + id);
            assertThat(row.getInt("items[0].attempts")).isEqualTo(2);
            JsonPath attempts = asAdmin().get("/api/sms/" + id + "/attempts").then().statusCode(200).extract().jsonPath();
            assertThat(attempts.getList("attempt", Integer.class)).containsExactly(1, 2);
            assertThat(attempts.getList("outcome", String.class)).containsExactly("UNRECORDED", "SENT");
            assertThat(attempts.getList("at", String.class)).containsExactly(T.toString(), T.plus(lease).toString());
            assertThat(attempts.getString("detail[1]")).isEqualTo("biz-" + id);
        }
    }

    private static String firmOf(List<Firm> firms, long outboxId) {
        for (Firm f : firms) {
            if (asAdmin().get("/api/sms?uscc=" + f.uscc()).then().extract().jsonPath().getList("items.id", Long.class)
                    .contains(outboxId)) {
                return f.uscc();
            }
        }
        throw new AssertionError("no firm has SMS " + outboxId);
    }

    @Test
    void aSlowGatewayHoldsNoLockOnTheMessagesBeingSent() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(3, "慢网");
        List<Map<String, Object>> events = new ArrayList<>();
        for (Firm f : firms) {
            events.add(event(f.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税慢网"));
        }
        MonitoringFixtures.post(events);
        List<Long> ids = outboxIds(firms);
        assertThat(ids).hasSize(3);
        String[] scope = firms.stream().map(Firm::uscc).toArray(String[]::new);
        fake.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody(OK)));
        SmsSender http = http();
        CountDownLatch sending = new CountDownLatch(1);
        AtomicBoolean answered = new AtomicBoolean();
        SmsSender observed = MonitoringFixtures.sender("http", m -> {
            sending.countDown();
            SmsSender.Outcome o = http.send(m);
            answered.set(true);
            return o;
        });
        CompletableFuture<SmsDispatcher.Round> round = CompletableFuture.supplyAsync(
                () -> dispatcher.dispatch(T, observed, MonitoringFixtures.policy(10), 10, scope));
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

        // the gateway has the first request and has not answered: another transaction locks and updates the rows at once
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local lock_timeout = '200ms'");
            }
            try (PreparedStatement ps = c.prepareStatement("select id from sms_states where id = any(?) order by id for update nowait")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertThat(n).isEqualTo(3);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update sms_states set last_error = last_error where id = any(?)"
                    + " and claim_token is not null")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                assertThat(ps.executeUpdate()).isEqualTo(3);
            }
            try (PreparedStatement ps = c.prepareStatement("select mobile from sms_daily_counts where mobile = any(?)"
                    + " for update nowait")) {
                ps.setArray(1, c.createArrayOf("text", firms.stream().map(Firm::mobile).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertThat(n).isEqualTo(3);
                }
            }
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(answered.get()).as("the checks ran while the gateway still held the first request").isFalse();
        assertThat(round.isDone()).isFalse();

        SmsDispatcher.Round r = round.get(30, TimeUnit.SECONDS);
        assertThat(r.sent()).isEqualTo(3);
        Map<Long, Integer> expected = new TreeMap<>();
        ids.forEach(id -> expected.put(id, 1));
        assertThat(accepted()).isEqualTo(expected);
        for (Firm f : firms) {
            assertThat(asAdmin().get("/api/sms?uscc=" + f.uscc()).then().extract().jsonPath().getString("items[0].status"))
                    .isEqualTo("SENT");
        }
    }
}
