package io.parkcredit.bundle;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Imports a data bundle (DOMAIN.md §3) all-or-nothing, in one database transaction:
 * <ol>
 * <li>each file streams through {@link RowChecker} into a temporary staging table by {@code COPY};</li>
 * <li>SQL finds what one row cannot show: keys repeated in a file, rows naming an unknown firm;</li>
 * <li>with any error the transaction rolls back and every error is reported (file, line, column);</li>
 * <li>otherwise each file is merged with one {@code INSERT … SELECT … ON CONFLICT DO UPDATE} that
 * skips rows already holding the same values, so a re-import changes nothing.</li>
 * </ol>
 * Columns a file leaves out keep their stored values. Memory stays flat: rows are never collected.
 */
@ApplicationScoped
public class BundleImporter {

    private static final Logger LOG = Logger.getLogger(BundleImporter.class);
    /** Serialises imports: two merges of overlapping bundles would otherwise deadlock. */
    private static final long IMPORT_LOCK = 0x5041524b_0001L;

    @Inject
    DataSource dataSource;

    @Inject
    BundleConfig config;

    /** Collects errors, keeping the first {@code max} and counting the rest. */
    static final class Errors {
        private final int max;
        private final List<FieldProblem> kept = new ArrayList<>();
        private long total;

        Errors(int max) {
            this.max = max;
        }

        void add(FieldProblem p) {
            total++;
            if (kept.size() < max) {
                kept.add(p);
            }
        }

        void addCounted(FieldProblem p, long countedTotal) {
            if (kept.size() < max) {
                kept.add(p);
            }
            total += countedTotal;
        }

        boolean any() {
            return total > 0;
        }

        int room() {
            return Math.max(0, max - kept.size());
        }
    }

    public ImportResult importBundle(Path upload, boolean dryRun, String actor) {
        long started = System.nanoTime();
        try (BundleArchive archive = BundleArchive.open(upload); Connection c = dataSource.getConnection()) {
            Errors errors = new Errors(config.maxReportedErrors());
            archive.problems().forEach(errors::add);
            c.setAutoCommit(false);
            try {
                Map<BundleFile, List<BundleColumn>> present = new LinkedHashMap<>();
                Map<BundleFile, Long> rows = new LinkedHashMap<>();
                prepare(c);
                for (BundleFile file : BundleSpec.FILES) {
                    var source = archive.source(file);
                    if (source.isPresent()) {
                        var loaded = load(c, file, source.get(), errors);
                        present.put(file, loaded.columns());
                        rows.put(file, loaded.rows());
                    }
                }
                if (!errors.any()) {
                    for (BundleFile file : present.keySet()) {
                        checkDuplicates(c, file, errors);
                        checkReferences(c, file, errors);
                    }
                }
                if (errors.any()) {
                    c.rollback();
                    throw new ProblemException(422, "bundle-rejected", "数据包被拒绝 Bundle rejected",
                            errors.total + " invalid row(s); nothing was imported", errors.kept)
                            .withTotalErrors(errors.total);
                }
                Map<String, ImportResult.FileChanges> changes = new LinkedHashMap<>();
                for (BundleFile file : present.keySet()) {
                    changes.put(apiName(file), merge(c, file, present.get(file), rows.get(file)));
                }
                Map<String, Long> imported = new LinkedHashMap<>();
                for (BundleFile file : BundleSpec.FILES) {
                    imported.put(apiName(file), rows.getOrDefault(file, 0L));
                }
                ImportResult result = new ImportResult(imported, changes, dryRun, archive.ignored());
                if (dryRun) {
                    c.rollback();
                } else {
                    audit(c, actor, result);
                    c.commit();
                }
                LOG.infof("bundle %s by %s: %s in %d ms", dryRun ? "checked (dry run)" : "imported", actor,
                        imported, (System.nanoTime() - started) / 1_000_000);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bundle import failed in the database: " + e.getMessage(), e);
        }
    }

    static String apiName(BundleFile file) {
        String[] parts = file.name().split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    private void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
            st.execute("set local work_mem = '" + config.workMem().replace("'", "") + "'");
            for (BundleFile file : BundleSpec.FILES) {
                String cols = file.columns().stream().map(col -> col.name() + " " + col.kind().sqlType)
                        .collect(Collectors.joining(", "));
                st.execute("create temp table " + file.staging() + " (line bigint not null, " + cols
                        + ") on commit drop");
            }
        }
    }

    private record Loaded(List<BundleColumn> columns, long rows) {
    }

