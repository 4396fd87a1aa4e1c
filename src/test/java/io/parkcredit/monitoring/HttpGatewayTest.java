package io.parkcredit.monitoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP gateway sender against a local fake gateway, and an outage of it under 1,000 queued alerts. */
@QuarkusTest
class HttpGatewayTest {

    private static final String SECRET = "test-secret-不入库";
    private static final String OK = "{\"code\":\"OK\",\"bizId\":\"biz-{{jsonPath request.body '$.outId'}}\"}";

    @Inject
    HttpGatewaySender gateway;

    @Inject
    SmsDispatcher dispatcher;

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

    private HttpGatewaySender.Settings settings() {
        return new HttpGatewaySender.Settings("http://localhost:" + fake.port() + "/sms/send", "AK-test", SECRET, "园区信用通",
                Duration.ofSeconds(15)); // outages here are 503s and refused connections; a busy machine may answer slowly
    }

    private SmsSender sender(AtomicLong clockMillis) {
        return new SmsSender() {
            @Override
            public String name() {
                return "http";
            }

            @Override
            public Outcome send(Message m) {
                return gateway.send(settings(), m, clockMillis.get());
            }
        };
    }

    private void gatewayUp() {
        fake.resetMappings();
        fake.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK)));
    }

    private void gatewayDown() {
        fake.resetMappings();
        fake.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
    }

    @Test
    void aRequestCarriesTheTemplateTheChineseParametersAndAValidSignature() throws Exception {
        gatewayUp();
        SmsSender.Outcome outcome = gateway.send(settings(), new SmsSender.Message(42, "13912345678", "【园区信用通】测试",
                "PC_EVENT_SERIOUS", Map.of("firm", "舞钢测试有限公司", "title", "行政处罚"), Instant.now()), 1_700_000_000_000L);
        assertThat(outcome.sent()).as("sent, not: %s", outcome.error()).isTrue();
        assertThat(outcome.providerId()).isEqualTo("biz-42");

        ServeEvent served = fake.getAllServeEvents().get(0);
        String body = new String(served.getRequest().getBody(), StandardCharsets.UTF_8);
        JsonNode sent = json.readTree(body);
        assertThat(sent.path("phoneNumbers").asText()).isEqualTo("13912345678");
        assertThat(sent.path("signName").asText()).isEqualTo("园区信用通");
        assertThat(sent.path("templateCode").asText()).isEqualTo("PC_EVENT_SERIOUS");
        assertThat(sent.path("templateParam").path("firm").asText()).isEqualTo("舞钢测试有限公司");
        assertThat(sent.path("outId").asText()).isEqualTo("42");
        String ts = served.getRequest().getHeader("X-Sms-Timestamp");
        String nonce = served.getRequest().getHeader("X-Sms-Nonce");
        assertThat(ts).isEqualTo("1700000000000");
        assertThat(served.getRequest().getHeader("X-Sms-Access-Key")).isEqualTo("AK-test");
        assertThat(served.getRequest().getHeader("X-Sms-Signature"))
                .isEqualTo(HttpGatewaySender.sign(SECRET, ts + "\n" + nonce + "\n" + body))
                .isNotEqualTo(HttpGatewaySender.sign("another secret", ts + "\n" + nonce + "\n" + body));
    }

    @Test
    void refusalsAndOutagesAreTold() {
        fake.stubFor(post(urlEqualTo("/sms/send")).willReturn(aResponse().withStatus(200)
                .withBody("{\"code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"message\":\"非法手机号\"}")));
        SmsSender.Message m = new SmsSender.Message(7, "13912345678", "x", "T", Map.of(), Instant.now());
        HttpGatewaySender.Settings settings = settings();
        SmsSender.Outcome refused = gateway.send(settings, m, 0);
        assertThat(refused.sent()).isFalse();
        assertThat(refused.unavailable()).isFalse();
        assertThat(refused.error()).contains("isv.MOBILE_NUMBER_ILLEGAL");
        gatewayDown();
        assertThat(gateway.send(settings, m, 0).unavailable()).isTrue();
        fake.stop();
        assertThat(gateway.send(settings, m, 0).unavailable()).isTrue();
    }

    @Test
    void afterAGatewayOutageEveryOneOfAThousandAlertsIsDeliveredExactlyOnce() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(200, "断网");
        List<Map<String, Object>> events = new ArrayList<>();
        LocalDate recent = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1);
        for (Firm f : firms) {
            for (int i = 0; i < 5; i++) {
                events.add(event(f.uscc(), "TAX_ARREARS", "GENERAL", recent, "欠税" + i));
            }
        }
        MonitoringFixtures.post(events);
        String[] scope = firms.stream().map(Firm::uscc).toArray(String[]::new);
        DispatchPolicy policy = new DispatchPolicy(LocalTime.of(22, 0), LocalTime.of(8, 0), 10, 20, Duration.ofSeconds(1),
                Duration.ofSeconds(8));
        Instant t = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(1).atTime(10, 0).atZone(ClockProducer.PARK_ZONE).toInstant();
        AtomicLong millis = new AtomicLong(t.toEpochMilli());

        gatewayDown();
        for (int round = 0; round < 6; round++) {
            SmsDispatcher.Round r = dispatcher.dispatch(t.plusSeconds(10L * round), sender(millis), policy, 250, scope);
            assertThat(r.unavailable()).isTrue();
            assertThat(r.sent()).isZero();
        }
        int failedCalls = fake.getAllServeEvents().size();
        assertThat(failedCalls).isEqualTo(6);

        gatewayUp();
        Instant after = t.plusSeconds(120);
        // two dispatchers released together by a barrier; each counts its rounds and whether the other was mid-round
        CyclicBarrier startTogether = new CyclicBarrier(2);
        AtomicInteger inRound = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int[] sentBy = new int[2];
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    startTogether.await(10, TimeUnit.SECONDS);
                    int sent = 0;
                    SmsDispatcher.Round r;
                    do {
                        if (inRound.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        try {
                            r = dispatcher.dispatch(after, sender(millis), policy, 100, scope);
                        } finally {
                            inRound.decrementAndGet();
                        }
                        assertThat(r.unavailable()).isFalse();
                        assertThat(r.claimed()).isEqualTo(r.sent());
                        sent += r.sent();
                    } while (r.claimed() > 0);
                    return sent;
                }));
            }
            for (int w = 0; w < 2; w++) {
                sentBy[w] = workers.get(w).get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sentBy[0] + sentBy[1]).isEqualTo(1000);
        // both dispatchers worked, at the same time: the claims, not the timing, kept them apart
        assertThat(sentBy[0]).isPositive();
        assertThat(sentBy[1]).isPositive();
        assertThat(overlaps.get()).isPositive();
        assertThat(fake.getAllServeEvents()).hasSize(6 + 1000);

        Map<String, Integer> accepted = new HashMap<>();
        for (ServeEvent e : fake.getAllServeEvents()) {
            if (e.getResponse().getStatus() == 200) {
                String outId = json.readTree(e.getRequest().getBodyAsString()).path("outId").asText();
                accepted.merge(outId, 1, Integer::sum);
            }
        }
        assertThat(accepted).hasSize(1000);
        assertThat(accepted.values()).containsOnly(1);
        Map<String, Integer> expected = new HashMap<>();
        for (Firm f : firms) {
            for (long id : asAdmin().get("/api/sms?uscc=" + f.uscc()).then().extract().jsonPath().getList("items.id", Long.class)) {
                expected.put(String.valueOf(id), 1);
            }
        }
        assertThat(accepted).isEqualTo(expected);
        for (Firm f : firms.subList(0, 3)) {
            assertThat(asAdmin().get("/api/sms?uscc=" + f.uscc()).then().extract().jsonPath().getList("items.status", String.class))
                    .hasSize(5).containsOnly("SENT");
        }
        long notSent = asAdmin().get("/api/sms?status=PENDING&size=10000").then().extract().jsonPath()
                .getList("items.uscc", String.class).stream().filter(u -> List.of(scope).contains(u)).count();
        assertThat(notSent).isZero();
    }
}
