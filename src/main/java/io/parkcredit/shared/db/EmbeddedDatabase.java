package io.parkcredit.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run from Maven artifacts, so the run command and the tests need no
 * installed database. Used only when no database URL is configured. Data lives in a directory that
 * survives restarts; a server left running by a killed JVM is stopped before the next start.
 *
 * <p>Private: it listens on localhost only and every connection, local socket or TCP, needs the
 * password generated at the first start (scram-sha-256), kept in {@code <data dir>/parkcredit-password}
 * (mode 0600). Durable in {@link Durability#DURABLE} (the run command): fsync, synchronous commit and
 * full-page writes on, so a committed transaction survives a crash or power loss. Test JVMs use
 * {@link Durability#THROWAWAY}, which turns them off for speed.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "parkcredit";
    public static final String USER = "postgres";
    /** File in the data directory holding the generated password of {@link #USER}. */
    public static final String PASSWORD_FILE = "parkcredit-password";

    /** Whether committed data must survive a crash. */
    public enum Durability {
        /** fsync, synchronous_commit and full_page_writes on: the run command's store. */
        DURABLE,
        /** All three off: data that a test throws away anyway, written as fast as possible. */
        THROWAWAY
    }

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts (or reopens) the server on {@code dataDir}.
     *
     * @param port 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean clean, Durability durability) {
        return start(dataDir, port, clean, durability, Map.of());
    }

    /** As {@link #start(Path, int, boolean, Durability)}, with further server settings (e.g. a preloaded profiler). */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean clean, Durability durability,
            Map<String, String> extraSettings) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            if (clean) {
                Files.deleteIfExists(dataDir.resolve(PASSWORD_FILE));
            }
            boolean fresh = clean || !Files.exists(dataDir.resolve("postgresql.conf"));
            boolean legacy = !fresh && !Files.exists(dataDir.resolve(PASSWORD_FILE));
            String password = legacy ? generatePassword() : fresh ? generatePassword() : readPassword(dataDir);
            Path pwfile = null;
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setPort(port == 0 ? freePort() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .setConnectConfig("password", password);
            serverConfig(durability).forEach(b::setServerConfig);
            extraSettings.forEach(b::setServerConfig);
            if (fresh) {
                // initdb sets the superuser's password from this file; it lives outside the (empty) data directory
                pwfile = Files.createTempFile("parkcredit-pg-", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
                b.setLocaleConfig("pwfile", pwfile.toString());
            }
            if (!legacy) {
                b.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            EmbeddedPostgres pg;
            try {
                pg = b.start();
            } finally {
                if (pwfile != null) {
                    Files.deleteIfExists(pwfile);
                }
            }
            writePassword(dataDir, password);
            EmbeddedDatabase db = new EmbeddedDatabase(pg, password);
            if (legacy) {
                // a data directory from before passwords: set one now, then close the trust door
                db.secureLegacy(dataDir);
            }
            db.createDatabase();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The server settings of the given durability (besides what the builder sets itself). */
    public static Map<String, String> serverConfig(Durability durability) {
        boolean durable = durability == Durability.DURABLE;
        Map<String, String> c = new LinkedHashMap<>();
        c.put("max_connections", "200");
        c.put("shared_buffers", "256MB");
        c.put("max_wal_size", "4GB");
        c.put("checkpoint_timeout", "15min");
        c.put("timezone", "Asia/Shanghai");
        c.put("listen_addresses", "localhost");
        c.put("password_encryption", "scram-sha-256");
        // the builder starts postgres with -F (fsync off); this later -c fsync=on wins
        c.put("fsync", durable ? "on" : "off");
        c.put("synchronous_commit", durable ? "on" : "off");
        c.put("full_page_writes", durable ? "on" : "off");
        if (durable) {
            // group commit: with at least 5 other transactions open, a committing backend waits 0.2 ms so that one
            // WAL flush covers several commits (the financing market's claims and offers wait mostly on the WAL
            // flush; BENCHMARKS.md "Financing market", group commit). Alone, a commit does not wait.
            c.put("commit_delay", "200");
            c.put("commit_siblings", "5");
        }
        return c;
    }

    /** pg_hba.conf: a password (scram-sha-256) for every connection, local socket or loopback TCP; nothing else. */
    public static String hbaConfig() {
        return "# written by ParkCredit at every start: every connection needs the password (scram-sha-256)\n"
                + "local   all   all                  scram-sha-256\n"
                + "host    all   all   127.0.0.1/32   scram-sha-256\n"
                + "host    all   all   ::1/128        scram-sha-256\n";
    }

    private static void writeHba(Path dir) {
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), hbaConfig(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dir, e);
        }
    }

    private void secureLegacy(Path dataDir) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("set password_encryption = 'scram-sha-256'");
            st.execute("alter user " + USER + " password '" + password.replace("'", "''") + "'");
            writeHba(dataDir);
            st.execute("select pg_reload_conf()");
            LOG.warnf("the embedded PostgreSQL in %s had no password; one was set and written to %s", dataDir,
                    dataDir.resolve(PASSWORD_FILE));
        } catch (SQLException e) {
            throw new IllegalStateException("could not set a password on the embedded PostgreSQL", e);
        }
    }

    private static String generatePassword() {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String readPassword(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
    }

    private static void writePassword(Path dataDir, String password) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        if (Files.exists(file) && readPassword(dataDir).equals(password)) {
            return;
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    }

    /** The generated password of {@link #USER}. */
    public String password() {
        return password;
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
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", password);
    }

    /** Stops the server with a fast shutdown (open transactions roll back, committed data is flushed). */
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
