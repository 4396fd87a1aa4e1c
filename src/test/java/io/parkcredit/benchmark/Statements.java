package io.parkcredit.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's own statement profile ({@code pg_stat_statements}) for a load run, with
 * {@code -Dbench.pgss=true}: the extension is preloaded into the embedded server, reset before the
 * measured phase, and its statements by total time written into the report.
 */
final class Statements {

    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;

    Statements(Connector connector) {
        this.connector = connector;
    }

    static boolean on() {
        return Boolean.getBoolean("bench.pgss");
    }

    /** Server settings that load the extension (none when off). */
    static Map<String, String> settings() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (on()) {
            m.put("shared_preload_libraries", "pg_stat_statements");
            m.put("pg_stat_statements.track", "all");
            m.put("pg_stat_statements.track_planning", "on");
        }
        // trials of server settings without a rebuild: -Dbench.pgSettings=shared_buffers=2GB,wal_buffers=64MB
        m.putAll(BenchProperties.pairs("bench.pgSettings"));
        return m;
    }

    void reset() throws SQLException {
        if (!on()) {
            return;
        }
        try (Connection c = connector.open(); Statement st = c.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
            st.execute("select pg_stat_statements_reset()");
        }
    }

    void report(StringBuilder md, String phase) throws SQLException {
        if (!on()) {
            return;
        }
        md.append("Statements of ").append(phase).append(" by total time (`pg_stat_statements`):\n\n")
                .append("| total s | calls | rows | mean ms | plans | planning s | WAL MB | page images | statement |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        try (Connection c = connector.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select total_exec_time / 1000, calls, rows, mean_exec_time, wal_bytes / 1e6,
                       regexp_replace(query, '\\s+', ' ', 'g'), plans, total_plan_time / 1000, wal_fpi
                from pg_stat_statements order by total_exec_time + total_plan_time desc limit 20""")) {
            while (rs.next()) {
                String q = rs.getString(6);
                md.append(String.format(Locale.ROOT, "| %.1f | %,d | %,d | %.2f | %,d | %.1f | %.0f | %,d | `%s` |%n", rs.getDouble(1),
                        rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getLong(7), rs.getDouble(8), rs.getDouble(5),
                        rs.getLong(9),
                        (q.length() > 220 ? q.substring(0, 220) + "…" : q).replace("|", "\\|").replace("`", "'")));
            }
        }
        md.append('\n');
    }
}
