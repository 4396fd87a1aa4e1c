package io.parkcredit.bundle;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fast path for a first load, taken when every table the bundle fills is empty: checked rows
 * are copied straight into their tables, whose indexes are dropped first and built once at the end
 * (PostgreSQL's advice for bulk loading), instead of being staged and merged row by row.
 * <p>
 * Row errors are collected exactly as on the general path. Problems only SQL can see — a key
 * repeated in a file (the unique index cannot be built) or a row naming an unknown firm — give
 * {@link Optional#empty()}: the caller rolls back to before this load and takes the
 * {@link StagedMerge} path, which reports them line by line. Indexes of tables that other tables
 * reference by foreign key are kept.
 */
final class InitialLoad {

    private InitialLoad() {
    }

    /** True when every table the bundle's files fill holds no row. */
    static boolean applies(Connection c, BundleArchive archive) throws SQLException {
        boolean any = false;
        for (BundleFile file : BundleSpec.FILES) {
            if (archive.source(file).isPresent()) {
                any = true;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("select exists (select 1 from " + file.table() + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
        }
        return any;
    }

    static Optional<Map<BundleFile, ImportResult.FileChanges>> run(Connection c, BundleArchive archive,
            ImportErrors errors) throws SQLException {
        Map<BundleFile, RowLoader.Loaded> loaded = new LinkedHashMap<>();
        Map<BundleFile, Long> loadMs = new LinkedHashMap<>();
        Map<BundleFile, List<String>> rebuild = new LinkedHashMap<>();
        for (BundleFile file : BundleSpec.FILES) {
            var source = archive.source(file);
            if (source.isPresent()) {
                long t0 = System.nanoTime();
                rebuild.put(file, dropIndexes(c, file.table()));
                loaded.put(file, RowLoader.load(c, file, source.get(), file.table(), false, errors));
                loadMs.put(file, (System.nanoTime() - t0) / 1_000_000);
            }
        }
        if (errors.any()) {
            return Optional.of(Map.of());
        }
        Map<BundleFile, ImportResult.FileChanges> changes = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (var e : loaded.entrySet()) {
                BundleFile file = e.getKey();
                long t0 = System.nanoTime();
                for (String ddl : rebuild.get(file)) {
                    st.execute(ddl);
                }
                if (file.referencesEnterprise() && hasUnknownFirm(st, file)) {
                    return Optional.empty();
                }
                st.execute("analyze " + file.table());
                long rows = e.getValue().rows();
                changes.put(file, new ImportResult.FileChanges(rows, rows, 0, 0, loadMs.get(file),
                        (System.nanoTime() - t0) / 1_000_000));
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return Optional.empty(); // a repeated key or a violated constraint: the general path reports it
            }
            throw e;
        }
        return Optional.of(changes);
    }

    private static boolean hasUnknownFirm(Statement st, BundleFile file) throws SQLException {
        try (ResultSet rs = st.executeQuery("select exists (select 1 from " + file.table() + " t where not exists"
                + " (select 1 from enterprises e where e.uscc = t.uscc))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Drops the indexes (and the constraints they back) of a table nobody references, returning
     * the statements that rebuild them exactly as the schema defines them.
     */
    private static List<String> dropIndexes(Connection c, String table) throws SQLException {
        List<String> rebuild = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select exists (select 1 from pg_constraint where confrelid = '"
                    + table + "'::regclass)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return rebuild;
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), con.conname,
                           pg_get_constraintdef(con.oid)
                    from pg_index i
                    left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid
                    where i.indrelid = '%s'::regclass
                    order by con.contype nulls last
                    """.formatted(table))) {
                while (rs.next()) {
                    if (rs.getString(3) != null) {
                        drop.add("alter table " + table + " drop constraint " + rs.getString(3));
                        rebuild.add("alter table " + table + " add constraint " + rs.getString(3) + " " + rs.getString(4));
                    } else {
                        drop.add("drop index " + rs.getString(1));
                        rebuild.add(rs.getString(2));
                    }
                }
            }
            for (String ddl : drop) {
                st.execute(ddl);
            }
        }
        return rebuild;
    }
}