    private Loaded load(Connection c, BundleFile file, BundleArchive.Source source, Errors errors)
            throws SQLException {
        try (TableReader reader = source.open().get()) {
            if (reader.header().isEmpty()) {
                errors.add(FieldProblem.row(file.fileName(), 1, null, "the file is empty: a header row is required"));
                return new Loaded(List.of(), 0);
            }
            RowChecker checker = new RowChecker(file, reader.header());
            if (!checker.headerProblems().isEmpty()) {
                checker.headerProblems().forEach(errors::add);
                return new Loaded(List.of(), 0);
            }
            List<BundleColumn> present = checker.presentColumns();
            String columns = present.stream().map(BundleColumn::name).collect(Collectors.joining(", "));
            var copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + file.staging() + " (line, " + columns + ") from stdin");
            long rows = 0;
            int width = reader.header().size();
            try (CopyWriter writer = new CopyWriter(copy)) {
                while (reader.next()) {
                    rows++;
                    if (reader.width() > width) {
                        errors.add(FieldProblem.row(file.fileName(), reader.line(), null,
                                "row has " + reader.width() + " cells, the header " + width));
                        continue;
                    }
                    String[] values = checker.check(reader.line(), reader.cells(), errors::add);
                    if (values != null) {
                        writer.row(reader.line(), values);
                    }
                }
                writer.finish();
            } catch (TableReader.MalformedFileException e) {
                errors.add(FieldProblem.row(file.fileName(), rows + 2, null, "unreadable CSV: " + e.getMessage()));
            }
            try (Statement st = c.createStatement()) {
                st.execute("analyze " + file.staging());
            }
            return new Loaded(present, rows);
        }
    }

    private void checkDuplicates(Connection c, BundleFile file, Errors errors) throws SQLException {
        String key = String.join(", ", file.key());
        String sql = "select s.line, d.first_line, count(*) over () from " + file.staging() + " s join (select "
                + key + ", min(line) first_line from " + file.staging() + " group by " + key
                + " having count(*) > 1) d using (" + key + ") where s.line <> d.first_line order by s.line limit ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, Math.max(1, errors.room()));
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    var p = FieldProblem.row(file.fileName(), rs.getLong(1), key,
                            "duplicate key (" + key + "): the same row key is on line " + rs.getLong(2));
                    errors.addCounted(p, first ? rs.getLong(3) : 0);
                    first = false;
                }
            }
        }
    }

    private void checkReferences(Connection c, BundleFile file, Errors errors) throws SQLException {
        if (!file.referencesEnterprise()) {
            return;
        }
        String sql = "select s.line, s.uscc, count(*) over () from " + file.staging() + " s"
                + " where not exists (select 1 from " + BundleSpec.ENTERPRISES.staging() + " e where e.uscc = s.uscc)"
                + " and not exists (select 1 from enterprises e where e.uscc = s.uscc) order by s.line limit ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, Math.max(1, errors.room()));
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    var p = FieldProblem.row(file.fileName(), rs.getLong(1), "uscc", "unknown enterprise "
                            + rs.getString(2).strip() + ": not in enterprises.csv nor in the registry");
                    errors.addCounted(p, first ? rs.getLong(3) : 0);
                    first = false;
                }
            }
        }
    }

    private ImportResult.FileChanges merge(Connection c, BundleFile file, List<BundleColumn> present, long rows)
            throws SQLException {
        List<String> cols = present.stream().map(BundleColumn::name).toList();
        List<String> updatable = cols.stream().filter(n -> !file.key().contains(n)).toList();
        String list = String.join(", ", cols);
        String t = file.table();
        StringBuilder sql = new StringBuilder("with m as (insert into ").append(t).append(" (").append(list)
                .append(") select ").append(list).append(" from ").append(file.staging())
                .append(" on conflict (").append(String.join(", ", file.key())).append(") ");
        if (updatable.isEmpty()) {
            sql.append("do nothing");
        } else {
            sql.append("do update set ");
            sql.append(updatable.stream().map(n -> n + " = excluded." + n).collect(Collectors.joining(", ")));
            if (file.hasUpdatedAt()) {
                sql.append(", updated_at = now()");
            }
            if (file == BundleSpec.ENTERPRISES) {
                sql.append(", version = ").append(t).append(".version + 1");
            }
            sql.append(" where (").append(updatable.stream().map(n -> t + "." + n).collect(Collectors.joining(", ")))
                    .append(") is distinct from (")
                    .append(updatable.stream().map(n -> "excluded." + n).collect(Collectors.joining(", ")))
                    .append(")");
        }
        sql.append(" returning (xmax = 0) as inserted)"
                + " select count(*) filter (where inserted), count(*) filter (where not inserted) from m");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            long inserted = rs.getLong(1);
            long updated = rs.getLong(2);
            return new ImportResult.FileChanges(rows, inserted, updated, rows - inserted - updated);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                // a row that is valid alone but contradicts what is stored (e.g. a repair date before the stored date)
                throw new ProblemException(422, "bundle-rejected", "数据包被拒绝 Bundle rejected",
                        "rows of " + file.fileName() + " conflict with stored data; nothing was imported",
                        List.of(FieldProblem.row(file.fileName(), 0, null, e.getMessage())));
            }
            throw e;
        }
    }

    private void audit(Connection c, String actor, ImportResult result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log (actor, action, target_type, target_key,"
                + " detail) values (?, 'BUNDLE_IMPORTED', 'bundle', null, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, result.changes().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue().rows() + " rows, " + e.getValue().inserted() + " new, "
                            + e.getValue().updated() + " updated")
                    .collect(Collectors.joining("; ")));
            ps.executeUpdate();
        }
    }
}
