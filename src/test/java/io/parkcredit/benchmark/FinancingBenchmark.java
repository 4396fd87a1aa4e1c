package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.financing.CashFlowGrading;
import io.parkcredit.financing.GradingService;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Financing benchmark of issue 6 (DOMAIN.md §7), server and clients in one JVM:
 *
 * <ol>
 *   <li><b>Market</b>: 10,000 open requests routed (each to 10 of 20 banks), 200 concurrent clients
 *   (a fixed pool, one {@link HttpClient} with keep-alive, HTTP Basic as each bank's officer) mixing
 *   queue reads (60 %), claims (20 %) and offers (20 %) for a fixed duration after a warm-up.
 *   Reports throughput and p50/p99 latency per kind and checks in SQL that no request was claimed
 *   twice.</li>
 *   <li><b>Grading</b>: 5,000,000 income/expense flows (100,000 firms × 50) in {@code transactions},
 *   then the cash-flow grade of random firms against a debtor with flows, timed per request
 *   (p50/p99), and the same through {@code POST /api/financing-requests}.</li>
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B verify -Pbenchmark -Dtest=FinancingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Dbench.seconds=30, -Dbench.clients=200, -Dbench.requests=10000, -Dbench.flowFirms=100000).
 * Results go to the console and {@code target/benchmarks/financing.md}.
 */
@QuarkusTest
@Tag("benchmark")
class FinancingBenchmark {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final int INSTITUTIONS = 20;

    @Inject
    DataSource ds;

    @Inject
    GradingService grading;

