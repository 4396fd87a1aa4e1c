package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.monitoring.SmsSender;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Monitoring benchmark of issue 5: 1,000,000 negative credit events posted through
 * {@code POST /api/credit-events} in chunks, by several concurrent clients, into a park of 10,000
 * firms; each event raises an alert and one SMS. Reports ingest events/s and, under that load,
 * p50/p99/max latency from an event's acceptance (the start of the transaction that stored it) to
 * its SMS reaching the sender (a recording sender, so the provider's own speed is left out).
 *
 * <p>Run: {@code ./mvnw -B verify -Pbenchmark -Dtest=MonitoringBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.events=1000000 -Dbench.chunk=2000 -Dbench.clients=4 -Dbench.firms=10000}).
 * Results go to the console and {@code target/benchmarks/monitoring.md}.
 */
@QuarkusTest
@TestProfile(MonitoringBenchmark.Profile.class)
@Tag("benchmark")
class MonitoringBenchmark {

    /** The dispatcher runs as in production, with the recording sender, no cap and no quiet hours. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parkcredit.monitoring.sms.dispatch", "true",
                    "parkcredit.monitoring.sms.provider", "bench",
                    "parkcredit.monitoring.sms.every", "1s",
                    "parkcredit.monitoring.sms.daily-cap", "100000000",
                    "parkcredit.monitoring.sms.quiet-start", "00:00",
                    "parkcredit.monitoring.sms.quiet-end", "00:00",
                    "parkcredit.monitoring.sms.batch-size", System.getProperty("bench.batch", "2000"),
                    "parkcredit.monitoring.sms.threads", System.getProperty("bench.threads", "2"));
        }
    }

    /** Records each message's acceptance-to-sender latency. */
    @ApplicationScoped
    public static class BenchSender implements SmsSender {
        static final AtomicInteger COUNT = new AtomicInteger();
        static volatile long[] latencies = new long[0];

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public Outcome send(Message m) {
            long ms = System.currentTimeMillis() - m.acceptedAt().toEpochMilli();
            int i = COUNT.getAndIncrement();
            long[] l = latencies;
            if (i < l.length) {
                l[i] = ms;
            }
            return Outcome.sent("bench-" + m.id());
        }
    }

    @TestHTTPResource("/api/credit-events")
    URL events;

    @Test
    void ingestAMillionEventsAndMeasureLatencyToTheSender() throws Exception {
        int total = Integer.getInteger("bench.events", 1_000_000);
        int chunk = Integer.getInteger("bench.chunk", 2000);
        int clients = Integer.getInteger("bench.clients", 4);
        int firmCount = Integer.getInteger("bench.firms", 10_000);

        List<MonitoringFixtures.Firm> firms = new ArrayList<>();
        for (int i = 0; i < firmCount; i += 2000) {
            firms.addAll(MonitoringFixtures.firms(Math.min(2000, firmCount - i), "压测" + i + "-"));
        }
        BenchSender.latencies = new long[total + 1000];
        BenchSender.COUNT.set(0);

        String day = LocalDate.now().minusDays(1).toString();
        String run = Fixtures.newCode("B");
        String auth = "Basic " + Base64.getEncoder().encodeToString((Fixtures.ADMIN + ":" + Fixtures.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int requests = (total + chunk - 1) / chunk;
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        long[] requestMs = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                    StringBuilder body = new StringBuilder(chunk * 200).append('[');
                    int from = r * chunk, to = Math.min(total, from + chunk);
                    for (int k = from; k < to; k++) {
                        MonitoringFixtures.Firm f = firms.get(k % firms.size());
                        if (k > from) {
                            body.append(',');
                        }
                        body.append("{\"source\":\"BENCH\",\"eventNo\":\"").append(run).append('-').append(k)
                                .append("\",\"uscc\":\"").append(f.uscc()).append("\",\"type\":\"ADMIN_PENALTY\",")
                                .append("\"severity\":\"").append(k % 10 == 0 ? "SERIOUS" : "GENERAL")
                                .append("\",\"occurredOn\":\"").append(day).append("\",\"amount\":5000,")
                                .append("\"title\":\"压测处罚").append(k).append("\"}");
                    }
                    body.append(']');
                    long s = System.nanoTime();
                    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(events.toString()))
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(2))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    requestMs[r] = (System.nanoTime() - s) / 1_000_000;
                    if (resp.statusCode() != 201) {
                        throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + resp.body());
                    }
                    accepted.addAndGet(to - from);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        MonitoringFixtures.await("every SMS at the sender", Duration.ofMinutes(10), () -> BenchSender.COUNT.get() >= total);
        double allSentSeconds = (System.nanoTime() - t0) / 1e9;

