package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.enterprise.Uscc;
import io.parkcredit.shared.ClockProducer;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.PackagedServer;
import io.parkcredit.testing.FakeSmsGateway;
import io.parkcredit.testing.MonitoringFixtures;
import java.io.IOException;
import java.io.StringReader;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Credit events to SMS with the load from outside the server (issue "Real-time paths"; README
 * "Benchmarks"; results in {@code target/benchmarks/monitoring.md}).
 *
 * <p>This JVM is the load generator and the SMS gateway ({@link FakeSmsGateway}, which the server's
 * HTTP gateway sender calls). The server is the packaged {@code quarkus-run.jar} as a separate
 * process on an embedded PostgreSQL with durable settings. Phases:
 *
 * <ol>
 *   <li><b>Open</b> (no daily cap, no quiet hours): {@code clients} clients post {@code bench.events}
 *   negative events (one in ten SERIOUS) in requests of {@code bench.chunk} as the ADMIN, spread over
 *   {@code bench.firms} firms, each with a mobile; every event raises one alert and one SMS to its firm.
 *   The latency of an event is its SMS's arrival at the gateway minus the moment its client sent
 *   the request that carried it. Every second the PENDING outbox rows are counted (the backlog).</li>
 *   <li><b>Ceiling</b>: the same rows, chunks and clients written straight into {@code credit_events}
 *   with {@code COPY} (trigger and indexes included; dated too long ago to raise alerts): what the
 *   database does with the events alone.</li>
 *   <li><b>Rules on</b>: the server restarted with a daily cap of {@code bench.cap} and quiet hours that
 *   cover the run; {@code bench.capEvents} events into {@code bench.capFirms} other firms. Non-SERIOUS
 *   messages are held until the quiet hours end, SERIOUS ones go, each number at most {@code cap}
 *   times, the rest SUPPRESSED; the gateway's and the outbox's counts are checked exactly.</li>
 * </ol>
 */
@Tag("benchmark")
class MonitoringLoad {

    static final String PASSWORD = "admin-monitoring-load-1";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    final int events = Integer.getInteger("bench.events", 100_000);
    final int chunk = Integer.getInteger("bench.chunk", 2_000);
    final int clients = Integer.getInteger("bench.clients", 4);
    final int firms = Integer.getInteger("bench.firms", 10_000);
    final int warmupEvents = Integer.getInteger("bench.warmupEvents", 20_000);
    final int capEvents = Integer.getInteger("bench.capEvents", 40_000);
    final int capFirms = Integer.getInteger("bench.capFirms", 2_000);
    final int cap = Integer.getInteger("bench.cap", 1);
    final String threads = System.getProperty("bench.threads");
    final String batch = System.getProperty("bench.batch");
    /** Messages per call to the gateway's batch endpoint; 0 = one call per message. */
    final int smsBatch = Integer.getInteger("bench.smsBatch", 100);

    private final Targets targets = new Targets("monitoring");
    private final StringBuilder md = new StringBuilder();
    private final Map<Character, Phase> phases = new ConcurrentHashMap<>();
    private EmbeddedDatabase db;
    private FakeSmsGateway gateway;
    private Process server;
    private int port;
    private int serverRuns;
    private int firmSeq;

