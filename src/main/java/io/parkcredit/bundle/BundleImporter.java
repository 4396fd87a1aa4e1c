package io.parkcredit.bundle;

import io.parkcredit.security.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Imports a data bundle (DOMAIN.md §3) all-or-nothing, in one database transaction, with every
 * invalid row reported (file, line, column, reason). Rows stream from disk through COPY; memory
 * stays flat whatever the bundle size. A first load into empty tables takes {@link InitialLoad};
 * everything else, and any first load that SQL finds fault with, takes {@link StagedMerge}.
 * Imports run one at a time (an advisory lock), so overlapping bundles never deadlock.
 */
@ApplicationScoped
public class BundleImporter {

    private static final Logger LOG = Logger.getLogger(BundleImporter.class);
    private static final long IMPORT_LOCK = 0x5041524b_0001L;

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    DataSource dataSource;

    @Inject
    io.parkcredit.park.ParkService parks;

    @Inject
    BundleConfig config;

    @Inject
    jakarta.enterprise.event.Event<io.parkcredit.enterprise.RegistryChanged> changed;

    /** Writes a bundle that exists only as a stream. */
    @FunctionalInterface
    public interface BundleWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Imports a bundle that arrives as a stream (an HTTP body, a generated park): it is spooled to
     * a temporary file, never to the heap, imported, and the file removed.
     */
    public ImportResult importWritten(BundleWriter bundle, boolean dryRun, String actor) {
        return importWritten(bundle, dryRun, actor, null);
    }

    /**
     * As {@link #importWritten(BundleWriter, boolean, String)}, into the park named by {@code parkCode}
     * (see {@link #importBundle(Path, boolean, String, String)}).
     */
    public ImportResult importWritten(BundleWriter bundle, boolean dryRun, String actor, String parkCode) {
        currentUser.require(Action.BUNDLE_IMPORT);
        io.parkcredit.park.ParkId park = parks.target(parkCode);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("parkcredit-bundle-", ".zip");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                bundle.writeTo(out);
            }
            return importInto(tmp, dryRun, actor, park);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the OS cleans its temporary folder
                }
            }
        }
    }

    public ImportResult importBundle(Path upload, boolean dryRun, String actor) {
        return importBundle(upload, dryRun, actor, null);
    }

    /**
     * Imports into a park (DOMAIN.md §10.3): a park ADMIN's own park (another park's code is 404); a
     * region-wide ADMIN's the park named by {@code parkCode}, or the default park when it is null. New
     * firms and institutions join that park; a row whose firm or institution belongs to another park
     * is rejected like any invalid row.
     */
    public ImportResult importBundle(Path upload, boolean dryRun, String actor, String parkCode) {
        currentUser.require(Action.BUNDLE_IMPORT);
        return importInto(upload, dryRun, actor, parks.target(parkCode));
    }

    private ImportResult importInto(Path upload, boolean dryRun, String actor, io.parkcredit.park.ParkId park) {
        long started = System.nanoTime();
        try (BundleArchive archive = BundleArchive.open(upload, BundleLimits.of(config)); Connection c = dataSource.getConnection()) {
            ImportErrors errors = new ImportErrors(config.maxReportedErrors());
            archive.problems().forEach(errors::add);
            if (errors.any()) {
                throw errors.rejection();
            }
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("select pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
                    st.execute("set local work_mem = '" + config.workMem().replace("'", "") + "'");
                    st.execute("set local maintenance_work_mem = '" + config.maintenanceWorkMem().replace("'", "") + "'");
                }
                Map<BundleFile, ImportResult.FileChanges> changes = null;
                String path = "merge";
                if (config.initialLoad() && park.equals(io.parkcredit.park.ParkId.DEFAULT)
                        && InitialLoad.applies(c, archive)) {
                    Savepoint before = c.setSavepoint();
                    Optional<Map<BundleFile, ImportResult.FileChanges>> fast = InitialLoad.run(c, archive, errors);
                    if (fast.isPresent()) {
                        changes = fast.get();
                        path = "initial load";
                    } else {
                        c.rollback(before);
                    }
                }
                if (changes == null) {
                    changes = StagedMerge.run(c, archive, errors, park.value());
                }
                if (errors.any()) {
                    c.rollback();
                    throw errors.rejection();
                }
                ImportResult result = result(archive, changes, dryRun);
                if (dryRun) {
                    c.rollback();
                } else {
                    audit(c, actor, result, park);
                    c.commit();
                    changed.fire(new io.parkcredit.enterprise.RegistryChanged("bundle import by " + actor));
                }
                LOG.infof("bundle %s by %s (%s): %s in %d ms", dryRun ? "checked (dry run)" : "imported", actor, path,
                        result.imported(), (System.nanoTime() - started) / 1_000_000);
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

    private static ImportResult result(BundleArchive archive, Map<BundleFile, ImportResult.FileChanges> changes,
            boolean dryRun) {
        Map<String, Long> imported = new LinkedHashMap<>();
        Map<String, ImportResult.FileChanges> byName = new LinkedHashMap<>();
        for (BundleFile file : BundleSpec.FILES) {
            ImportResult.FileChanges ch = changes.get(file);
            imported.put(apiName(file), ch == null ? 0L : ch.rows());
            if (ch != null) {
                byName.put(apiName(file), ch);
            }
        }
        return new ImportResult(imported, byName, dryRun, archive.ignored());
    }

    /** {@code credit_events} → {@code creditEvents}, the API's name for a file's count. */
    static String apiName(BundleFile file) {
        String[] parts = file.name().split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    private static void audit(Connection c, String actor, ImportResult result, io.parkcredit.park.ParkId park)
            throws SQLException {
        // the park's code is the target key: the line says which park the rows went to
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log (actor, action, target_type, target_key,"
                + " detail) values (?, 'BUNDLE_IMPORTED', 'bundle', (select code from parks where id = ?), ?)")) {
            ps.setString(1, actor);
            ps.setInt(2, park.value());
            ps.setString(3, result.changes().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue().rows() + " rows, " + e.getValue().inserted() + " new, "
                            + e.getValue().updated() + " updated")
                    .collect(Collectors.joining("; ")));
            ps.executeUpdate();
        }
    }
}
