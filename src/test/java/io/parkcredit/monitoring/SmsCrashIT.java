package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.PackagedServer;
import io.parkcredit.testing.FakeSmsGateway;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server (the packaged jar) is killed with SIGKILL while it sends SMS to an HTTP gateway and
 * while a client posts credit events; restarted on the same database, it finishes the work. The
 * gateway had taken one message whose answer the server never read: that message comes again with
 * the same outbox id (so the gateway, idempotent on it, gives the same provider id), and every
 * event ends with one alert and one SMS, recorded SENT with the gateway's id.
 */
class SmsCrashIT {

    private static final String PASSWORD = "admin-sms-crash-1";
    private static final int EVENTS = 6_000;
    private static final int CHUNK = 1_000;
    private static final int FIRMS = 200;
    /** The gateway's arrival at which the server is killed (before the gateway answers it). */
    private static final int KILL_AT = 1_200;

    private EmbeddedDatabase db;
    private FakeSmsGateway gateway;
    private final AtomicReference<Process> server = new AtomicReference<>();
    private volatile int port;
    private final Map<Long, AtomicInteger> arrivalsByOutId = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> outIdsByTitle = new ConcurrentHashMap<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile long killedOutId;

    @AfterEach
    void stop() throws InterruptedException {
        Process p = server.get();
        if (p != null) {
            p.destroy();
            p.waitFor();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void killedMidSendTheServerSendsEveryEventsSmsOnceWithTheSameProviderId() throws Exception {
        db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-crash-pg"), 0, true,
                EmbeddedDatabase.Durability.DURABLE);
        gateway = new FakeSmsGateway(1_000, a -> {
            arrivalsByOutId.computeIfAbsent(a.outId(), k -> new AtomicInteger()).incrementAndGet();
            outIdsByTitle.computeIfAbsent(a.title(), k -> ConcurrentHashMap.newKeySet()).add(a.outId());
            if (arrivals.incrementAndGet() == KILL_AT) {
                killedOutId = a.outId();
                Process p = server.get();
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no record of the round in flight
                p.waitFor();
                throw new IOException("server killed before it read the answer");
            }
        });
        start(1);
        String[] firms = seedFirms();

        String day = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1).toString();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        int failedPosts = 0;
        boolean restarted = false;
        for (int r = 0; r < EVENTS / CHUNK; r++) {
            StringBuilder body = new StringBuilder("[");
            for (int k = r * CHUNK; k < (r + 1) * CHUNK; k++) {
                body.append(k > r * CHUNK ? "," : "").append("{\"source\":\"CRASH\",\"eventNo\":\"E-").append(k)
                        .append("\",\"uscc\":\"").append(firms[k % FIRMS]).append("\",\"type\":\"ADMIN_PENALTY\",")
                        .append("\"severity\":\"GENERAL\",\"occurredOn\":\"").append(day)
                        .append("\",\"amount\":5000,\"title\":\"崩溃测试#").append(k).append("\"}");
            }
            body.append(']');
            while (true) {
                if (!server.get().isAlive() && !restarted) {
                    start(2);
                    restarted = true;
                }
                try {
                    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/credit-events")).header("Authorization", auth).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
                    break;
                } catch (IOException e) {
                    // the server died under this request: the same events again, to the restarted server
                    failedPosts++;
                    MonitoringFixtures.await("the server killed", Duration.ofSeconds(10), () -> !server.get().isAlive());
                }
            }
        }
        MonitoringFixtures.await("the gateway to reach the kill", Duration.ofSeconds(60), () -> killedOutId != 0);
        if (!restarted) {
            start(2);
        }
        MonitoringFixtures.await("every event's SMS at the gateway and recorded", Duration.ofSeconds(60),
                () -> outIdsByTitle.size() == EVENTS && count("select count(*) from sms_outbox where status <> 'SENT'") == 0);

        assertThat(outIdsByTitle.values()).as("outbox ids per event at the gateway").allMatch(ids -> ids.size() == 1);
        assertThat(arrivalsByOutId).hasSize(EVENTS);
        assertThat(arrivalsByOutId.get(killedOutId).get()).as("the message whose answer was lost, at the gateway")
                .isGreaterThanOrEqualTo(2);
        long resent = arrivalsByOutId.values().stream().filter(n -> n.get() > 1).count();
        assertThat(count("select count(*) from monitoring_alerts where ref like 'EVENT:CRASH/%'")).isEqualTo(EVENTS);
        assertThat(count("select count(*) from credit_events where source = 'CRASH'")).isEqualTo(EVENTS);
        assertThat(count("select count(*) from sms_outbox")).isEqualTo(EVENTS);
        assertThat(count("select count(*) from sms_outbox where status = 'SENT' and provider_id = 'GW-' || id"))
                .as("SENT with the id the gateway gave").isEqualTo(EVENTS);
        assertThat(count("select count(*) from sms_attempts where outcome = 'UNRECORDED' and outbox_id = " + killedOutId))
                .as("the unrecorded attempt of the killed round").isEqualTo(1);
        String resentIds = arrivalsByOutId.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .map(e -> String.valueOf(e.getKey())).collect(java.util.stream.Collectors.joining(","));
        assertThat(count("select count(distinct outbox_id) from sms_attempts where outcome = 'UNRECORDED'"
                + " and outbox_id in (" + resentIds + ")")).as("messages the gateway saw twice, each with its unrecorded attempt")
                .isEqualTo(resent);
        System.out.printf("killed at arrival %d (outbox id %d); posts cut by the kill: %d; messages resent with the same id: %d%n",
                KILL_AT, killedOutId, failedPosts, resent);
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] seedFirms() throws SQLException {
        String[] firms = new String[FIRMS];
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
                PreparedStatement ps = c.prepareStatement("insert into enterprises (uscc, name, contact_mobile, in_park)"
                        + " values (?, ?, ?, true)")) {
            for (int i = 0; i < FIRMS; i++) {
                firms[i] = Fixtures.newUscc();
                ps.setString(1, firms[i]);
                ps.setString(2, "崩溃测试" + i + "号公司");
                ps.setString(3, MonitoringFixtures.newMobile());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return firms;
    }

    private void start(int run) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path jar = Path.of(System.getProperty("parkcredit.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Files.createTempFile("parkcredit-crash-" + run + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
        Map<String, String> e = pb.environment();
        PackagedServer.environment(e, db, port, PASSWORD);
        // the restarted server meets the earlier (killed or stopped) one in the instance table: one shared key
        e.put("PARKCREDIT_SESSION_KEY", "monitoring-load-session-key-0123456789abcdef");
        e.put("PARKCREDIT_DATA_DIR", Files.createTempDirectory("parkcredit-crash-data").toString());
        e.put("PARKCREDIT_MONITORING_SMS_PROVIDER", "http");
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_URL", gateway.url());
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_SECRET", "crash-test-secret");
        e.put("PARKCREDIT_MONITORING_SMS_HTTP_TIMEOUT", "PT2S");
        e.put("PARKCREDIT_MONITORING_SMS_EVERY", "1s");
        e.put("PARKCREDIT_MONITORING_SMS_LEASE", "PT5S");
        e.put("PARKCREDIT_MONITORING_SMS_BATCH_SIZE", "200");
        e.put("PARKCREDIT_MONITORING_SMS_DAILY_CAP", "1000000");
        e.put("PARKCREDIT_MONITORING_SMS_QUIET_START", "00:00");
        e.put("PARKCREDIT_MONITORING_SMS_QUIET_END", "00:00");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        server.set(p);
        PackagedServer.awaitReady("server " + run + " (log " + log + ")", p, "localhost", port, Duration.ofSeconds(90));
    }
}
