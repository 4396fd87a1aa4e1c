package io.parkcredit.bundle;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.db.CopyWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Streams one bundle file through {@link RowChecker} into a PostgreSQL {@code COPY}: valid rows go
 * to the target table, invalid cells to the error list. Nothing is held in memory but one row.
 */
final class RowLoader {

    private RowLoader() {
    }

    /** What a file brought: the spec columns its header carries, and its number of data rows. */
    record Loaded(List<BundleColumn> columns, long rows) {
    }

    /**
     * @param table    the table the rows are copied into
     * @param withLine true to copy the row's line number into the first column {@code line}
     */
    static Loaded load(Connection c, BundleFile file, BundleArchive.Source source, String table, boolean withLine,
            ImportErrors errors) throws SQLException {
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
            String columns = (withLine ? "line, " : "")
                    + present.stream().map(BundleColumn::name).collect(Collectors.joining(", "));
            var copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columns + ") from stdin");
            long rows = 0;
            int width = reader.header().size();
            try (CopyWriter writer = new CopyWriter(copy, withLine)) {
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
            return new Loaded(present, rows);
        }
    }
}
