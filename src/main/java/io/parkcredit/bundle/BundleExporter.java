package io.parkcredit.bundle;

import io.parkcredit.security.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes the whole registry as a data bundle v1 zip (DOMAIN.md §3), streamed from PostgreSQL
 * {@code COPY … TO STDOUT} straight into the response, from one consistent snapshot. Importing it
 * into an empty instance reproduces the data.
 */
@ApplicationScoped
public class BundleExporter {

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    DataSource dataSource;

    @Inject
    io.parkcredit.security.AuditLog audit;

    /** The whole registry leaves the platform: that is a decision worth a line in the audit log. */
    @jakarta.transaction.Transactional
    public void recordExport() {
        currentUser.require(Action.BUNDLE_EXPORT);
        Integer park = currentUser.parks().sqlParam();
        if (park == null) {
            audit.record("BUNDLE_EXPORTED", "bundle", null, "whole registry exported as a data bundle", null);
        } else {
            audit.record("BUNDLE_EXPORTED", "bundle", "park " + park, "the park's registry exported as a data bundle",
                    null);
        }
    }

    public void export(OutputStream out) throws IOException {
        export(out, null);
    }

    /** Exports the rows of one park ({@code park}), or of the whole region when it is null. */
    public void export(OutputStream out, Integer park) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                ZipOutputStream zip = new ZipOutputStream(out);
                OutputStream entryStream = new ZipEntryStream(zip);
                for (BundleFile file : BundleSpec.FILES) {
                    zip.putNextEntry(new ZipEntry(file.fileName()));
                    copy.copyOut(selectSql(file, park), entryStream);
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
                c.commit();
            } finally {
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("export failed in the database: " + e.getMessage(), e);
        }
    }

    static String selectSql(BundleFile file) {
        return selectSql(file, null);
    }

    static String selectSql(BundleFile file, Integer park) {
        String cols = file.columns().stream().map(BundleExporter::expression).collect(Collectors.joining(", "));
        String where = "";
        if (park != null) {
            if (file == BundleSpec.ENTERPRISES || file == BundleSpec.INSTITUTIONS) {
                where = " where park_id = " + park.intValue();
            } else if (file.referencesEnterprise()) {
                where = " where uscc in (select uscc from enterprises where park_id = " + park.intValue() + ")";
            }
        }
        return "copy (select " + cols + " from " + file.table() + where + " order by " + String.join(", ", file.key())
                + ") to stdout with (format csv, header)";
    }

    private static String expression(BundleColumn col) {
        return switch (col.kind()) {
            case BOOL -> "case when " + col.name() + " then 'true' else 'false' end as " + col.name();
            default -> col.name();
        };
    }
}
