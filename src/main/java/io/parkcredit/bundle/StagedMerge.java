package io.parkcredit.bundle;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The general import path, for a registry that already holds data:
 * <ol>
 * <li>each file streams through {@link RowChecker} into a temporary staging table by {@code COPY};</li>
 * <li>SQL finds rows naming a firm that is neither in the bundle nor in the registry;</li>
 * <li>each file is merged with one {@code INSERT … SELECT … ON CONFLICT DO UPDATE} that skips rows
 * already holding the same values, so a re-import changes nothing; columns a file leaves out keep
 * their stored values;</li>
 * <li>a key repeated inside a file makes its merge fail (SQLSTATE 21000); only then are repeated
 * keys looked up line by line, which spares a grouping of every file on the usual path.</li>
 * </ol>
 * Runs inside the caller's transaction; on any error the caller rolls everything back.
 */
final class StagedMerge {

    private StagedMerge() {
    }

    static Map<BundleFile, ImportResult.FileChanges> run(Connection c, BundleArchive archive, ImportErrors errors,
            int park) throws SQLException {
        createStaging(c);
        Map<BundleFile, RowLoader.Loaded> loaded = new LinkedHashMap<>();
        Map<BundleFile, Long> loadMs = new LinkedHashMap<>();
        for (BundleFile file : BundleSpec.FILES) {
            var source = archive.source(file);
            if (source.isPresent()) {
                long t0 = System.nanoTime();
                loaded.put(file, RowLoader.load(c, file, source.get(), file.staging(), true, errors));
                try (Statement st = c.createStatement()) {
                    st.execute("analyze " + file.staging());
                }
                loadMs.put(file, (System.nanoTime() - t0) / 1_000_000);
            }
        }
        if (errors.any()) {
            return Map.of();
        }
        for (BundleFile file : loaded.keySet()) {
            checkReferences(c, file, errors);
        }
        if (!errors.any() && otherParksExist(c, park)) {
            for (BundleFile file : loaded.keySet()) {
                checkPark(c, file, park, errors);
            }
        }
        if (errors.any()) {
            for (BundleFile file : loaded.keySet()) {
                checkDuplicates(c, file, errors);
            }
            return Map.of();
        }
        Savepoint beforeMerge = c.setSavepoint();
        Map<BundleFile, ImportResult.FileChanges> changes = new LinkedHashMap<>();
        try {
            for (var e : loaded.entrySet()) {
                changes.put(e.getKey(), merge(c, e.getKey(), e.getValue(), loadMs.get(e.getKey()), park));
            }
        } catch (SQLException e) {
            if (!"21000".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(beforeMerge);
            for (BundleFile file : loaded.keySet()) {
                checkDuplicates(c, file, errors);
            }
            if (!errors.any()) {
                throw e;
            }
            return Map.of();
        }
        return changes;
    }

    private static void createStaging(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (BundleFile file : BundleSpec.FILES) {
                String cols = file.columns().stream().map(col -> col.name() + " " + col.kind().sqlType)
                        .collect(Collectors.joining(", "));
                st.execute("create temp table " + file.staging() + " (line bigint not null, " + cols
                        + ") on commit drop");
            }
        }
    }

    private static void checkDuplicates(Connection c, BundleFile file, ImportErrors errors) throws SQLException {
        String key = String.join(", ", file.key());
        String sql = "select s.line, d.first_line, count(*) over () from " + file.staging() + " s join (select "
                + key + ", min(line) first_line from " + file.staging() + " group by " + key
                + " having count(*) > 1) d using (" + key + ") where s.line <> d.first_line order by s.line limit ?";
        report(c, sql, errors, rs -> FieldProblem.row(file.fileName(), rs.getLong(1), key,
                "duplicate key (" + key + "): the same row key is on line " + rs.getLong(2)));
    }

    private static void checkReferences(Connection c, BundleFile file, ImportErrors errors) throws SQLException {
        if (!file.referencesEnterprise()) {
            return;
        }
        String sql = "select s.line, s.uscc, count(*) over () from " + file.staging() + " s"
                + " where not exists (select 1 from " + BundleSpec.ENTERPRISES.staging() + " e where e.uscc = s.uscc)"
                + " and not exists (select 1 from enterprises e where e.uscc = s.uscc) order by s.line limit ?";
        report(c, sql, errors, rs -> FieldProblem.row(file.fileName(), rs.getLong(1), "uscc",
                "unknown enterprise " + rs.getString(2).strip() + ": not in enterprises.csv nor in the registry"));
    }

    /** Whether any park but {@code park} exists; in a one-park installation no row can belong elsewhere. */
    private static boolean otherParksExist(Connection c, int park) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from parks where id <> ?)")) {
            ps.setInt(1, park);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Rows whose firm (or, for institutions.csv, whose institution) belongs to another park than the
     * one imported into (DOMAIN.md §10.3): one set-based statement per file.
     */
    private static void checkPark(Connection c, BundleFile file, int park, ImportErrors errors) throws SQLException {
        String sql;
        String column;
        String what;
        if (file == BundleSpec.INSTITUTIONS) {
            sql = "select s.line, s.code, count(*) over () from " + file.staging()
                    + " s join institutions i on i.code = s.code where i.park_id <> " + park + " order by s.line limit ?";
            column = "code";
            what = "institution ";
        } else if (file == BundleSpec.ENTERPRISES || file.referencesEnterprise()) {
            sql = "select s.line, s.uscc, count(*) over () from " + file.staging()
                    + " s join enterprises e on e.uscc = s.uscc where e.park_id <> " + park + " order by s.line limit ?";
            column = "uscc";
            what = "enterprise ";
        } else {
            return;
        }
        report(c, sql, errors, rs -> FieldProblem.row(file.fileName(), rs.getLong(1), column,
                what + rs.getString(2).strip() + " belongs to another park"));
    }

    interface RowProblem {
        FieldProblem of(ResultSet rs) throws SQLException;
    }

    /** Runs an error query whose third column is the total count, listing as many rows as there is room for. */
    private static void report(Connection c, String sql, ImportErrors errors, RowProblem problem) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, Math.max(1, errors.room()));
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    errors.addCounted(problem.of(rs), first ? rs.getLong(3) : 0);
                    first = false;
                }
            }
        }
    }

    private static ImportResult.FileChanges merge(Connection c, BundleFile file, RowLoader.Loaded loaded, long loadMs,
            int park) throws SQLException {
        long t0 = System.nanoTime();
        List<String> cols = loaded.columns().stream().map(BundleColumn::name).toList();
        List<String> updatable = cols.stream().filter(n -> !file.key().contains(n)).toList();
        String list = String.join(", ", cols);
        String t = file.table();
        // new firms and institutions join the park imported into; a stored one keeps its park
        boolean parked = file == BundleSpec.ENTERPRISES || file == BundleSpec.INSTITUTIONS;
        StringBuilder sql = new StringBuilder("with m as (insert into ").append(t).append(" (").append(list)
                .append(parked ? ", park_id" : "").append(") select ").append(list)
                .append(parked ? ", " + park : "").append(" from ").append(file.staging())
                .append(" on conflict (").append(String.join(", ", file.key())).append(") ");
        if (updatable.isEmpty()) {
            // only key columns: nothing to update, and a repeated key is harmless
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
            return new ImportResult.FileChanges(loaded.rows(), inserted, updated, loaded.rows() - inserted - updated,
                    loadMs, (System.nanoTime() - t0) / 1_000_000);
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
}