    @AfterEach
    void stop() throws Exception {
        stopServer();
        if (gateway != null) {
            gateway.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** One phase's events and what reached the gateway of them (indexed by event number). */
    static final class Phase {
        final char tag;
        final int total;
        final String[] usccs;
        final int chunk;
        final long[] sentAt;
        final AtomicLongArray outId;
        final AtomicIntegerArray arrivals;
        final AtomicLongArray firstArrival;
        final AtomicInteger twoIds = new AtomicInteger();
        final AtomicLong arrived = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong lastArrival = new AtomicLong();
        final AtomicLong firstArrivalAny = new AtomicLong(Long.MAX_VALUE);
        final List<String> timeline = new ArrayList<>();
        long start;
        long ingestEnd;
        long maxBacklog;
        long maxDue;
        long pendingAtEnd;

        Phase(char tag, int total, String[] usccs, int chunk) {
            this.tag = tag;
            this.total = total;
            this.usccs = usccs;
            this.chunk = chunk;
            this.sentAt = new long[(total + chunk - 1) / chunk];
            this.outId = new AtomicLongArray(total);
            this.arrivals = new AtomicIntegerArray(total);
            this.firstArrival = new AtomicLongArray(total);
        }

        void arrived(FakeSmsGateway.Arrival a, int k) {
            if (!outId.compareAndSet(k, 0, a.outId()) && outId.get(k) != a.outId()) {
                twoIds.incrementAndGet();
            }
            if (arrivals.getAndIncrement(k) == 0) {
                firstArrival.set(k, a.nanos());
                arrived.incrementAndGet();
                lastArrival.accumulateAndGet(a.nanos(), Math::max);
                firstArrivalAny.accumulateAndGet(a.nanos(), Math::min);
            }
        }

        /** Event → SMS latencies (ms) of the events whose SMS arrived, sorted. */
        long[] latencies() {
            long[] out = new long[total];
            int n = 0;
            for (int k = 0; k < total; k++) {
                long at = firstArrival.get(k);
                if (at != 0) {
                    out[n++] = (at - sentAt[k / chunk]) / 1_000_000;
                }
            }
            long[] l = Arrays.copyOf(out, n);
            Arrays.sort(l);
            return l;
        }

        int resent() {
            int r = 0;
            for (int k = 0; k < total; k++) {
                r += Math.max(0, arrivals.get(k) - 1);
            }
            return r;
        }
    }

    @Test
    void eventsToSmsAgainstTheCeiling() throws Exception {
        String loadBefore = MarketLoad.awaitQuiet();
        db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-monitoring-pg"), 0, true,
                EmbeddedDatabase.Durability.DURABLE, Statements.settings());
        gateway = new FakeSmsGateway(0, this::arrived);
        String day = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1).toString();

        startServer(Map.of("PARKCREDIT_MONITORING_SMS_DAILY_CAP", "100000000",
                "PARKCREDIT_MONITORING_SMS_QUIET_START", "00:00", "PARKCREDIT_MONITORING_SMS_QUIET_END", "00:00"));
        String[] openFirms = seedFirms(firms);
        String[] capped = seedFirms(capFirms);
        analyze();
        Pipeline pipeline = null;
        if (Boolean.parseBoolean(System.getProperty("bench.pipelineCeiling", "true"))) {
            // the ceiling first, on the smaller tables (the API phase then meets the bigger ones): the rows one real
            // request writes are its templates; the server is stopped so that its dispatcher takes none of them
            pipeline = pipelineCeiling(openFirms, day);
            startServer(Map.of("PARKCREDIT_MONITORING_SMS_DAILY_CAP", "100000000",
                    "PARKCREDIT_MONITORING_SMS_QUIET_START", "00:00", "PARKCREDIT_MONITORING_SMS_QUIET_END", "00:00"));
        }
        md.append("# Monitoring: credit events to SMS, HTTP API against the database\n\n");
        md.append(String.format(Locale.ROOT, "Load before the run: `%s`; %d cores; server: packaged jar, its own JVM;"
                + " generator and SMS gateway: this JVM; %,d events in requests of %,d by %d clients into %,d firms"
                + " (after %,d warm-up events); dispatcher threads %s, batch %s; messages per gateway call %s.%n%n", loadBefore,
                Runtime.getRuntime().availableProcessors(), events, chunk, clients, firms, warmupEvents,
                threads == null ? "default" : threads, batch == null ? "default" : batch,
                smsBatch > 0 ? smsBatch + " (batch endpoint)" : "1"));
        if (!System.getProperty("bench.serverEnv", "").isBlank()) {
            md.append("Server settings for this run: `").append(System.getProperty("bench.serverEnv")).append("`.\n\n");
        }
        if (!System.getProperty("bench.pgSettings", "").isBlank()) {
            md.append("PostgreSQL settings for this run: `").append(System.getProperty("bench.pgSettings")).append("`.\n\n");
        }

        if (warmupEvents > 0) {
            Phase warm = new Phase('W', warmupEvents, openFirms, chunk);
            run(warm, day, Duration.ofMinutes(3));
        }
        Phase open = new Phase('A', events, openFirms, chunk);
        Statements statements = new Statements(this::jdbc);
        statements.reset();
        Sampler profile = new Sampler();
        Thread sampling = new Thread(profile::run, "sampler");
        sampling.start();
        run(open, day, Duration.ofMinutes(10));
        profile.stop = true;
        sampling.join();
        double ceiling = ceiling(openFirms, day);
        report("open (no cap, no quiet hours)", open);
        md.append(String.format(Locale.ROOT, "%nCeiling in the same run: the same %,d rows by %d clients in chunks of %,d,"
                + " `COPY` straight into `credit_events` (its trigger and indexes): **%,.0f events/s**; the API reached"
                + " **%.2f** of it.%n%n", events, clients, chunk, ceiling, ingestRate(open) / ceiling));
        if (pipeline != null) {
            md.append(String.format(Locale.ROOT, "Ceiling of the whole path in the same run, before the API phase: %,d events"
                    + " by %d clients in chunks of %,d, each chunk one transaction over JDBC writing what a request writes"
                    + " (`COPY` of the events, their alerts and their outbox rows, the same row contents as the server's),"
                    + " while %d threads run the server's own dispatcher code (claim, cap counters, record; its SQL) over"
                    + " JDBC with a sender that takes every message at once: ingest **%,.0f events/s**; every message"
                    + " recorded SENT after %.1f s: **%,.0f events/s end to end**; dispatcher %,.0f messages/s. The API"
                    + " reached **%.2f** of the ceiling's ingest and **%.2f** of its end-to-end rate. CPU of the ceiling"
                    + " (cores on average until the last message was recorded): PostgreSQL %.2f, its JDBC clients and"
                    + " dispatcher threads %.2f, whole machine %.2f; **PostgreSQL %.0f µs per event**, the clients %.0f µs."
                    + " The API phase: PostgreSQL %.0f µs and the server %.0f µs per event.%n%n", pipeline.events,
                    clients, chunk, pipeline.threads, pipeline.ingestRate(), pipeline.endSeconds(), pipeline.endRate(),
                    pipeline.dispatchRate(), ingestRate(open) / pipeline.ingestRate(),
                    (open.total / ((open.lastArrival.get() - open.start) / 1e9)) / pipeline.endRate(),
                    pipeline.cores(1), pipeline.cores(2), pipeline.cores(3), pipeline.dbMicrosPerEvent(),
                    pipeline.clientMicrosPerEvent(), profile.dbMicros / open.total, profile.serverMicros / open.total));
        }
        md.append("Profile of the open phase: ").append(profile.summary()).append("\n\n");
        statements.report(md, "the open phase");
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(dir.resolve("monitoring.md"), md.toString() + targets.markdown());
        checkOpen(open);

        // rules on: quiet hours from a minute ago to an hour ahead, and a small daily cap
        stopServer();
        LocalTime now = LocalTime.now(ClockProducer.PARK_ZONE);
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
        startServer(Map.of("PARKCREDIT_MONITORING_SMS_DAILY_CAP", String.valueOf(cap),
                "PARKCREDIT_MONITORING_SMS_QUIET_START", now.minusMinutes(1).format(hm),
                "PARKCREDIT_MONITORING_SMS_QUIET_END", now.plusHours(1).format(hm)));
        Phase rules = new Phase('B', capEvents, capped, chunk);
        run(rules, day, Duration.ofMinutes(5));
        report("daily cap " + cap + " and quiet hours " + now.minusMinutes(1).format(hm) + "–" + now.plusHours(1).format(hm),
                rules);
        checkRules(rules);

        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        md.append(String.format(Locale.ROOT, "Load after the run: `%s`.%n", loadAfter));
        md.append(targets.markdown());
        Files.writeString(dir.resolve("monitoring.md"), md.toString());
        System.out.println("\n" + md);
        targets.assertAllMet();
    }