        double baselineSeconds = baselineInsert(firms, total, chunk, clients, day, run);

        long[] lat = Arrays.copyOf(BenchSender.latencies, Math.min(BenchSender.COUNT.get(), BenchSender.latencies.length));
        Arrays.sort(lat);
        long[] req = requestMs.clone();
        Arrays.sort(req);
        double rate = total / ingestSeconds;
        String report = String.format(Locale.ROOT, """
                ## Monitoring benchmark
                events: %,d in %,d requests of %,d (%d concurrent clients), %,d firms
                ingest: %.1f s -> %,.0f events/s (target >= 20,000)
                all %,d SMS at the sender after %.1f s (%,.0f SMS/s end to end)
                acceptance -> sender latency ms: p50 %d, p90 %d, p99 %d, max %d (target p99 < 2000)
                request latency ms: p50 %d, p99 %d, max %d
                baseline in the same run: the same %,d events, same chunks and clients, one plain INSERT per chunk
                into a copy of credit_events (no validation, queue, alert or SMS): %.1f s -> %,.0f events/s;
                ingest through the API takes %.2f× as long
                processors: %d, max heap: %d MB
                """, total, requests, chunk, clients, firmCount, ingestSeconds, rate, lat.length, allSentSeconds,
                lat.length / allSentSeconds, pct(lat, 50), pct(lat, 90), pct(lat, 99), lat[lat.length - 1], pct(req, 50),
                pct(req, 99), req[req.length - 1], total, baselineSeconds, total / baselineSeconds,
                ingestSeconds / baselineSeconds, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Targets targets = new Targets("monitoring")
                .atLeast("ingest", rate, 20_000, "events/s")
                .atMost("acceptance -> sender p99", pct(lat, 99), 2000, "ms");
        System.out.println(report + targets.markdown());
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve("monitoring.md"), report + targets.markdown());
        assertThat(accepted.get()).isEqualTo(total);
        assertThat(lat.length).isEqualTo(total);
        targets.assertAllMet();
    }

    @Inject
    DataSource dataSource;

    /**
     * The same events, in the same chunks from the same number of clients, each chunk one multi-row
     * INSERT into an indexed copy of credit_events without its trigger: what storing them costs alone.
     */
    private double baselineInsert(List<MonitoringFixtures.Firm> firms, int total, int chunk, int clients, String day,
            String run) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop table if exists bench_plain_events");
            st.execute("create table bench_plain_events (like credit_events including defaults including identity"
                    + " including constraints including indexes)");
        }
        int requests = (total + chunk - 1) / chunk;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int cl = 0; cl < clients; cl++) {
            done.add(pool.submit(() -> {
                try (Connection c = dataSource.getConnection()) {
                    for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                        int from = r * chunk, to = Math.min(total, from + chunk);
                        StringBuilder sql = new StringBuilder("insert into bench_plain_events (source, event_no, uscc, type,"
                                + " severity, occurred_on, amount, title) values ");
                        for (int k = from; k < to; k++) {
                            sql.append(k > from ? ",(?,?,?,?,?,?::date,?,?)" : "(?,?,?,?,?,?::date,?,?)");
                        }
                        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                            int i = 1;
                            for (int k = from; k < to; k++) {
                                ps.setString(i++, "BENCH");
                                ps.setString(i++, run + "-" + k);
                                ps.setString(i++, firms.get(k % firms.size()).uscc());
                                ps.setString(i++, "ADMIN_PENALTY");
                                ps.setString(i++, k % 10 == 0 ? "SERIOUS" : "GENERAL");
                                ps.setString(i++, day);
                                ps.setBigDecimal(i++, java.math.BigDecimal.valueOf(5000));
                                ps.setString(i++, "压测处罚" + k);
                            }
                            ps.executeUpdate();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop table bench_plain_events");
        }
        return seconds;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
