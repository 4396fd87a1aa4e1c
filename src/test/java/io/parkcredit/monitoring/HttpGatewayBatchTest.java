package io.parkcredit.monitoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.FakeSmsGateway;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The HTTP gateway's batch endpoint: several messages per call, one result per message, and the
 * dispatcher handing messages over in batches with each message still sent exactly once.
 */
@QuarkusTest
class HttpGatewayBatchTest {

    private static final String SECRET = "batch-secret";

    @Inject
    HttpGatewaySender gateway;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    ObjectMapper json;

    private static HttpGatewaySender.Settings settings(String single, String batch, int size) {
        return new HttpGatewaySender.Settings(single, "AK-batch", SECRET, "园区信用通", Duration.ofSeconds(15), batch, size);
    }

    private static SmsSender.Message message(long id, String mobile, String title) {
        return new SmsSender.Message(id, mobile, "【园区信用通】" + title, "PC_EVENT", Map.of("title", title), Instant.now());
    }

    @Test
    void oneCallCarriesEveryMessageWithItsOwnOutIdSignedAsAWhole() throws Exception {
        WireMockServer fake = new WireMockServer(options().dynamicPort());
        fake.start();
        try {
            fake.stubFor(post(urlEqualTo("/sms/batch")).willReturn(aResponse().withStatus(200).withBody(
                    "{\"code\":\"OK\",\"results\":[{\"outId\":\"11\",\"code\":\"OK\",\"bizId\":\"b-11\"},"
                            + "{\"outId\":\"12\",\"code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"message\":\"非法手机号\"}]}")));
            String base = "http://localhost:" + fake.port();
            HttpGatewaySender.Settings s = settings(base + "/sms/send", base + "/sms/batch", 100);
            SmsSender.Outcome[] out = gateway.sendAll(s, List.of(message(11, "13900000011", "处罚一"),
                    message(12, "1390000", "处罚二"), message(13, "13900000013", "处罚三")), 1_700_000_000_000L);

            assertThat(out[0].sent()).isTrue();
            assertThat(out[0].providerId()).isEqualTo("b-11");
            assertThat(out[1].sent()).isFalse();
            assertThat(out[1].unavailable()).isFalse();
            assertThat(out[1].error()).contains("isv.MOBILE_NUMBER_ILLEGAL");
            // no result for 13: not known to be taken, an attempt spent; sent again later with the same outId
            assertThat(out[2].sent()).isFalse();
            assertThat(out[2].unavailable()).isFalse();
            assertThat(out[2].error()).contains("no result");

            assertThat(fake.getAllServeEvents()).hasSize(1);
            var request = fake.getAllServeEvents().get(0).getRequest();
            String body = new String(request.getBody(), StandardCharsets.UTF_8);
            JsonNode sent = json.readTree(body);
            assertThat(sent.path("signName").asText()).isEqualTo("园区信用通");
            assertThat(sent.path("messages")).hasSize(3);
            assertThat(sent.path("messages").get(1).path("outId").asText()).isEqualTo("12");
            assertThat(sent.path("messages").get(1).path("phoneNumbers").asText()).isEqualTo("1390000");
            assertThat(sent.path("messages").get(2).path("templateParam").path("title").asText()).isEqualTo("处罚三");
            String ts = request.getHeader("X-Sms-Timestamp");
            assertThat(ts).isEqualTo("1700000000000");
            assertThat(request.getHeader("X-Sms-Signature"))
                    .isEqualTo(HttpGatewaySender.sign(SECRET, ts + "\n" + request.getHeader("X-Sms-Nonce") + "\n" + body));

            fake.resetMappings();
            fake.stubFor(post(urlEqualTo("/sms/batch")).willReturn(aResponse().withStatus(200)
                    .withBody("{\"code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"message\":\"触发流控\"}")));
            SmsSender.Outcome[] refused = gateway.sendAll(s, List.of(message(21, "13900000021", "a"),
                    message(22, "13900000022", "b")), 0);
            assertThat(refused).allMatch(o -> !o.sent() && !o.unavailable() && o.error().contains("isv.BUSINESS_LIMIT_CONTROL"));

            fake.resetMappings();
            fake.stubFor(post(urlEqualTo("/sms/batch")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
            SmsSender.Outcome[] down = gateway.sendAll(s, List.of(message(31, "13900000031", "a"),
                    message(32, "13900000032", "b")), 0);
            assertThat(down).allMatch(o -> !o.sent() && o.unavailable());
        } finally {
            fake.stop();
        }
    }

    @Test
    void twoDispatchersHandOverAThousandAlertsInBatchesEachExactlyOnce() throws Exception {
        Map<Long, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        try (FakeSmsGateway fake = new FakeSmsGateway(0, a -> arrivals.computeIfAbsent(a.outId(),
                k -> new AtomicInteger()).incrementAndGet())) {
            HttpGatewaySender.Settings s = settings(fake.url(), fake.batchUrl(), 100);
            SmsSender batching = new SmsSender() {
                @Override
                public String name() {
                    return "http";
                }

                @Override
                public Outcome send(Message m) {
                    calls.incrementAndGet();
                    return gateway.send(s, m, System.currentTimeMillis());
                }

                @Override
                public int batchLimit() {
                    return s.batchSize();
                }

                @Override
                public Outcome[] sendAll(List<Message> messages) {
                    calls.incrementAndGet();
                    return gateway.sendAll(s, messages, System.currentTimeMillis());
                }
            };
            List<Firm> firms = MonitoringFixtures.firms(200, "批量");
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
            Instant at = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(1).atTime(10, 0).atZone(ClockProducer.PARK_ZONE)
                    .toInstant();
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            int sent = 0;
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    workers.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        int n = 0;
                        SmsDispatcher.Round r;
                        do {
                            r = dispatcher.dispatch(at, batching, policy, 250, scope);
                            assertThat(r.claimed()).isEqualTo(r.sent());
                            n += r.sent();
                        } while (r.claimed() > 0);
                        return n;
                    }));
                }
                for (Future<Integer> f : workers) {
                    sent += f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(sent).isEqualTo(1000);
            assertThat(arrivals).hasSize(1000);
            assertThat(arrivals.values()).allMatch(n -> n.get() == 1);
            // rounds of 250 in calls of up to 100: 3 calls per full round (100 + 100 + 50), 4 rounds = 12 calls
            assertThat(calls.get()).isEqualTo(12);
        }
    }
}
