package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.PackagedServer;
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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real server instances (the packaged {@code quarkus-run.jar}, started twice) on one
 * PostgreSQL run the clustered reminder scan every two seconds. Both are up before the loans to remind
 * of are committed; then both also run the scan at the same instant through the API, several times.
 * Each node's log shows the scans it ran and what they raised; each reminder exists once, with one
 * alert and one SMS.
 */
class TwoInstancesIT {

    private static final String ADMIN_PASSWORD = "admin-two-instances";

    private final List<Process> servers = new ArrayList<>();
    private EmbeddedDatabase db;

    @AfterEach
    void stop() {
        servers.forEach(Process::destroy);
        for (Process p : servers) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (db != null) {
            db.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path start(String name, int port) throws IOException {
        Path jar = Path.of(System.getProperty("parkcredit.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Files.createTempFile("parkcredit-" + name + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
        PackagedServer.environment(pb.environment(), db, port, ADMIN_PASSWORD);
        // two instances share sessions only with one key (SessionKeyGuard)
        pb.environment().put("PARKCREDIT_SESSION_KEY", "two-instances-session-key-0123456789abcdef");
        pb.environment().put("PARKCREDIT_MONITORING_SCAN_CRON", "0/2 * * * * ?");
        pb.environment().put("PARKCREDIT_MONITORING_SMS_EVERY", "1s");
        // no quiet hours: the reminders' SMS go out whatever the hour the test runs at
        pb.environment().put("PARKCREDIT_MONITORING_SMS_QUIET_START", "00:00");
        pb.environment().put("PARKCREDIT_MONITORING_SMS_QUIET_END", "00:00");
        pb.environment().put("QUARKUS_LOG_CATEGORY__IO_PARKCREDIT__LEVEL", "INFO");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        servers.add(p);
        PackagedServer.awaitReady(name + " (log " + log + ")", p, "localhost", port, Duration.ofSeconds(90));
        return log;
    }

    private long count(String sql, String key) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern LOAN_DUE_JSON = Pattern.compile("\"LOAN_DUE\"\\s*:\\s*(\\d+)");

    /** Waits for the start signal, runs the reminder scans on one node through the API; returns the LOAN_DUE it raised. */
    private static int scanNow(int port, CountDownLatch go) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/monitoring/scans"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpClient http = HttpClient.newHttpClient();
        go.await();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Matcher m = LOAN_DUE_JSON.matcher(res.body());
        assertThat(m.find()).as(res.body()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The "reminder scan of … raised {…}" lines a node has logged so far. */
    private static List<String> scanLines(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("reminder scan of")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static final Pattern LOAN_DUE_RAISED = Pattern.compile("LOAN_DUE=(\\d+)");

    /** LOAN_DUE reminders the given scan lines say they raised. */
    private static long loanDueRaised(List<String> lines) {
        long n = 0;
        for (String l : lines) {
            Matcher m = LOAN_DUE_RAISED.matcher(l);
            if (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    @Test
    void twoInstancesOnOneDatabaseProduceEachReminderOnce() throws Exception {
        db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-two-pg"), 0, true,
                EmbeddedDatabase.Durability.THROWAWAY);
        // both nodes up and in the Quartz cluster before there is anything to remind of
        int portA = freePort();
        int portB = freePort();
        Path logA = start("a", portA);
        Path logB = start("b", portB);
        MonitoringFixtures.await("both nodes in the Quartz cluster", Duration.ofSeconds(60),
                () -> count("select count(*) from qrtz_scheduler_state where sched_name <> ?", "") == 2);

        LocalDate today = LocalDate.now(io.parkcredit.shared.ClockProducer.PARK_ZONE);
        List<String> firms = new ArrayList<>();
        int scannedByABefore;
        int scannedByBBefore;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password())) {
            c.setAutoCommit(false);
            c.createStatement().execute("insert into institutions (code, name, kind) values ('TWO-BANK', '双实例银行', 'BANK')");
            for (int i = 0; i < 20; i++) {
                String uscc = Fixtures.newUscc();
                firms.add(uscc);
                try (PreparedStatement ps = c.prepareStatement("insert into enterprises (uscc, name, contact_mobile)"
                        + " values (?, ?, ?)")) {
                    ps.setString(1, uscc);
                    ps.setString(2, "双实例" + i + "号公司");
                    ps.setString(3, MonitoringFixtures.newMobile());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into loans (lender_code, loan_no, uscc, principal,"
                        + " start_date, due_date) values ('TWO-BANK', ?, ?, 100000, ?, ?)")) {
                    ps.setString(1, "TWO-" + i);
                    ps.setString(2, uscc);
                    ps.setObject(3, today.minusYears(1));
                    ps.setObject(4, today.plusDays(1 + i));
                    ps.executeUpdate();
                }
            }
            // the 20 loans appear to the scans all at once
            scannedByABefore = scanLines(logA).size();
            scannedByBBefore = scanLines(logB).size();
            c.commit();
        }

        // Quartz hands its firings to whichever node acquires the trigger first (often the same one), so
        // the test also runs the scan on both nodes at the same instant, several times, through the API
        int rounds = 4;
        List<Integer> raisedByA = new ArrayList<>();
        List<Integer> raisedByB = new ArrayList<>();
        ExecutorService twoClients = Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < rounds; r++) {
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> a = twoClients.submit(() -> scanNow(portA, go));
                Future<Integer> b = twoClients.submit(() -> scanNow(portB, go));
                go.countDown();
                raisedByA.add(a.get(60, TimeUnit.SECONDS));
                raisedByB.add(b.get(60, TimeUnit.SECONDS));
            }
        } finally {
            twoClients.shutdownNow();
        }
        MonitoringFixtures.await("the reminders' SMS sent", Duration.ofSeconds(30), () -> count(
                "select count(*) from sms_outbox where status = 'SENT' and text like ?", "%贷款TWO-%") == 20);

        List<String> linesA = scanLines(logA);
        List<String> linesB = scanLines(logB);
        System.out.printf("scans after the loans were committed: node a %d, node b %d; LOAN_DUE raised: a %d, b %d;"
                + " by the simultaneous API scans: a %s, b %s%n", linesA.size() - scannedByABefore, linesB.size() - scannedByBBefore,
                loanDueRaised(linesA), loanDueRaised(linesB), raisedByA, raisedByB);
        assertThat(linesA.size() - scannedByABefore).as("scans run by node a after the commit").isGreaterThanOrEqualTo(rounds);
        assertThat(linesB.size() - scannedByBBefore).as("scans run by node b after the commit").isGreaterThanOrEqualTo(rounds);
        // the database held no loan before the commit: all scans of both nodes together raised each of the 20 once
        assertThat(loanDueRaised(linesA) + loanDueRaised(linesB)).as("LOAN_DUE reminders raised by both nodes").isEqualTo(20);
        assertThat(raisedByA.stream().mapToInt(Integer::intValue).sum() + raisedByB.stream().mapToInt(Integer::intValue).sum())
                .as("LOAN_DUE raised by the API scans").isLessThanOrEqualTo(20);

        for (String uscc : firms) {
            assertThat(count("select count(*) from monitoring_reminders where kind = 'LOAN_DUE' and uscc = ?", uscc)).isEqualTo(1);
            assertThat(count("select count(*) from monitoring_alerts where kind = 'LOAN_DUE' and uscc = ?", uscc)).isEqualTo(1);
            assertThat(count("select count(*) from sms_outbox where uscc = ?", uscc)).isEqualTo(1);
            assertThat(count("select count(*) from monitoring_alert_institutions ai join monitoring_alerts a on a.id = ai.alert_id"
                    + " where a.uscc = ?", uscc)).isEqualTo(1);
        }
        assertThat(count("select count(*) from sms_attempts a join sms_outbox o on o.id = a.outbox_id where o.uscc = any(string_to_array(?, ','))",
                String.join(",", firms))).isEqualTo(20);
    }
}
