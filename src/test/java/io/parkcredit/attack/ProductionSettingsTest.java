package io.parkcredit.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.shared.Placeholders;
import io.parkcredit.shared.db.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholder settings refuse to start; the embedded database is durable and needs its password. */
class ProductionSettingsTest {

    @Test
    void placeholderValuesOfTheEnvFileAreFound() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_PASSWORD", "CHANGE_ME");
        env.put("PARKCREDIT_ADMIN_PASSWORD", "change-me-too");
        env.put("PARKCREDIT_SESSION_KEY", "CHANGE_ME_32_RANDOM_CHARACTERS");
        env.put("PARKCREDIT_MONITORING_SMS_HTTP_SECRET", "s3cret-Value-9");
        env.put("QUARKUS_HTTP_PORT", "8080");
        env.put("HOME", "/home/change-me");
        assertThat(Placeholders.find(env)).containsExactly("PARKCREDIT_ADMIN_PASSWORD", "PARKCREDIT_SESSION_KEY",
                "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(Placeholders.message(List.of("QUARKUS_DATASOURCE_PASSWORD"))).isEqualTo("ParkCredit will not start: "
                + "QUARKUS_DATASOURCE_PASSWORD still hold the placeholder of deploy/parkcredit.env (CHANGE_ME). "
                + "Set real values and start again.");
        assertThat(Placeholders.find(Map.of("PARKCREDIT_ADMIN_PASSWORD", "Exchange-Meter-42"))).isEmpty();
    }

    @Test
    void theShippedEnvFileRefusesToStartUntilEdited() throws Exception {
        Map<String, String> set = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("deploy/parkcredit.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                set.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(Placeholders.find(set)).containsExactly("PARKCREDIT_SESSION_KEY", "QUARKUS_DATASOURCE_PASSWORD");
    }

    @Test
    void theRunCommandsDatabaseIsDurableAndTheTestsIsNot() {
        Map<String, String> durable = EmbeddedDatabase.serverConfig(EmbeddedDatabase.Durability.DURABLE);
        assertThat(durable).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                .containsEntry("full_page_writes", "on").containsEntry("listen_addresses", "localhost")
                .containsEntry("password_encryption", "scram-sha-256")
                .containsEntry("commit_delay", "200").containsEntry("commit_siblings", "5");
        Map<String, String> throwaway = EmbeddedDatabase.serverConfig(EmbeddedDatabase.Durability.THROWAWAY);
        assertThat(throwaway).containsEntry("fsync", "off").containsEntry("synchronous_commit", "off");
        assertThat(EmbeddedDatabase.hbaConfig()).doesNotContain("trust").contains(
                "local   all   all                  scram-sha-256\n",
                "host    all   all   127.0.0.1/32   scram-sha-256\n", "host    all   all   ::1/128        scram-sha-256\n");
    }

    @Test
    void aDurableEmbeddedServerHasFsyncOnAndRefusesConnectionsWithoutThePassword() throws Exception {
        Path dir = Files.createTempDirectory("parkcredit-durable-pg");
        EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, true, EmbeddedDatabase.Durability.DURABLE);
        try {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
                    Statement st = c.createStatement()) {
                assertThat(show(st, "fsync")).isEqualTo("on");
                assertThat(show(st, "synchronous_commit")).isEqualTo("on");
                assertThat(show(st, "full_page_writes")).isEqualTo("on");
                assertThat(show(st, "password_encryption")).isEqualTo("scram-sha-256");
                try (ResultSet rs = st.executeQuery("select count(*) from pg_hba_file_rules where auth_method = 'trust'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, "postgres"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl() + "?user=postgres"))
                    .isInstanceOf(SQLException.class);
            Path pw = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertThat(Files.readString(pw).strip()).isEqualTo(db.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
        } finally {
            db.close();
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
