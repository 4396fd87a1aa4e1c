package io.parkcredit.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run from Maven artifacts, so the run command and the tests need no
 * installed database. Used only when no database URL is configured. Data lives in a directory that
 * survives restarts; a server left running by a killed JVM is stopped before the next start.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "parkcredit";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts (or reopens) the server on {@code dataDir}.
     *
     * @param port 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean clean) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setPort(port == 0 ? freePort() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("timezone", "Asia/Shanghai")
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg);
            db.createDatabase();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Quarkus datasource settings pointing at this server. */
    public Map<String, String> datasourceConfig() {
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private void createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    st.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    /** A JVM killed with -9 leaves its postmaster running; stop it so the data directory can be reopened. */
    private static void stopOrphan(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
                LOG.warnf("stopping PostgreSQL %d left running by an earlier start in %s", pid, dataDir);
                p.destroy();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not read %s: %s", pidFile, e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Whether the operator configured a database: system property or environment variable
     * {@code QUARKUS_DATASOURCE_JDBC_URL}, or {@code quarkus.datasource.jdbc.url} in
     * {@code config/application.properties} or {@code .env} of the working directory.
     */
    public static boolean externalDatabaseConfigured() {
        if (notBlank(System.getProperty("quarkus.datasource.jdbc.url"))
                || notBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))) {
            return true;
        }
        return fileDefines(Path.of("config", "application.properties"), "quarkus.datasource.jdbc.url")
                || fileDefines(Path.of(".env"), "QUARKUS_DATASOURCE_JDBC_URL");
    }

    private static boolean fileDefines(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return false;
        }
        return notBlank(p.getProperty(key));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