    // ---------------------------------------------------------------- the gateway's side

    private void arrived(FakeSmsGateway.Arrival a) {
        String title = a.title();
        int hash = title == null ? -1 : title.indexOf('#');
        if (hash < 0) {
            return;
        }
        Phase p = phases.get(title.charAt(hash + 1));
        if (p != null) {
            p.arrived(a, Integer.parseInt(title.substring(hash + 2)));
        }
    }

    // ---------------------------------------------------------------- phases

    /** Posts the phase's events; returns when every SMS expected of it arrived (or the deadline passed). */
    private void run(Phase p, String day, Duration deadline) throws Exception {
        phases.put(p.tag, p);
        int requests = p.sentAt.length;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        p.start = System.nanoTime();
        Thread backlog = new Thread(() -> sampleBacklog(p), "backlog");
        backlog.setDaemon(true);
        backlog.start();
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (RawHttp h = new RawHttp("localhost", port)) {
                    for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                        int from = r * p.chunk;
                        int to = Math.min(p.total, from + p.chunk);
                        String body = body(p, from, to, day);
                        p.sentAt[r] = System.nanoTime();
                        RawHttp.Response res = h.post("/api/credit-events", AUTH, body);
                        if (res.status() != 201) {
                            errors.incrementAndGet();
                            System.err.println("HTTP " + res.status() + ": "
                                    + res.body().substring(0, Math.min(500, res.body().length())));
                        } else {
                            p.accepted.addAndGet(to - from);
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                }
            }, "client-" + c);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        p.ingestEnd = System.nanoTime();
        assertThat(errors.get()).as("failed requests in phase " + p.tag).isZero();
        long expected = expectedSms(p);
        // every expected SMS at the gateway (a miss is reported by the phase's checks), then no message left
        // claimed without a recorded result: from then on no repeat can reach the gateway
        MonitoringFixtures.awaitUpTo(deadline, () -> p.arrived.get() >= expected);
        // then every message due has been decided (under the rules the SMS over the cap are SUPPRESSED after the
        // last one sent arrived), and no message is left claimed without a recorded result: from then on no
        // repeat can reach the gateway
        MonitoringFixtures.awaitUpTo(Duration.ofSeconds(60), () -> count("select count(*) from sms_outbox"
                + " where status = 'PENDING' and next_attempt_at <= now() and claim_token is null") == 0);
        MonitoringFixtures.awaitUpTo(Duration.ofSeconds(60), () -> count("select count(*) from sms_outbox"
                + " where claim_token is not null") == 0);
        backlog.interrupt();
        backlog.join();
    }

    /** SMS that reach the gateway in the phase: all in the open phases, SERIOUS ones up to the cap per firm under the rules. */
    private long expectedSms(Phase p) {
        if (p.tag != 'B') {
            return p.total;
        }
        long n = 0;
        for (int serious : seriousPerFirm(p)) {
            n += Math.min(cap, serious);
        }
        return n;
    }

    private static int[] seriousPerFirm(Phase p) {
        int[] serious = new int[p.usccs.length];
        for (int k = 0; k < p.total; k++) {
            if (k % 10 == 0) {
                serious[k % p.usccs.length]++;
            }
        }
        return serious;
    }

    private static String body(Phase p, int from, int to, String day) {
        StringBuilder b = new StringBuilder((to - from) * 200).append('[');
        for (int k = from; k < to; k++) {
            if (k > from) {
                b.append(',');
            }
            b.append("{\"source\":\"LOAD\",\"eventNo\":\"").append(p.tag).append('-').append(k)
                    .append("\",\"uscc\":\"").append(p.usccs[k % p.usccs.length])
                    .append("\",\"type\":\"ADMIN_PENALTY\",\"severity\":\"").append(k % 10 == 0 ? "SERIOUS" : "GENERAL")
                    .append("\",\"occurredOn\":\"").append(day).append("\",\"amount\":5000,\"title\":\"压测处罚#")
                    .append(p.tag).append(k).append("\"}");
        }
        return b.append(']').toString();
    }

    /**
     * Every second: events accepted and SMS arrived so far; their difference is the backlog (accepted events
     * whose SMS has not reached the gateway). It is counted from the two sides' own counters: a count of
     * PENDING outbox rows each second would scan a table of a million rows and compete with the server
     * for the database (a first run's sampler took 0.4 of a core). The outbox is counted at the end of the phase.
     */
    private void sampleBacklog(Phase p) {
        long t0 = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long accepted = p.accepted.get();
                long arrived = p.arrived.get();
                long expected = p.tag == 'B' ? expectedSms(p) * accepted / Math.max(1, p.total) : accepted;
                long backlog = Math.max(0, expected - arrived);
                p.maxBacklog = Math.max(p.maxBacklog, backlog);
                p.timeline.add(String.format(Locale.ROOT, "%d:%d/%d/%d", (System.nanoTime() - t0) / 1_000_000_000,
                        accepted, arrived, backlog));
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            // phase over
        }
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("select count(*),"
                + " count(*) filter (where next_attempt_at <= now()) from sms_outbox where status = 'PENDING'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            p.maxDue = rs.getLong(2);
            p.pendingAtEnd = rs.getLong(1);
        } catch (SQLException e) {
            e.printStackTrace();
        }
    }

    private double ingestRate(Phase p) {
        return p.total / ((p.ingestEnd - p.start) / 1e9);
    }

    private void report(String name, Phase p) {
        long[] lat = p.latencies();
        double ingest = (p.ingestEnd - p.start) / 1e9;
        double dispatchSeconds = (p.lastArrival.get() - p.firstArrivalAny.get()) / 1e9;
        double smsRate = p.arrived.get() / Math.max(1e-9, dispatchSeconds);
        double afterLast = (p.lastArrival.get() - p.ingestEnd) / 1e9;
        md.append(String.format(Locale.ROOT, "## Phase: %s%n%n", name));
        md.append("| events | ingest s | events/s | SMS at the gateway | dispatcher SMS/s | last SMS after the last answer, s"
                + " | p50 ms | p90 ms | p99 ms | max ms | max backlog | PENDING at the end (due) |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %,d | %.1f | **%,.0f** | %,d | %,.0f | %.1f | %d | %d | **%d** | %d | %,d | %s |%n%n",
                p.total, ingest, p.total / ingest, p.arrived.get(), smsRate, afterLast, pct(lat, 50), pct(lat, 90),
                pct(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1], p.maxBacklog, p.pendingAtEnd + " (" + p.maxDue + ")"));
        md.append("Backlog every 5 s (s: events accepted / SMS arrived / backlog): ");
        for (int i = 0; i < p.timeline.size(); i += 5) {
            md.append(p.timeline.get(i)).append("  ");
        }
        md.append(String.format(Locale.ROOT, "%n%nSMS sent again after a lost answer: %d; events with two outbox ids: %d.%n%n",
                p.resent(), p.twoIds.get()));
        String label = p.tag == 'A' ? "" : " (" + name + ")";
        if (p.tag == 'A') {
            targets.atLeast("ingest" + label, p.total / ingest, 20_000, "events/s")
                    .atLeast("dispatcher SMS/s ÷ ingest events/s" + label, smsRate / (p.total / ingest), 1, "");
        }
        targets.atMost("event → gateway p99" + label, pct(lat, 99), 2000, "ms");
    }

    private void checkOpen(Phase p) throws SQLException {
        assertThat(p.arrived.get()).as("events whose SMS reached the gateway").isEqualTo(p.total);
        assertThat(p.twoIds.get()).as("events with two outbox ids").isZero();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select (select count(*) from monitoring_alerts where ref like 'EVENT:LOAD/A-%'),
                       (select count(*) from sms_outbox where dedup_key like 'FIRM:%:EVENT:LOAD/A-%'),
                       (select count(*) from sms_outbox where dedup_key like 'FIRM:%:EVENT:LOAD/A-%'
                            and status = 'SENT' and provider_id = 'GW-' || id)""")) {
            rs.next();
            assertThat(rs.getLong(1)).as("alerts").isEqualTo(p.total);
            assertThat(rs.getLong(2)).as("SMS in the outbox").isEqualTo(p.total);
            assertThat(rs.getLong(3)).as("SMS SENT with the gateway's id").isEqualTo(p.total);
        }
    }

    private void checkRules(Phase p) throws SQLException {
        int[] serious = seriousPerFirm(p);
        long sent = 0, suppressed = 0, held = 0;
        for (int s : serious) {
            sent += Math.min(cap, s);
            suppressed += Math.max(0, s - cap);
        }
        held = p.total - Arrays.stream(serious).sum();
        Map<String, Integer> byMobile = new HashMap<>();
        assertThat(p.arrived.get()).as("SMS at the gateway under the rules").isEqualTo(sent);
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select count(*) filter (where status = 'SENT'), count(*) filter (where status = 'SUPPRESSED'),
                       count(*) filter (where status = 'PENDING' and reason like 'held in the quiet hours%'
                           and next_attempt_at > now()),
                       count(*), count(*) filter (where status = 'SENT' and urgent is not true)
                from sms_outbox where dedup_key like 'FIRM:%:EVENT:LOAD/B-%'""")) {
            rs.next();
            assertThat(rs.getLong(1)).as("SENT").isEqualTo(sent);
            assertThat(rs.getLong(2)).as("SUPPRESSED over the cap").isEqualTo(suppressed);
            assertThat(rs.getLong(3)).as("held until the quiet hours end").isEqualTo(held);
            assertThat(rs.getLong(4)).as("outbox rows").isEqualTo(p.total);
            assertThat(rs.getLong(5)).as("non-SERIOUS SMS sent in the quiet hours").isZero();
        }
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select mobile, count(*) from sms_outbox where dedup_key like 'FIRM:%:EVENT:LOAD/B-%' and status = 'SENT'
                group by mobile""")) {
            while (rs.next()) {
                byMobile.put(rs.getString(1), rs.getInt(2));
            }
        }
        assertThat(byMobile.values()).as("SMS per number").allMatch(n -> n <= cap);
        md.append(String.format(Locale.ROOT, "Under the rules: %,d SERIOUS SMS sent (at most %d per number), %,d SUPPRESSED"
                + " over the cap, %,d non-SERIOUS held until the quiet hours end — as computed from the events.%n%n",
                sent, cap, suppressed, held));
    }

    /** The same rows by the same clients and chunks, {@code COPY} into credit_events; events/s. */
    private double ceiling(String[] usccs, String day) throws Exception {
        String old = LocalDate.parse(day).minusDays(400).toString();
        int requests = (events + chunk - 1) / chunk;
        AtomicInteger next = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (Connection conn = jdbc()) {
                    var copy = conn.unwrap(PGConnection.class).getCopyAPI();
                    for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                        StringBuilder csv = new StringBuilder(chunk * 120);
                        for (int k = r * chunk; k < Math.min(events, (r + 1) * chunk); k++) {
                            csv.append("CEIL,C-").append(k).append(',').append(usccs[k % usccs.length])
                                    .append(",ADMIN_PENALTY,").append(k % 10 == 0 ? "SERIOUS" : "GENERAL").append(',')
                                    .append(old).append(",5000,压测处罚#C").append(k).append('\n');
                        }
                        copy.copyIn("copy credit_events (source, event_no, uscc, type, severity, occurred_on, amount, title)"
                                + " from stdin (format csv)", new StringReader(csv.toString()));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.executeUpdate("delete from monitoring_queue q using credit_events e where e.id = q.event_id and e.source = 'CEIL'");
        }
        return events / seconds;
    }

    /** The whole path's ceiling: what it did. */
    record Pipeline(int events, int threads, long start, long ingestEnd, long allSent, long firstSent, long[] cpuBefore,
            long[] cpuAfter) {
        /** PostgreSQL's CPU per event end to end, µs (ticks of 10 ms). */
        double dbMicrosPerEvent() {
            return (cpuAfter[1] - cpuBefore[1]) * 10_000.0 / events;
        }

        /** This JVM's CPU per event (the COPY clients and the dispatcher code), µs. */
        double clientMicrosPerEvent() {
            return (cpuAfter[2] - cpuBefore[2]) / 1_000.0 / events;
        }

        double cores(int k) {
            double wall = endSeconds();
            return k == 2 ? (cpuAfter[2] - cpuBefore[2]) / 1e9 / wall : (cpuAfter[k] - cpuBefore[k]) / 100.0 / wall;
        }

        double ingestRate() {
            return events / ((ingestEnd - start) / 1e9);
        }

        double endSeconds() {
            return (allSent - start) / 1e9;
        }

        double endRate() {
            return events / endSeconds();
        }

        double dispatchRate() {
            return events / ((allSent - firstSent) / 1e9);
        }
    }

    /**
     * The rows of {@code events} events written as the intake writes them (events, alerts, outbox; one
     * transaction per chunk, {@code COPY}), and sent by the server's own dispatcher code over JDBC, at
     * the same time. One real request through the API first gives the rows' contents.
     */
    private Pipeline pipelineCeiling(String[] usccs, String day) throws Exception {
        try (RawHttp h = new RawHttp("localhost", port)) {
            Phase t = new Phase('T', 1, usccs, 1);
            RawHttp.Response res = h.post("/api/credit-events", AUTH, body(t, 0, 1, day));
            assertThat(res.status()).as(res.body()).isEqualTo(201);
        }
        String[] alertTpl = new String[5];
        String[] outTpl = new String[4];
        Map<String, String> mobiles = new HashMap<>();
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select kind, level, channels, reason, rule_id from monitoring_alerts"
                    + " where ref = 'EVENT:LOAD/T-0'")) {
                assertThat(rs.next()).as("the template request's alert").isTrue();
                for (int i = 0; i < 5; i++) {
                    alertTpl[i] = rs.getString(i + 1);
                }
            }
            try (ResultSet rs = st.executeQuery("select template_code, params::text, text, urgent from sms_outbox"
                    + " where dedup_key like 'FIRM:%:EVENT:LOAD/T-0'")) {
                assertThat(rs.next()).as("the template request's SMS").isTrue();
                for (int i = 0; i < 4; i++) {
                    outTpl[i] = rs.getString(i + 1);
                }
            }
            try (ResultSet rs = st.executeQuery("select uscc, contact_mobile from enterprises where contact_mobile is not null")) {
                while (rs.next()) {
                    mobiles.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        stopServer();
        // the template request's SMS, not sent by the stopped server, is sent by the ceiling's dispatcher too: counted
        int total = events + (int) count(PENDING);
        int threads = this.threads == null ? 2 : Integer.parseInt(this.threads);
        int dispatchBatch = batch == null ? 500 : Integer.parseInt(batch);
        AtomicLong sent = new AtomicLong();
        AtomicLong firstSent = new AtomicLong();
        AtomicInteger nextChunk = new AtomicInteger();
        int requests = (events + chunk - 1) / chunk;
        java.util.concurrent.atomic.AtomicBoolean ingesting = new java.util.concurrent.atomic.AtomicBoolean(true);
        long[] cpuBefore = ProcessCpu.snapshot(ProcessHandle.current().pid());
        long start = System.nanoTime();
        long[] ingestEnd = new long[1];
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            ts.add(new Thread(() -> {
                try (Connection c = jdbc()) {
                    c.setAutoCommit(false);
                    var copy = c.unwrap(PGConnection.class).getCopyAPI();
                    for (int r = nextChunk.getAndIncrement(); r < requests; r = nextChunk.getAndIncrement()) {
                        int from = r * chunk;
                        int to = Math.min(events, from + chunk);
                        int n = to - from;
                        try (Statement st = c.createStatement()) {
                            st.execute("set local parkcredit.monitoring_inline = 'on'");
                        }
                        long[] eventIds = ids(c, "credit_events", n);
                        long[] alertIds = ids(c, "monitoring_alerts", n);
                        long[] outIds = ids(c, "sms_messages", n);
                        String now = java.time.OffsetDateTime.now().toString();
                        StringBuilder ev = new StringBuilder(n * 120);
                        StringBuilder al = new StringBuilder(n * 200);
                        StringBuilder ob = new StringBuilder(n * 700);
                        for (int i = 0; i < n; i++) {
                            int k2 = from + i;
                            String uscc = usccs[k2 % usccs.length];
                            String title = "压测处罚#P" + k2;
                            ev.append(eventIds[i]).append(",LOAD,P-").append(k2).append(',').append(uscc).append(",ADMIN_PENALTY,")
                                    .append(k2 % 10 == 0 ? "SERIOUS" : "GENERAL").append(',').append(day).append(",5000,")
                                    .append(title).append('\n');
                            al.append(alertIds[i]).append(",EVENT:LOAD/P-").append(k2).append(',').append(alertTpl[0]).append(',')
                                    .append(uscc).append(',').append(eventIds[i]).append(',').append(alertTpl[1]).append(',')
                                    .append(csv(alertTpl[2])).append(',').append(title).append(',').append(csv(alertTpl[3]))
                                    .append(',').append(alertTpl[4]).append(',').append(now).append('\n');
                            ob.append(outIds[i]).append(",FIRM:").append(uscc).append(":EVENT:LOAD/P-").append(k2).append(',')
                                    .append(alertIds[i]).append(',').append(uscc).append(',').append(mobiles.get(uscc)).append(',')
                                    .append(outTpl[0]).append(',').append(csv(outTpl[1].replace("压测处罚#T0", title))).append(',')
                                    .append(csv(outTpl[2].replace("压测处罚#T0", title))).append(',')
                                    .append(k2 % 10 == 0 ? "t" : "f").append(',').append(now).append('\n');
                        }
                        copy.copyIn("copy credit_events (id, source, event_no, uscc, type, severity, occurred_on, amount, title)"
                                + " from stdin (format csv)", new StringReader(ev.toString()));
                        copy.copyIn("copy monitoring_alerts (id, ref, kind, uscc, event_id, level, channels, title, reason,"
                                + " rule_id, accepted_at) from stdin (format csv)", new StringReader(al.toString()));
                        copy.copyIn("copy sms_messages (id, dedup_key, alert_id, uscc, mobile, template_code, params, text,"
                                + " urgent, accepted_at) from stdin (format csv)", new StringReader(ob.toString()));
                        c.commit();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "ceiling-ingest-" + k));
        }
        try (io.parkcredit.monitoring.DispatcherOverJdbc d = new io.parkcredit.monitoring.DispatcherOverJdbc(db.jdbcUrl(),
                EmbeddedDatabase.USER, db.password(), threads, dispatchBatch)) {
            List<Thread> ds = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                ds.add(new Thread(() -> {
                    while (sent.get() < total) {
                        int n = d.round();
                        if (n > 0) {
                            firstSent.compareAndSet(0, System.nanoTime());
                            sent.addAndGet(n);
                        } else if (!ingesting.get() && count(PENDING) == 0) {
                            return;
                        } else {
                            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                        }
                    }
                }, "ceiling-dispatch-" + k));
            }
            ts.forEach(Thread::start);
            ds.forEach(Thread::start);
            for (Thread t : ts) {
                t.join();
            }
            ingestEnd[0] = System.nanoTime();
            ingesting.set(false);
            for (Thread t : ds) {
                t.join(Duration.ofMinutes(10).toMillis());
            }
        }
        long allSent = System.nanoTime();
        long[] cpuAfter = ProcessCpu.snapshot(ProcessHandle.current().pid());
        assertThat(sent.get()).as("messages the ceiling's dispatcher sent").isEqualTo(total);
        return new Pipeline(events, threads, start, ingestEnd[0], allSent, firstSent.get(), cpuBefore, cpuAfter);
    }

    private static String csv(String v) {
        return v == null ? "" : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static long[] ids(Connection c, String table, int n) throws SQLException {
        long[] out = new long[n];
        try (PreparedStatement ps = c.prepareStatement("select nextval(pg_get_serial_sequence(?, 'id'))"
                + " from generate_series(1, ?)")) {
            ps.setString(1, table);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    out[i] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    private static final String PENDING = "select count(*) from sms_outbox where status = 'PENDING'";

    private long count(String sql) {
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }


    // ---------------------------------------------------------------- server and data

    private void startServer(Map<String, String> env) throws Exception {
        port = freePort();
        serverRuns++;
        Path jar = Path.of(System.getProperty("parkcredit.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Path.of("target", "benchmarks", "monitoring-server-" + serverRuns + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Boolean.getBoolean("bench.jfr")) {
            cmd.add("-XX:StartFlightRecording=filename=" + log.getParent().toAbsolutePath()
                    .resolve("monitoring-server-" + serverRuns + ".jfr") + ",settings=profile");
        }
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> e = pb.environment();
        PackagedServer.environment(e, db, port, PASSWORD);
        // the restarted server meets the earlier (killed or stopped) one in the instance table: one shared key
        e.put("PARKCREDIT_SESSION_KEY", "monitoring-load-session-key-0123456789abcdef");
        e.put("PARKCREDIT_DATA_DIR", Files.createTempDirectory("parkcredit-monitoring-data").toString());
        e.put("PARKCREDIT_MONITORING_SMS_PROVIDER", "http");
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_URL", gateway.url());
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_ACCESS_KEY", "load");
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_SECRET", "monitoring-load-secret");
        if (smsBatch > 0) {
            e.put("PARKCREDIT_MONITORING_SMS_HTTP_BATCH_URL", gateway.batchUrl());
            e.put("PARKCREDIT_MONITORING_SMS_HTTP_BATCH_SIZE", String.valueOf(smsBatch));
        }
        if (threads != null) {
            e.put("PARKCREDIT_MONITORING_SMS_THREADS", threads);
        }
        if (batch != null) {
            e.put("PARKCREDIT_MONITORING_SMS_BATCH_SIZE", batch);
        }
        e.putAll(env);
        // variants without a rebuild: -Dbench.serverEnv=PARKCREDIT_MONITORING_INTAKE_MAX_LAG=0.5S,…
        e.putAll(BenchProperties.pairs("bench.serverEnv"));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        server = pb.start();
        MarketLoad.awaitReady(server, port, log);
    }

    private void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
            server = null;
        }
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
    }

    /** {@code n} firms with a mobile each, by JDBC. */
    private String[] seedFirms(int n) throws SQLException {
        String[] usccs = new String[n];
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into enterprises (uscc, name, contact_mobile, in_park)"
                    + " values (?, ?, ?, true)")) {
                for (int i = 0; i < n; i++) {
                    int seq = ++firmSeq;
                    char[] body = new char[8];
                    long v = seq;
                    for (int k = 7; k >= 0; k--) {
                        body[k] = Uscc.CHARSET.charAt((int) (v % 31));
                        v /= 31;
                    }
                    usccs[i] = Uscc.complete("91410481" + new String(body)).value();
                    ps.setString(1, usccs[i]);
                    ps.setString(2, "压测监测" + seq + "号科技有限公司");
                    ps.setString(3, String.format(Locale.ROOT, "139%08d", seq));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return usccs;
    }

    private void analyze() throws SQLException {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("analyze");
            st.execute("checkpoint");
        }
    }


    // ---------------------------------------------------------------- profile

    /** What PostgreSQL's busy backends wait for (every 20 ms) and the CPU of each process, over the open phase. */
    final class Sampler {
        volatile boolean stop;
        final Map<String, Long> waits = new LinkedHashMap<>();
        long samples;
        long busy;
        String summary = "";
        /** CPU of the server and of PostgreSQL over the phase, µs. */
        volatile double serverMicros;
        volatile double dbMicros;

        void run() {
            try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("""
                    select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
                    where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()""")) {
                long[] before = cpu();
                long t0 = System.nanoTime();
                while (!stop) {
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
                double wall = (System.nanoTime() - t0) / 1e9;
                serverMicros = (after[0] - before[0]) * 10_000.0;
                dbMicros = (after[1] - before[1]) * 10_000.0;
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "CPU over %.0f s (cores busy on average):"
                        + " server %.2f, PostgreSQL %.2f, generator and gateway %.2f, whole machine %.2f. Busy PostgreSQL"
                        + " backends per sample: %.2f; of them: ", wall, (after[0] - before[0]) / 100.0 / wall,
                        (after[1] - before[1]) / 100.0 / wall, (after[2] - before[2]) / 1e9 / wall,
                        (after[3] - before[3]) / 100.0 / wall, samples == 0 ? 0 : busy / (double) samples));
                waits.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .forEach(e -> sb.append(String.format(Locale.ROOT, "%s %.0f %%, ", e.getKey(),
                                100.0 * e.getValue() / Math.max(1, busy))));
                sb.setLength(sb.length() - 2);
                summary = sb.append('.').toString();
            } catch (Exception e) {
                summary = "sampler failed: " + e;
            }
        }

        String summary() {
            return summary;
        }

        long[] cpu() throws IOException {
            return ProcessCpu.snapshot(server.pid());
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
