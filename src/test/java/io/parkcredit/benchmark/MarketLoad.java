package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.financing.FinancingRows;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.PackagedServer;
import io.parkcredit.testing.MonitoringFixtures;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The financing market against its ceiling, with the load from outside the server (issue "Real-time
 * paths"; README "Benchmarks"; results in {@code target/benchmarks/market.md}).
 *
 * <p>This JVM is the load generator only. The server is the packaged {@code quarkus-run.jar}, started
 * as a separate process as users start it, on an embedded PostgreSQL with the run command's durable
 * settings (fsync and synchronous commit on). Each phase gets its own 20 banks, officers and 20,000
 * ROUTED requests (each routed to 10 of the banks), so no phase eats another's queue:
 *
 * <ol>
 *   <li><b>Ceiling</b>: the very statements the server runs for each request kind ({@link FinancingRows}:
 *   the queue page, the claim, the offer, each claim and offer in its own transaction), driven straight
 *   over JDBC by {@code clients} threads (a pool of {@code bench.ceilingConnections} connections, the
 *   server's pool size), 60 % queue reads, 20 % claims of a request the client saw, 20 % offers on one
 *   its bank won.</li>
 *   <li><b>Saturation</b>: the same mix through the HTTP API by {@code clients} closed-loop clients
 *   (keep-alive connections, HTTP Basic as their bank's officer, all driven by one selector thread,
 *   {@link NioLoad}, so that the generator takes as little of the shared cores as it can): the server's
 *   throughput, and the ratio to the ceiling.</li>
 *   <li><b>Fixed rate</b>: the same mix at {@code bench.rate} requests/s spread over the same number of
 *   connections (each client sends on its own schedule; a late answer delays the next request, and the
 *   latency is counted from when the request was due, so a stall is not hidden): the latency at that
 *   rate. (Closed-loop clients with no pause cannot show a latency target: 200 of them at 2,000 answers/s
 *   are 100 ms apart by Little's law whatever the server does.)</li>
 *   <li><b>One client</b>: queue reads one after another on one connection: the latency of a read alone.</li>
 * </ol>
 *
 * <p>During each phase a sampler reads {@code pg_stat_activity} every 20 ms (what the busy backends
 * wait for), and the CPU time of the server, PostgreSQL and this generator is read from /proc. Double
 * claims are counted on the clients and in SQL.
 */
@Tag("benchmark")
class MarketLoad {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final int BANKS = 20;
    /** What precedes an item's id in a queue page (the body is scanned as bytes, not parsed). */
    static final byte[] ITEM_ID = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

    final int clients = Integer.getInteger("bench.clients", 200);
    final int seconds = Integer.getInteger("bench.seconds", 30);
    final int warmup = Integer.getInteger("bench.warmup", 10);
    final int requests = Integer.getInteger("bench.requests", 20_000);
    final int rate = Integer.getInteger("bench.rate", 2_000);
    final int ceilingConnections = Integer.getInteger("bench.ceilingConnections", 20);
    final int repeat = Integer.getInteger("bench.repeat", 1);

    private final Targets targets = new Targets("market");
    private EmbeddedDatabase db;
    private Process server;
    private int port;
    private final StringBuilder md = new StringBuilder();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
        if (db != null) {
            db.close();
        }
    }

    /** One phase's world: its banks, their officers' Basic headers, and the tag of its requests. */
    record World(String tag, String[] banks, String[] officers, String[] auth) {
    }

    @Test
    void marketAgainstItsCeiling() throws Exception {
        String loadBefore = awaitQuiet();
        db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-market-pg"), 0, true,
                EmbeddedDatabase.Durability.DURABLE, Statements.settings());
        if (!System.getProperty("bench.pgSettings", "").isBlank()) {
            md.append("PostgreSQL settings for this run: `").append(System.getProperty("bench.pgSettings")).append("`.\n\n");
        }
        startServer();
        md.append("# Financing market: HTTP API against the same SQL over JDBC\n\n");
        md.append(String.format(Locale.ROOT, "%d cores; server: packaged jar, its own JVM (pid %d); generator: this JVM;"
                + " %d requests per phase, %d banks, %d clients, %d s measured after %d s warm-up; %d run(s), each with"
                + " its own worlds.%n%n", Runtime.getRuntime().availableProcessors(), server.pid(), requests, BANKS, clients,
                seconds, warmup, repeat));
        StringBuilder summary = new StringBuilder("| run | load before | ceiling /s | API /s | ratio | p99 ms at " + rate
                + "/s | one read p50 ms | load after |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        List<Double> ratios = new ArrayList<>();
        List<Double> apis = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> reads = new ArrayList<>();
        List<World> worlds = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        // a server as users meet it has run for a while: its JIT has compiled the hot paths. A fresh JVM needs about a
        // minute of load for that (run 1 of the first measurement met a cold one: 0.67 ms of CPU per request against
        // 0.22-0.27 ms warm), so the server first serves closed-loop phases on worlds of their own, not reported
        int serverWarmups = Integer.getInteger("bench.serverWarmup", 2);
        for (int i = 1; i <= serverWarmups; i++) {
            World w = seed("W" + i);
            worlds.add(w);
            Result r = closedLoop(w);
            System.out.printf(Locale.ROOT, "server warm-up %d: %,.0f requests/s%n", i, r.perSecond(seconds));
        }
        if (serverWarmups > 0) {
            md.append(String.format(Locale.ROOT, "Before run 1 the server served %d closed-loop phase(s) of %d s on worlds of"
                    + " their own (JIT warm-up, not reported).%n%n", serverWarmups, seconds + warmup));
        }
        // settings that differ between the runs of one process (A/B on the same server and database): reloadable
        // PostgreSQL settings per run, "name=value,name=value;…" (empty for the defaults), applied before each run
        String[] perRun = System.getProperty("bench.pgRunSettings", "").split(";", -1);
        for (int run = 1; run <= repeat; run++) {
            String runSettings = run - 1 < perRun.length ? perRun[run - 1].strip() : "";
            applyRunSettings(runSettings);
            if (!System.getProperty("bench.pgRunSettings", "").isBlank()) {
                md.append("Run ").append(run).append(" PostgreSQL settings: `")
                        .append(runSettings.isEmpty() ? "defaults" : runSettings).append("`.\n\n");
            }
            String before = run == 1 && serverWarmups == 0 ? loadBefore : awaitQuiet();
            World ceilingWorld = seed("C" + run);
            World closedWorld = seed("K" + run);
            World rateWorld = seed("R" + run);
            World singleWorld = seed("Q" + run);
            worlds.addAll(List.of(ceilingWorld, closedWorld, rateWorld, singleWorld));
            try (Connection c = jdbc(); Statement st = c.createStatement()) {
                // the steady state of a running park: autovacuum has visited the bulk-written tables (visibility map
                // set, so the queue count is an index-only scan), statistics are fresh, dirty pages written
                st.execute("vacuum (analyze) financing_requests, financing_routes, financing_queue, financing_steps, audit_log, app_users,"
                        + " enterprises, institutions, financing_offers");
                st.execute("checkpoint");
            }
            String plan = explainQueueRead(closedWorld);
            // every officer signs in once: the server then remembers the verified password (bcrypt only at first)
            for (World w : List.of(closedWorld, rateWorld, singleWorld)) {
                try (RawHttp h = new RawHttp("localhost", port)) {
                    for (String a : w.auth) {
                        assertThat(h.get("/api/financing-requests?status=ROUTED&size=1", a).status()).isEqualTo(200);
                    }
                }
            }
            Result ceiling = ceiling(ceilingWorld);
            Statements statements = new Statements(this::jdbc);
            statements.reset();
            Result closed = closedLoop(closedWorld);
            StringBuilder closedStatements = new StringBuilder();
            statements.report(closedStatements, "the API phase without pause (its warm-up included)");
            Result fixed = fixedRate(rateWorld);
            Kinds single = oneClient(singleWorld);
            results.addAll(List.of(ceiling, closed, fixed));
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

            md.append("## Run ").append(run).append("\n\nLoad before: `").append(before).append("`.\n\n");
            md.append("| phase | kind | requests | per s | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (Result r : List.of(ceiling, closed, fixed)) {
                r.kinds.rows(md, r.name, seconds);
            }
            single.rows(md, "one client, queue reads in a row", single.all().sum() / 1e6);
            double ratio = closed.kinds.all().count() / (double) ceiling.kinds.all().count();
            md.append(String.format(Locale.ROOT, "%nCeiling %,.0f statements/s over JDBC; the API %,.0f requests/s: **ratio %.2f**."
                    + " At %,d requests/s offered, p99 **%.1f ms**. A queue read alone: p50 **%.2f ms**, p99 %.2f ms.%n%n",
                    ceiling.perSecond(seconds), closed.perSecond(seconds), ratio, rate, fixed.kinds.all().pct(99) / 1000.0,
                    single.all().pct(50) / 1000.0, single.all().pct(99) / 1000.0));
            for (Result r : List.of(ceiling, closed, fixed)) {
                md.append("**").append(r.name).append("**: ").append(r.notes).append("\n\n");
            }
            md.append(closedStatements);
            md.append("The queue read's plans before the phases (`EXPLAIN (ANALYZE, BUFFERS)`, one bank's queue, page 4, and"
                    + " its count):\n\n```\n").append(plan).append("```\n\n");
            md.append(String.format(Locale.ROOT, "Load after the run: `%s`.%n%n", loadAfter));
            summary.append(String.format(Locale.ROOT, "| %d | `%s` | %,.0f | %,.0f | %.2f | %.1f | %.2f | `%s` |%n", run,
                    before.substring(0, before.indexOf(' ', before.indexOf(' ') + 1)), ceiling.perSecond(seconds),
                    closed.perSecond(seconds), ratio, fixed.kinds.all().pct(99) / 1000.0, single.all().pct(50) / 1000.0,
                    loadAfter.substring(0, loadAfter.indexOf(' ', loadAfter.indexOf(' ') + 1))));
            ratios.add(ratio);
            apis.add(closed.perSecond(seconds));
            p99s.add(fixed.kinds.all().pct(99) / 1000.0);
            reads.add(single.all().pct(50) / 1000.0);
        }
        md.append("## Summary (targets checked on the median of the runs)\n\n").append(summary).append('\n');

        targets.atLeast("API ÷ ceiling (same mix, " + clients + " clients)", median(ratios), 0.5, "")
                .atLeast("API throughput, " + clients + " clients", median(apis), 2000, "requests/s")
                .atMost("p99 at " + rate + " requests/s over " + clients + " connections", median(p99s), 100, "ms")
                .atMost("one queue read alone, p50", median(reads), 3, "ms");
        md.append(targets.markdown());
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve("market.md"), md.toString());
        System.out.println("\n" + md);
        for (World w : worlds) {
            assertThat(doubleClaimsInSql(w)).as("requests claimed twice (" + w.tag + ")").isZero();
        }
        for (Result r : results) {
            assertThat(r.doubleWins).as("double claims seen by clients in " + r.name).isZero();
            assertThat(r.errors.get()).as("errors in " + r.name).isZero();
        }
        targets.assertAllMet();
    }

    // ---------------------------------------------------------------- server and data

    /** Sets reloadable PostgreSQL settings for the next run (ALTER SYSTEM, reload); resets them when empty. */
    private void applyRunSettings(String settings) throws SQLException {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("alter system reset all");
            for (String kv : settings.split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                String[] p = kv.split("=", 2);
                if (!p[0].strip().matches("[a-z_]+") || !p[1].strip().matches("[A-Za-z0-9._]+")) {
                    throw new IllegalArgumentException("not a setting: " + kv);
                }
                st.execute("alter system set " + p[0].strip() + " = '" + p[1].strip() + "'");
            }
            st.execute("select pg_reload_conf()");
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Waits (at most {@code bench.quietWait} s, default 240) for the one-minute load average to fall
     * below 1, as a benchmark must not share the machine; returns the load it started at.
     */
    static String awaitQuiet() throws Exception {
        MonitoringFixtures.awaitUpTo(Duration.ofSeconds(Integer.getInteger("bench.quietWait", 240)),
                () -> Double.parseDouble(loadAverage().split(" ")[0]) < 1.0);
        String load = loadAverage();
        System.out.println("load average at the start: " + load);
        return load;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void startServer() throws Exception {
        port = freePort();
        Path jar = Path.of(System.getProperty("parkcredit.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Path.of("target", "benchmarks", "market-server.log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Boolean.getBoolean("bench.jfr")) {
            cmd.add("-XX:StartFlightRecording=filename=" + log.getParent().toAbsolutePath().resolve("market-server.jfr")
                    + ",settings=profile");
        }
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        PackagedServer.environment(pb.environment(), db, port, "admin-market-load-1");
        pb.environment().put("PARKCREDIT_DATA_DIR", Files.createTempDirectory("parkcredit-market-data").toString());
        // variants without a rebuild: -Dbench.serverEnv=QUARKUS_THREAD_POOL_MAX_THREADS=48,QUARKUS_DATASOURCE_JDBC_MAX_SIZE=20
        BenchProperties.pairs("bench.serverEnv").forEach((name, value) -> {
            pb.environment().put(name, value);
            md.append("Server setting for this run: `").append(name).append('=').append(value).append("`.\n\n");
        });
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        server = pb.start();
        awaitReady(server, port, log);
    }

    /** Waits until a started server answers its readiness probe (at most 120 s; fails if the process ends). */
    static void awaitReady(Process server, int port, Path log) {
        MonitoringFixtures.await("the server ready within 120 s (log: " + log + ")", Duration.ofSeconds(120), () -> {
            assertThat(server.isAlive()).as("server process (log: " + log + ")").isTrue();
            try (RawHttp h = new RawHttp("localhost", port)) {
                return h.get("/q/health/ready", null).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
    }

    private World seed(String tag) throws Exception {
        String[] banks = new String[BANKS];
        String[] officers = new String[BANKS];
        String[] auth = new String[BANKS];
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            try (PreparedStatement inst = c.prepareStatement("insert into institutions (code, name, kind) values (?, ?, 'BANK')");
                    PreparedStatement user = c.prepareStatement("insert into app_users (username, password_hash, role,"
                            + " institution_code, created_at) values (?, ?, 'BANK', ?, now())")) {
                String hash = BcryptUtil.bcryptHash("Market-Load-Password-1");
                for (int i = 0; i < BANKS; i++) {
                    banks[i] = tag + "B" + i;
                    officers[i] = tag.toLowerCase(Locale.ROOT) + "-officer-" + i;
                    auth[i] = "Basic " + Base64.getEncoder().encodeToString((officers[i] + ":Market-Load-Password-1")
                            .getBytes(StandardCharsets.UTF_8));
                    inst.setString(1, banks[i]);
                    inst.setString(2, "压测银行" + tag + i);
                    inst.addBatch();
                    user.setString(1, officers[i]);
                    user.setString(2, hash);
                    user.setString(3, banks[i]);
                    user.addBatch();
                }
                inst.executeBatch();
                user.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        insert into enterprises (uscc, name, industry_code, in_park)
                        select '91%1$s' || lpad(g::text, 14, '0'), '压测企业%1$s-' || g, 'C3110', true
                        from generate_series(1, 1000) g""".formatted(tag));
            }
            FinancingFixtures.routedMarket(c, tag, "压测企业" + tag + "-", "压测债务人", requests, banks);
            c.commit();
        }
        return new World(tag, banks, officers, auth);
    }

    private String explainQueueRead(World w) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = jdbc()) {
            for (String sql : List.of(FinancingRows.queueSql(20, 80), FinancingRows.QUEUE_COUNT_SQL)) {
                try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + sql)) {
                    ps.setString(1, w.banks[0]);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                plan.append('\n');
            }
        }
        return plan.toString();
    }

    private long doubleClaimsInSql(World w) throws SQLException {
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select count(*) from (select s.request_id from financing_steps s
                join financing_requests r on r.id = s.request_id and r.invoice_no like '%s-%%'
                where s.step = 'CLAIMED' group by s.request_id having count(*) > 1) x""".formatted(w.tag))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- phases

    /** What one client does next, and what it knows: requests it saw in its queue, requests its bank won. */
    static final class Client {
        final int bank;
        final List<Long> seen = new ArrayList<>();
        final List<Long> mine = new ArrayList<>();

        Client(int bank) {
            this.bank = bank;
        }

        /** 0 = queue read, 1 = claim, 2 = offer. */
        int next(ThreadLocalRandom rnd) {
            int dice = rnd.nextInt(100);
            if (dice < 20 && !seen.isEmpty()) {
                return 1;
            }
            if (dice < 40 && !mine.isEmpty()) {
                return 2;
            }
            return 0;
        }
    }

    static final class Result {
        final String name;
        final Kinds kinds = new Kinds();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final Map<Long, AtomicInteger> wins = new ConcurrentHashMap<>();
        long doubleWins;
        String notes = "";

        Result(String name) {
            this.name = name;
        }

        double perSecond(int seconds) {
            return kinds.all().count() / (double) seconds;
        }

        void won(long id) {
            wins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private Result ceiling(World w) throws Exception {
        Result result = new Result("ceiling: the same SQL over JDBC");
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(ceilingConnections);
        for (int i = 0; i < ceilingConnections; i++) {
            Connection c = jdbc();
            pool.add(c);
        }
        // the server recounts a queue's total at most once a second per institution (FinancingConfig): so does this
        Map<String, Long> counted = new ConcurrentHashMap<>();
        LocalDate expires = LocalDate.now(PARK).plusDays(10);
        Runner runner = (client, kind, rnd) -> {
            Connection c = pool.take();
            try {
                String inst = w.banks[client.bank];
                String actor = w.officers[client.bank];
                if (kind == 0) {
                    try (PreparedStatement ps = c.prepareStatement(FinancingRows.queueSql(20, 20 * rnd.nextInt(5)))) {
                        ps.setString(1, inst);
                        client.seen.clear();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                client.seen.add(rs.getLong("id"));
                            }
                        }
                    }
                    long now = System.nanoTime();
                    Long last = counted.get(inst);
                    if (last == null || now - last > 1_000_000_000L) {
                        counted.put(inst, now);
                        try (PreparedStatement ps = c.prepareStatement(FinancingRows.QUEUE_COUNT_SQL)) {
                            ps.setString(1, inst);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                            }
                        }
                    }
                    return 200;
                }
                c.setAutoCommit(false);
                try {
                    if (kind == 1) {
                        long id = client.seen.remove(rnd.nextInt(client.seen.size()));
                        try (PreparedStatement ps = c.prepareStatement(FinancingRows.CLAIM_SQL)) {
                            Instant now = Instant.now();
                            FinancingRows.bindClaim(ps, id, inst, actor, now, now.plus(Duration.ofHours(72)));
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    c.commit();
                                    client.mine.add(id);
                                    result.won(id);
                                    return 200;
                                }
                            }
                        }
                        c.commit();
                        return 409;
                    }
                    long id = client.mine.get(rnd.nextInt(client.mine.size()));
                    try (PreparedStatement ps = c.prepareStatement(FinancingRows.OFFER_SQL)) {
                        FinancingRows.bindOffer(ps, id, inst, actor, Instant.now(), new BigDecimal("50000"),
                                new BigDecimal("4.2"), 90, expires, null);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                        }
                    }
                    c.commit();
                    return 201;
                } finally {
                    c.setAutoCommit(true);
                }
            } finally {
                pool.add(c);
            }
        };
        runClosed(result, runner, w);
        for (Connection c : pool) {
            c.close();
        }
        return result;
    }

    private Result closedLoop(World w) throws Exception {
        Result result = new Result("API, " + clients + " clients without pause");
        drive(w, result, 0);
        return result;
    }

    /**
     * The API phases: {@code clients} keep-alive connections, one {@link Client} each, driven by one
     * selector thread ({@link NioLoad}); without pause ({@code intervalNanos} 0) or each on its own
     * schedule.
     */
    private void drive(World w, Result result, long intervalNanos) throws Exception {
        List<NioLoad.Conversation> conversations = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            conversations.add(conversation(w, result, new Client(t % BANKS)));
        }
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        Sampler sampler = new Sampler(measureFrom, end);
        NioLoad.Recorder recorder = new NioLoad.Recorder() {
            @Override
            public void record(int kind, int status, long micros, boolean measured) {
                count(result, status);
                if (measured) {
                    result.kinds.add(kind, micros);
                }
            }

            @Override
            public void failed(IOException e) {
                result.errors.incrementAndGet();
                e.printStackTrace();
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loop = new Thread(() -> {
            try {
                new NioLoad("localhost", port).run(conversations, start, intervalNanos, measureFrom, end, recorder);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "nio-load");
        loop.start();
        sampler.run();
        loop.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the load loop failed", failure.get());
        }
        finish(result, sampler);
    }

    /** One client's steps over HTTP: read its bank's queue, claim a request it saw, offer on one its bank won. */
    private NioLoad.Conversation conversation(World w, Result result, Client client) {
        String offer = "{\"amount\":50000,\"rate\":4.2,\"termDays\":90,\"expiresOn\":\"" + LocalDate.now(PARK).plusDays(10) + "\"}";
        String auth = w.auth[client.bank];
        return new NioLoad.Conversation() {
            private long claiming;

            @Override
            public NioLoad.Step next() {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                int kind = client.next(rnd);
                if (kind == 0) {
                    return new NioLoad.Step(0, NioLoad.get("/api/financing-requests?status=ROUTED&size=20&page=" + rnd.nextInt(5), auth));
                }
                if (kind == 1) {
                    claiming = client.seen.remove(rnd.nextInt(client.seen.size()));
                    return new NioLoad.Step(1, NioLoad.post("/api/financing-requests/" + claiming + "/claim", auth, null));
                }
                long id = client.mine.get(rnd.nextInt(client.mine.size()));
                return new NioLoad.Step(2, NioLoad.post("/api/financing-requests/" + id + "/offers", auth, offer));
            }

            @Override
            public void answered(int kind, RawHttp.Response res) {
                if (kind == 0 && res.status() == 200) {
                    client.seen.clear();
                    res.numbersAfter(ITEM_ID, client.seen::add);
                } else if (kind == 1 && res.status() == 200) {
                    client.mine.add(claiming);
                    result.won(claiming);
                }
            }
        };
    }

    interface Runner {
        int step(Client client, int kind, ThreadLocalRandom rnd) throws Exception;
    }

    /** {@code clients} threads, each stepping without pause; measured after the warm-up. */
    private void runClosed(Result result, Runner runner, World w) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        Sampler sampler = new Sampler(measureFrom, end);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Client client = new Client(t % BANKS);
            Thread th = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                try {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        int kind = client.next(rnd);
                        long t0 = System.nanoTime();
                        int code = runner.step(client, kind, rnd);
                        long t1 = System.nanoTime();
                        count(result, code);
                        if (t0 >= measureFrom && t1 <= end) {
                            result.kinds.add(kind, (t1 - t0) / 1000);
                        }
                    }
                } catch (Exception e) {
                    result.errors.incrementAndGet();
                    e.printStackTrace();
                }
            }, "load-" + t);
            threads.add(th);
        }
        threads.forEach(Thread::start);
        sampler.run();
        for (Thread th : threads) {
            th.join();
        }
        finish(result, sampler);
    }

    /** Each of {@code clients} connections sends on its own schedule, {@code rate} requests/s in all. */
    private Result fixedRate(World w) throws Exception {
        Result result = new Result("API at " + rate + " requests/s offered over " + clients + " connections");
        drive(w, result, (long) (clients * 1e9 / rate));
        return result;
    }

    private Kinds oneClient(World w) throws Exception {
        Kinds kinds = new Kinds();
        try (RawHttp h = new RawHttp("localhost", port)) {
            for (int i = 0; i < 2_200; i++) {
                long t0 = System.nanoTime();
                RawHttp.Response res = h.get("/api/financing-requests?status=ROUTED&size=20&page=" + (i % 5), w.auth[i % BANKS]);
                long micros = (System.nanoTime() - t0) / 1000;
                assertThat(res.status()).isEqualTo(200);
                if (i >= 200) {
                    kinds.add(0, micros);
                }
            }
        }
        return kinds;
    }

    private static void count(Result result, int code) {
        if (code == 409) {
            result.conflicts.incrementAndGet();
        } else if (code != 200 && code != 201) {
            result.errors.incrementAndGet();
        }
    }

    private void finish(Result result, Sampler sampler) {
        result.doubleWins = result.wins.values().stream().filter(n -> n.get() > 1).count();
        result.notes = String.format(Locale.ROOT, "%,d claims won, %,d answered 409, %d errors, %d double claims seen by"
                + " clients. %s", result.wins.size(), result.conflicts.get(), result.errors.get(), result.doubleWins,
                sampler.summary(server.pid()));
        long measured = result.kinds.all().count();
        if (measured > 0) {
            result.notes += String.format(Locale.ROOT, " Per measured request: %.1f KB of WAL, %.2f full-page images.",
                    sampler.walDelta[2] / 1024.0 / measured, sampler.walDelta[1] / (double) measured);
        }
    }

    // ---------------------------------------------------------------- profile

    /** Samples what PostgreSQL's busy backends wait for, and the CPU time of each process, during a phase. */
    final class Sampler {
        final long from;
        final long to;
        final Map<String, Long> waits = new LinkedHashMap<>();
        long samples;
        long busy;
        double serverCpu;
        double dbCpu;
        double generatorCpu;
        double machineCpu;
        double wallSeconds;
        /** WAL over the phase: records, full-page images, bytes, flushes. */
        final long[] walDelta = new long[4];

        Sampler(long from, long to) {
            this.from = from;
            this.to = to;
        }

        void run() throws Exception {
            try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("""
                    select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
                    where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()""")) {
                while (System.nanoTime() < from) {
                    Thread.sleep(5);
                }
                long[] before = cpu();
                long[] walBefore = wal(c);
                long t0 = System.nanoTime();
                while (System.nanoTime() < to) {
                    try (ResultSet rs = ps.executeQuery()) {
                        samples++;
                        while (rs.next()) {
                            busy++;
                            waits.merge(rs.getString(1), 1L, Long::sum);
                        }
                    }
                    Thread.sleep(20);
                }
                long[] after = cpu();
                long[] walAfter = wal(c);
                for (int i = 0; i < walDelta.length; i++) {
                    walDelta[i] = walAfter[i] - walBefore[i];
                }
                wallSeconds = (System.nanoTime() - t0) / 1e9;
                double tick = 100.0;
                serverCpu = (after[0] - before[0]) / tick;
                dbCpu = (after[1] - before[1]) / tick;
                generatorCpu = (after[2] - before[2]) / 1e9;
                machineCpu = (after[3] - before[3]) / tick;
            }
        }

        /** The WAL written so far ({@code pg_stat_wal}): records, full-page images, bytes, flushes to disk. */
        long[] wal(Connection c) throws SQLException {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select wal_records, wal_fpi, wal_bytes, wal_sync from pg_stat_wal")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }

        /** CPU so far: server ticks, PostgreSQL ticks (all postgres processes), generator ns, machine busy ticks. */
        long[] cpu() throws IOException {
            return ProcessCpu.snapshot(server.pid());
        }

        String summary(long serverPid) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "CPU over %.0f s (cores busy on average): server %.2f, PostgreSQL %.2f,"
                    + " generator %.2f, whole machine %.2f. Busy PostgreSQL backends per sample: %.1f; of them waiting on: ",
                    wallSeconds, serverCpu / wallSeconds, dbCpu / wallSeconds, generatorCpu / wallSeconds,
                    machineCpu / wallSeconds, samples == 0 ? 0 : busy / (double) samples));
            waits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "%s %.0f %%, ", e.getKey(),
                            100.0 * e.getValue() / Math.max(1, busy))));
            sb.setLength(sb.length() - 2);
            sb.append(String.format(Locale.ROOT, ". WAL: %,.0f MB in %,d records, %,d of them full-page images (%,.0f MB"
                    + " of page images at most), %,d flushes to disk (%,.0f a second)", walDelta[2] / 1e6, walDelta[0],
                    walDelta[1], walDelta[1] * 8192 / 1e6, walDelta[3], walDelta[3] / Math.max(wallSeconds, 1e-9)));
            return sb.append('.').toString();
        }
    }

    // ---------------------------------------------------------------- latencies

    /** Latencies in microseconds per kind (0 read, 1 claim, 2 offer), appended from many threads. */
    static final class Kinds {
        final Lat[] byKind = {new Lat(), new Lat(), new Lat()};

        void add(int kind, long micros) {
            byKind[kind].add(micros);
        }

        Lat all() {
            Lat all = new Lat();
            for (Lat l : byKind) {
                all.addAll(l);
            }
            return all;
        }

        void rows(StringBuilder md, String phase, double secondsOrRate) {
            String[] names = {"queue read", "claim", "offer"};
            for (int k = 0; k < 3; k++) {
                if (byKind[k].count() > 0) {
                    row(md, phase, names[k], byKind[k], secondsOrRate);
                }
            }
            if (byKind[1].count() + byKind[2].count() > 0) {
                row(md, phase, "**all**", all(), secondsOrRate);
            }
        }

        private static void row(StringBuilder md, String phase, String kind, Lat l, double seconds) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f |%n", phase, kind,
                    l.count(), l.count() / seconds, l.pct(50) / 1000.0, l.pct(90) / 1000.0, l.pct(99) / 1000.0,
                    l.max() / 1000.0));
        }

        void rows(StringBuilder md, String phase, int seconds) {
            rows(md, phase, (double) seconds);
        }
    }

    static final class Lat {
        private long[] values = new long[1 << 14];
        private int n;
        private long[] sorted;

        synchronized void add(long micros) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = micros;
            sorted = null;
        }

        synchronized void addAll(Lat other) {
            for (long v : other.snapshot()) {
                add(v);
            }
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(values, n);
        }

        private synchronized long[] sorted() {
            if (sorted == null) {
                sorted = Arrays.copyOf(values, n);
                Arrays.sort(sorted);
            }
            return sorted;
        }

        long count() {
            return sorted().length;
        }

        long sum() {
            return Arrays.stream(sorted()).sum();
        }

        long pct(double p) {
            long[] s = sorted();
            return s.length == 0 ? 0 : s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1))];
        }

        long max() {
            long[] s = sorted();
            return s.length == 0 ? 0 : s[s.length - 1];
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