    @TestHTTPResource("/")
    URL base;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void financingMarketAndGrading() throws Exception {
        StringBuilder md = new StringBuilder();
        market(md);
        grading(md);
        md.append(targets.markdown());
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve("financing.md"), md.toString());
        System.out.println("\n" + md);
        targets.assertAllMet();
    }

    private final Targets targets = new Targets("financing");

    // ---------------------------------------------------------------- market

    void market(StringBuilder md) throws Exception {
        int requests = Integer.getInteger("bench.requests", 10_000);
        int clients = Integer.getInteger("bench.clients", 200);
        int seconds = Integer.getInteger("bench.seconds", 30);
        String[] banks = new String[INSTITUTIONS];
        String[] auth = new String[INSTITUTIONS];
        String tag = Fixtures.newCode("BM");
        StringBuilder inst = new StringBuilder("code,name,kind\n");
        for (int i = 0; i < INSTITUTIONS; i++) {
            banks[i] = tag + "B" + i;
            inst.append(banks[i]).append(',').append("压测银行").append(i).append(",BANK\n");
        }
        Fixtures.importBundle(Map.of("institutions", inst.toString()));
        for (int i = 0; i < INSTITUTIONS; i++) {
            String user = Fixtures.newUser("BANK", null, banks[i]);
            auth[i] = "Basic " + Base64.getEncoder().encodeToString((user + ":password-" + user)
                    .getBytes(StandardCharsets.UTF_8));
        }
        long s0 = System.nanoTime();
        seedRequests(tag, banks, requests);
        double seedSeconds = (System.nanoTime() - s0) / 1e9;
        if (Boolean.getBoolean("bench.explain")) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                for (String q : List.of(
                        "select count(*) from financing_queue rt where rt.institution_code = '" + banks[0] + "'",
                        "select r.* from financing_queue rt join financing_requests r on r.id = rt.request_id where rt.institution_code = '" + banks[0] + "' order by rt.request_id desc limit 20 offset 60")) {
                    try (ResultSet rs = st.executeQuery("explain (analyze, buffers) " + q)) {
                        while (rs.next()) {
                            System.out.println("PLAN " + rs.getString(1));
                        }
                    }
                }
            }
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
        URI api = base.toURI().resolve("/api/financing-requests");
        Map<Long, AtomicInteger> wins = new ConcurrentHashMap<>();
        Stats reads = new Stats();
        Stats claims = new Stats();
        Stats offers = new Stats();
        AtomicLong errors = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        String offerBody = "{\"amount\":50000,\"rate\":4.2,\"termDays\":90,\"expiresOn\":\""
                + LocalDate.now(PARK).plusDays(10) + "\"}";

        // one sequential call per officer first: the login cache then holds each bank's credentials,
        // as it would for an integration that has been running (bcrypt is the cost of a first login)
        for (String a : auth) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(api + "?size=1")).header("Authorization", a)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
        }
        // baseline in the same run: one client alone doing the same mix (60 % queue reads, 20 % claims of a
        // request it has seen, 20 % offers on one it holds), so the same writes without contention
        Stats single = new Stats();
        List<Long> singleSeen = new ArrayList<>();
        List<Long> singleMine = new ArrayList<>();
        ThreadLocalRandom baselineRnd = ThreadLocalRandom.current();
        for (int i = 0; i < 400; i++) {
            int dice = baselineRnd.nextInt(100);
            HttpRequest.Builder rb;
            long claimed = -1;
            boolean read = false;
            if (dice < 20 && !singleSeen.isEmpty()) {
                claimed = singleSeen.remove(baselineRnd.nextInt(singleSeen.size()));
                rb = HttpRequest.newBuilder(api.resolve("/api/financing-requests/" + claimed + "/claim"))
                        .POST(HttpRequest.BodyPublishers.noBody());
            } else if (dice < 40 && !singleMine.isEmpty()) {
                rb = HttpRequest.newBuilder(api.resolve("/api/financing-requests/"
                        + singleMine.get(baselineRnd.nextInt(singleMine.size())) + "/offers"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(offerBody));
            } else {
                rb = HttpRequest.newBuilder(URI.create(api + "?status=ROUTED&size=20&page=" + baselineRnd.nextInt(5))).GET();
                read = true;
            }
            long t0 = System.nanoTime();
            HttpResponse<String> res = http.send(rb.header("Authorization", auth[0]).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - t0) / 1000;
            assertThat(res.statusCode()).as(res.body()).isIn(200, 201, 409);
            if (i >= 100) {
                single.add(micros);
            }
            if (read) {
                singleSeen.clear();
                for (JsonNode item : json.readTree(res.body()).get("items")) {
                    singleSeen.add(item.get("id").asLong());
                }
            } else if (claimed >= 0 && res.statusCode() == 200) {
                singleMine.add(claimed);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int bank = c % INSTITUTIONS;
            pool.submit(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                List<Long> seen = new ArrayList<>();
                List<Long> mine = new ArrayList<>();
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        boolean measured = now >= warmupEnd;
                        int dice = rnd.nextInt(100);
                        HttpRequest.Builder rb;
                        Stats stats;
                        long claimed = -1;
                        if (dice < 20 && !seen.isEmpty()) {
                            claimed = seen.remove(rnd.nextInt(seen.size()));
                            rb = HttpRequest.newBuilder(api.resolve("/api/financing-requests/" + claimed + "/claim"))
                                    .POST(HttpRequest.BodyPublishers.noBody());
                            stats = claims;
                        } else if (dice < 40 && !mine.isEmpty()) {
                            long id = mine.get(rnd.nextInt(mine.size()));
                            rb = HttpRequest.newBuilder(api.resolve("/api/financing-requests/" + id + "/offers"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(offerBody));
                            stats = offers;
                        } else {
                            rb = HttpRequest.newBuilder(URI.create(api + "?status=ROUTED&size=20&page=" + rnd.nextInt(5)))
                                    .GET();
                            stats = reads;
                        }
                        long t0 = System.nanoTime();
                        HttpResponse<String> res = http.send(rb.header("Authorization", auth[bank])
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                        long micros = (System.nanoTime() - t0) / 1000;
                        int code = res.statusCode();
                        if (code >= 500 || code == 401 || code == 403 || code == 422) {
                            errors.incrementAndGet();
                        } else if (code == 409) {
                            conflicts.incrementAndGet();
                        }
                        if (measured) {
                            stats.add(micros);
                        }
                        if (stats == reads && code == 200) {
                            seen.clear();
                            for (JsonNode item : json.readTree(res.body()).get("items")) {
                                seen.add(item.get("id").asLong());
                            }
                        } else if (claimed >= 0 && code == 200) {
                            wins.computeIfAbsent(claimed, k -> new AtomicInteger()).incrementAndGet();
                            mine.add(claimed);
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(seconds + 120L, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();

        long doubleByClients = wins.values().stream().filter(n -> n.get() > 1).count();
        long doubleInSql;
        long claimedRows;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("""
                    select count(*) from (select s.request_id from financing_steps s
                    join financing_requests r on r.id = s.request_id and r.invoice_no like '""" + tag + """
                    %' where s.step = 'CLAIMED' group by s.request_id having count(*) > 1) x""")) {
                rs.next();
                doubleInSql = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("select count(*) from financing_requests where invoice_no like '" + tag
                    + "%' and claimed_by is not null")) {
                rs.next();
                claimedRows = rs.getLong(1);
            }
        }
        long total = reads.count() + claims.count() + offers.count();
        double rps = total / (double) seconds;
        Stats all = Stats.merge(reads, claims, offers);
        md.append("## Financing market\n\n");
        md.append(String.format(Locale.ROOT, "%,d open requests (seeded in %.1f s), %d banks (each request routed to 10),"
                + " %d clients, %d s measured after a 5 s warm-up; server and clients in one JVM (-Xmx512m).%n%n",
                requests, seedSeconds, INSTITUTIONS, clients, seconds));
        md.append("| kind | requests | req/s | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (var e : List.of(Map.entry("queue read (20 per page)", reads), Map.entry("claim", claims),
                Map.entry("offer", offers), Map.entry("**all**", all))) {
            Stats s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %.1f | %.1f |%n", e.getKey(), s.count(),
                    s.count() / (double) seconds, s.pct(50) / 1000.0, s.pct(99) / 1000.0, s.max() / 1000.0));
        }
        md.append(String.format(Locale.ROOT, "%nBaseline in the same run, one client alone doing the same mix of reads, claims"
                + " and offers: p50 %.1f ms, p99 %.1f ms (%,.0f requests/s for one client).%n", single.pct(50) / 1000.0,
                single.pct(99) / 1000.0, single.count() / (single.sum() / 1e6)));
        md.append(String.format(Locale.ROOT, "%nThroughput **%,.0f requests/s**, p50 %.1f ms, p99 **%.1f ms**. Claims won:"
                + " %,d (requests with claimed_by set: %,d); 409 answers: %,d; errors: %d. Double claims: %d seen by"
                + " clients, %d in SQL.%n%n", rps, all.pct(50) / 1000.0, all.pct(99) / 1000.0,
                wins.size(), claimedRows, conflicts.get(), errors.get(), doubleByClients, doubleInSql));
        targets.atLeast("market throughput, " + clients + " clients", rps, 1000, "requests/s")
                .atMost("market p99", all.pct(99) / 1000.0, 100, "ms");
        assertThat(doubleByClients).isZero();
        assertThat(doubleInSql).isZero();
        assertThat(errors.get()).isZero();
    }

    /** Sellers, 10,000 ROUTED EXCELLENT requests and their routes, written set-based. */
    void seedRequests(String tag, String[] banks, int requests) throws Exception {
        int firms = 1000;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(
                    "insert into enterprises (uscc, name, industry_code, in_park) values (?, ?, 'C3110', true)")) {
                for (int i = 0; i < firms; i++) {
                    st.setString(1, Fixtures.newUscc());
                    st.setString(2, "压测企业" + tag + "-" + i);
                    st.addBatch();
                }
                st.executeBatch();
            }
            FinancingFixtures.routedMarket(c, tag, "压测企业" + tag + "-", "压测债务人", requests, banks);
            try (Statement st = c.createStatement()) {
                st.execute("analyze financing_requests; analyze financing_routes; analyze financing_queue; analyze enterprises");
            }
            c.commit();
        }
    }

    // ---------------------------------------------------------------- grading

    void grading(StringBuilder md) throws Exception {
        int flowFirms = Integer.getInteger("bench.flowFirms", 100_000);
        LocalDate today = LocalDate.now(PARK);
        String debtor = Fixtures.newUscc();
        long l0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // 50 flows per firm over the last 25 months, every fifth IN flow from the common debtor
            st.executeUpdate("""
                    insert into transactions (txn_id, uscc, booked_on, direction, amount, counterparty_uscc, counterparty_name)
                    select 'GB' || f || '-' || k, 'GB' || lpad(f::text, 16, '0'),
                           date '%1$s' - ((k * 15 + f) %% 750),
                           case when k %% 3 = 0 then 'OUT' else 'IN' end,
                           1000 + ((f * 7919 + k * 104729) %% 90000),
                           case when k %% 5 = 0 then '%2$s' end, '客户'
                    from generate_series(1, %3$d) f cross join generate_series(1, 50) k
                    """.formatted(today, debtor, flowFirms));
            st.execute("analyze transactions");
        }
        double loadSeconds = (System.nanoTime() - l0) / 1e9;
        long txns;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from transactions")) {
            rs.next();
            txns = rs.getLong(1);
        }
        int samples = 2000;
        Stats direct = new Stats();
        for (int i = 0; i < samples + 200; i++) {
            String seller = "GB" + String.format("%016d", ThreadLocalRandom.current().nextInt(1, flowFirms + 1));
            long t0 = System.nanoTime();
            CashFlowGrading.Result r = grading.grade(seller, debtor, new BigDecimal("50000.00"), false, today);
            long micros = (System.nanoTime() - t0) / 1000;
            assertThat(r.factors()).hasSize(5);
            if (i >= 200) {
                direct.add(micros);
            }
        }
        // the same through the API: a park firm posting receivables (checks, duplicate check, grade, route, audit)
        String sellerFirm = Fixtures.newEnterprise("压测评级企业");
        String user = Fixtures.newUser("ENTERPRISE", sellerFirm, null);
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":password-" + user).getBytes(StandardCharsets.UTF_8));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("update transactions set uscc = '" + sellerFirm + "' where uscc = 'GB" + String.format("%016d", 1) + "'");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Stats posts = new Stats();
        String tag = Fixtures.newCode("GP");
        for (int i = 0; i < 520; i++) {
            String body = "{\"debtorUscc\":\"" + debtor + "\",\"debtorName\":\"压测债务人\",\"invoiceNo\":\"" + tag + "-" + i
                    + "\",\"invoiceDate\":\"" + today.minusDays(3) + "\",\"amount\":50000,\"dueDate\":\""
                    + today.plusDays(60) + "\",\"contractNo\":\"HT\",\"requestedAmount\":40000,\"termDays\":60}";
            long t0 = System.nanoTime();
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/financing-requests"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - t0) / 1000;
            assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
            if (i >= 20) {
                posts.add(micros);
            }
        }
        md.append("## Cash-flow grading with 5,000,000 flows\n\n");
        md.append(String.format(Locale.ROOT, "`transactions` holds %,d rows (%,d generated firms × 50 flows over 25 months,"
                + " loaded with `INSERT … SELECT` in %.1f s).%n%n", txns, flowFirms, loadSeconds));
        md.append("| what | samples | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| grade (GradingService: flows query, debtor list and rating, factors) | %,d | %.2f | %.2f | %.2f |%n",
                direct.count(), direct.pct(50) / 1000.0, direct.pct(99) / 1000.0, direct.max() / 1000.0));
        md.append(String.format(Locale.ROOT, "| POST /api/financing-requests end to end (sequential) | %,d | %.2f | %.2f | %.2f |%n%n",
                posts.count(), posts.pct(50) / 1000.0, posts.pct(99) / 1000.0, posts.max() / 1000.0));
        targets.atMost("grading p99 (GradingService)", direct.pct(99) / 1000.0, 50, "ms");
    }

    /** Latencies in microseconds, appended from many threads. */
    static final class Stats {
        private final List<long[]> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<long[]> local = new ThreadLocal<>();
        private final ThreadLocal<int[]> fill = ThreadLocal.withInitial(() -> new int[1]);
        private long[] sorted;

        void add(long micros) {
            long[] chunk = local.get();
            int[] n = fill.get();
            if (chunk == null || n[0] == chunk.length) {
                chunk = new long[4096];
                Arrays.fill(chunk, -1);
                chunks.add(chunk);
                local.set(chunk);
                n[0] = 0;
            }
            chunk[n[0]++] = micros;
        }

        static Stats merge(Stats... all) {
            Stats m = new Stats();
            for (Stats s : all) {
                m.chunks.addAll(s.chunks);
            }
            return m;
        }

        private long[] sorted() {
            if (sorted == null) {
                synchronized (chunks) {
                    sorted = chunks.stream().flatMapToLong(Arrays::stream).filter(v -> v >= 0).sorted().toArray();
                }
            }
            return sorted;
        }

        long count() {
            return sorted().length;
        }

        long pct(double p) {
            long[] s = sorted();
            return s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
        }

        long sum() {
            return Arrays.stream(sorted()).sum();
        }

        long max() {
            long[] s = sorted();
            return s.length == 0 ? 0 : s[s.length - 1];
        }
    }
}
