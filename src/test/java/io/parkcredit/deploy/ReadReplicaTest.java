package io.parkcredit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.shared.db.ReadReplica;
import io.parkcredit.testing.MonitoringFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The read-replica pool ({@link ReadReplica}) against a real streaming standby: a second PostgreSQL
 * made from a base backup of the first (pg_backup_start, a copy of the data directory,
 * pg_backup_stop), replaying its WAL. The pool reads what the primary committed, a moment later,
 * and cannot write.
 */
class ReadReplicaTest {

    @Test
    void theReplicaPoolReadsWhatThePrimaryCommittedAndCannotWrite() throws Exception {
        Path primaryDir = Files.createTempDirectory("parkcredit-primary-pg");
        Path standbyDir = Files.createTempDirectory("parkcredit-standby-pg");
        EmbeddedDatabase primary = EmbeddedDatabase.start(primaryDir, 0, true, EmbeddedDatabase.Durability.THROWAWAY);
        EmbeddedDatabase standby = null;
        try (Connection p = DriverManager.getConnection(primary.jdbcUrl(), EmbeddedDatabase.USER, primary.password());
                Statement st = p.createStatement()) {
            st.execute("create table parks_seen (id integer primary key, name text not null)");
            st.execute("insert into parks_seen values (1, '本园区')");
            // replication from loopback with the same password as any other connection
            Files.writeString(primaryDir.resolve("pg_hba.conf"),
                    "host    replication   all   127.0.0.1/32   scram-sha-256\n", StandardOpenOption.APPEND);
            st.execute("select pg_reload_conf()");
            st.execute("select pg_create_physical_replication_slot('standby', true)");
            // a base backup: start it, copy the running data directory, stop it and keep its label
            st.execute("select pg_backup_start('standby', true)");
            copy(primaryDir, standbyDir);
            String label;
            try (ResultSet rs = st.executeQuery("select labelfile from pg_backup_stop(true)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(standbyDir.resolve("backup_label"), label);
            Files.writeString(standbyDir.resolve("standby.signal"), "");
            Files.writeString(standbyDir.resolve("postgresql.auto.conf"),
                    "primary_conninfo = 'host=127.0.0.1 port=" + primary.port() + " user=" + EmbeddedDatabase.USER
                            + " password=" + primary.password() + "'\nprimary_slot_name = 'standby'\n",
                    StandardOpenOption.APPEND);
            standby = EmbeddedDatabase.start(standbyDir, 0, false, EmbeddedDatabase.Durability.THROWAWAY);

            AgroalDataSource pool = ReadReplica.open(standby.jdbcUrl(), EmbeddedDatabase.USER, standby.password(), 2);
            try (Connection r = pool.getConnection(); Statement rst = r.createStatement()) {
                assertThat(one(rst, "select pg_is_in_recovery()::text")).isEqualTo("true");
                assertThat(one(rst, "select name from parks_seen where id = 1")).isEqualTo("本园区");

                st.execute("insert into parks_seen values (2, '第二园区')");
                MonitoringFixtures.await("the standby replays the primary's insert", Duration.ofSeconds(30),
                        () -> "1".equals(quietly(rst, "select count(*)::text from parks_seen where id = 2")));
                assertThat(one(rst, "select name from parks_seen where id = 2")).isEqualTo("第二园区");

                assertThat(r.isReadOnly()).isTrue();
                assertThatThrownBy(() -> rst.execute("insert into parks_seen values (3, 'x')"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            } finally {
                pool.close();
            }
        } finally {
            if (standby != null) {
                standby.close();
            }
            primary.close();
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String quietly(Statement st, String sql) {
        try {
            return one(st, sql);
        } catch (SQLException e) {
            return null;
        }
    }

    /** The data directory without what a base backup leaves out (the running server's pid, WAL, slots). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(src -> {
                Path rel = from.relativize(src);
                String name = rel.toString();
                if (name.equals("postmaster.pid") || name.equals("postmaster.opts")
                        || (name.startsWith("pg_wal/") && !name.equals("pg_wal/archive_status"))
                        || name.startsWith("pg_replslot/")) {
                    return;
                }
                try {
                    Path dst = to.resolve(rel);
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst);
                    }
                } catch (IOException e) {
                    if (!(e instanceof java.nio.file.NoSuchFileException)) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
    }
}
