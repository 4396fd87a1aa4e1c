package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real server instances (the packaged {@code quarkus-run.jar}, started twice) on one
 * PostgreSQL run the clustered reminder scan every two seconds: each reminder exists once, with one
 * alert and one SMS, however many firings ran on either instance.
 */
class TwoInstancesIT {

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
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        pb.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        // two instances share sessions only with one key (SessionKeyGuard)
        pb.environment().put("PARKCREDIT_SESSION_KEY", "two-instances-session-key-0123456789abcdef");
        pb.environment().put("PARKCREDIT_ADMIN_PASSWORD", "admin-two-instances");
        pb.environment().put("PARKCREDIT_MONITORING_SCAN_CRON", "0/2 * * * * ?");
        pb.environment().put("PARKCREDIT_MONITORING_SMS_EVERY", "1s");
        // no quiet hours: the reminders' SMS go out whatever the hour the test runs at
        pb.environment().put("PARKCREDIT_MONITORING_SMS_QUIET_START", "00:00");
        pb.environment().put("PARKCREDIT_MONITORING_SMS_QUIET_END", "00:00");
        pb.environment().put("QUARKUS_LOG_CATEGORY__IO_PARKCREDIT__LEVEL", "INFO");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        servers.add(pb.start());
        HttpClient http = HttpClient.newHttpClient();
        MonitoringFixtures.await(name + " ready on port " + port, Duration.ofSeconds(90), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
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

    private static long scans(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("reminder scan of")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void twoInstancesOnOneDatabaseProduceEachReminderOnce() throws Exception {
        db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-two-pg"), 0, true,
                EmbeddedDatabase.Durability.THROWAWAY);
        Path logA = start("a", freePort());

        LocalDate today = LocalDate.now(io.parkcredit.shared.ClockProducer.PARK_ZONE);
        List<String> firms = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password())) {
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
        }
        Path logB = start("b", freePort());
        MonitoringFixtures.await("both nodes in the Quartz cluster", Duration.ofSeconds(60),
                () -> count("select count(*) from qrtz_scheduler_state where sched_name <> ?", "") == 2);
        long before = scans(logA) + scans(logB);
        MonitoringFixtures.await("five more scan firings", Duration.ofSeconds(60), () -> scans(logA) + scans(logB) >= before + 5);
        MonitoringFixtures.await("the reminders' SMS sent", Duration.ofSeconds(30), () -> count(
                "select count(*) from sms_outbox where status = 'SENT' and text like ?", "%贷款TWO-%") == 20);

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
