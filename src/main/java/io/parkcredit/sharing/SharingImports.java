package io.parkcredit.sharing;

import io.parkcredit.bundle.BundleImporter;
import io.parkcredit.bundle.ImportResult;
import io.parkcredit.park.ParkId;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.sharing.SharingService.Park;
import io.parkcredit.sharing.SharingViews.ImportView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * The receiving park's import of a signed package (DOMAIN.md §10.3): checked by {@link PackageCheck},
 * then, for a firm new to this installation, imported through the bundle importer (all-or-nothing) as a
 * prospect of the park; for the park's own firm, merged; for a firm of another park here, not moved:
 * the package's profile is kept as a read-only view until the consent expires. The source is
 * recorded, the step logged, and a peer that sent it is told (signed) so the firm sees it at home.
 */
@ApplicationScoped
public class SharingImports {

    private static final Logger LOG = Logger.getLogger(SharingImports.class);

    @Inject
    CurrentUser currentUser;

    @Inject
    SharingService sharing;

    @Inject
    BundleImporter importer;

    @Inject
    Installation installation;

    @Inject
    PeerClient peers;

    @Inject
    SharingConfig config;

    @Inject
    SharingLog log;

    @Inject
    Db db;

    @Inject
    Clock clock;

    /** An uploaded package. */
    public ImportView importPackage(byte[] pkg) {
        currentUser.require(Action.SHARING_MANAGE);
        return run(pkg);
    }

    /** A package waiting in the caller's park's inbox. */
    public ImportView importDelivery(long id) {
        currentUser.require(Action.SHARING_MANAGE);
        record Waiting(byte[] pkg, int park) {
        }
        byte[] pkg = QuarkusTransaction.requiringNew().call(() -> db.one(
                "select package, park_id from sharing_imports where id = ? and status = 'DELIVERED'",
                rs -> new Waiting(rs.getBytes(1), rs.getInt(2)), id)
                .filter(w -> currentUser.parks().includes(w.park())).map(Waiting::pkg).orElse(null));
        if (pkg == null) {
            throw ProblemException.notFound("delivery", String.valueOf(id));
        }
        return run(pkg);
    }

    private ImportView run(byte[] pkg) {
        SharingPackage.Unpacked p;
        try {
            p = SharingPackage.unpack(pkg, SharingPackage.Limits.of(config));
        } catch (SharingPackage.Malformed e) {
            throw Refusal.PACKAGE_MALFORMED.problem(e.getMessage());
        }
        Manifest m = p.manifest();
        LocalDate today = LocalDate.now(clock);
        QuarkusTransaction.requiringNew().run(() -> PackageCheck.check(p, facts(today)).ifPresent(f -> {
            throw f.refusal().problem(f.refusal().title + ": " + f.params(), f.params());
        }));
        Park target = sharing.park(m.target().park()).orElseThrow();
        String uscc = m.uscc();
        Integer home = db.one("select park_id from enterprises where uscc = ?", rs -> rs.getInt(1), uscc).orElse(null);
        String mode = home == null ? "PROSPECT" : home == target.id() ? "MERGED" : "VIEW";
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> profile = profile(p.files().get("enterprises.csv"));
        String actor = currentUser.name();
        if (mode.equals("VIEW")) {
            p.files().forEach((name, data) -> rows.put(apiName(name), (long) CsvRecords.count(data)));
        } else {
            // the park's own firm keeps its standing in the park whatever the source says
            Boolean inPark = db.one("select in_park from enterprises where uscc = ?", rs -> rs.getBoolean(1), uscc)
                    .orElse(false);
            ImportResult result = importInto(new ParkId(target.id()), target.code(), uscc, mode.equals("PROSPECT"),
                    p.files(), actor);
            if (mode.equals("MERGED")) {
                db.update("update enterprises set in_park = ? where uscc = ?", inPark, uscc);
            }
            result.imported().forEach(rows::put);
        }
        String profileJson = json(profile);
        String rowsJson = json(rows);
        Integer sourcePark = m.source().installation().equals(installation.id())
                ? sharing.park(m.source().park()).map(Park::id).orElse(null) : null;
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Long request = db.one("select id from sharing_requests where ref = ? and direction = 'OUTBOUND' and park_id = ?",
                    rs -> rs.getLong(1), m.requestId(), target.id()).orElseThrow();
            int updated = db.update("update sharing_imports set status = 'IMPORTED', mode = ?, profile = ?, rows_imported = ?,"
                    + " imported_by = ?, imported_at = ?, request_id = ?, package = null where export_id = ?"
                    + " and status = 'DELIVERED'", mode, profileJson, rowsJson, actor, clock.instant(), request, m.exportId());
            if (updated == 0) {
                int n = db.update("insert into sharing_imports (export_id, park_id, request_id, uscc, source_installation,"
                        + " source_park, consent_expires, received_at, status, mode, profile, rows_imported, imported_by,"
                        + " imported_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'IMPORTED', ?, ?, ?, ?, ?)"
                        + " on conflict (export_id) do nothing", m.exportId(), target.id(), request, uscc,
                        m.source().installation(), m.source().park(), m.consentExpires(), clock.instant(), mode,
                        profileJson, rowsJson, actor, clock.instant());
                if (n == 0) {
                    throw Refusal.ALREADY_IMPORTED.problem("export " + m.exportId() + " was imported meanwhile",
                            Map.of("export", m.exportId().toString()));
                }
            }
            db.update("update sharing_requests set status = 'IMPORTED', consent_expires = ?, version = version + 1"
                    + " where id = ?", m.consentExpires(), request);
            log.write("IMPORTED", actor, uscc, m.requestId(), target.id(), sourcePark, m.source().toString(),
                    m.target().toString(), "export " + m.exportId() + " as " + mode + " " + rows);
            return db.one("select id from sharing_imports where export_id = ?", rs -> rs.getLong(1), m.exportId())
                    .orElseThrow();
        });
        if (!m.source().installation().equals(installation.id())) {
            acknowledge(m, target, mode, id);
        }
        return QuarkusTransaction.requiringNew().call(() -> byId(id));
    }

    private PackageCheck.Facts facts(LocalDate today) {
        return new PackageCheck.Facts() {
            @Override
            public PublicKey keyOf(String inst) {
                if (inst.equals(installation.id())) {
                    return Ed25519.publicKey(installation.publicKey());
                }
                return peers.peer(inst).map(peer -> Ed25519.publicKey(peer.publicKey())).orElse(null);
            }

            @Override
            public String thisInstallation() {
                return installation.id();
            }

            @Override
            public boolean acceptsPark(String code) {
                return sharing.park(code).map(p -> currentUser.parks().includes(p.id())).orElse(false);
            }

            @Override
            public boolean requested(UUID ref, String code, String uscc) {
                return db.one("select 1 from sharing_requests r join parks p on p.id = r.park_id where r.ref = ?"
                        + " and r.direction = 'OUTBOUND' and p.code = ? and r.uscc = ?", rs -> 1, ref, code, uscc).isPresent();
            }

            @Override
            public boolean imported(UUID exportId) {
                return db.one("select 1 from sharing_imports where export_id = ? and status = 'IMPORTED'", rs -> 1,
                        exportId).isPresent();
            }

            @Override
            public LocalDate today() {
                return today;
            }
        };
    }

    /**
     * The one door to the bundle importer: the package's files as a bundle, all-or-nothing, then the firm
     * placed in the receiving park — a firm new here as a prospect ({@code in_park = false}). The importer
     * puts new firms into the receiving park itself; the prospect mark follows in its own statement.
     */
    ImportResult importInto(ParkId park, String parkCode, String uscc, boolean newFirm, Map<String, byte[]> files,
            String actor) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("parkcredit-sharing-", ".zip");
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var e : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            // into the receiving park itself: a new firm never sits in another park, not even for a moment
            ImportResult result = importer.importBundle(tmp, false, actor, parkCode);
            if (newFirm) {
                db.update("update enterprises set park_id = ?, in_park = false where uscc = ?", park.value(), uscc);
            }
            return result;
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

    private void acknowledge(Manifest m, Park target, String mode, long importId) {
        try {
            PeerClient.Peer peer = peers.peer(m.source().installation()).orElseThrow();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("exportId", m.exportId().toString());
            body.put("requestId", m.requestId().toString());
            body.put("uscc", m.uscc());
            body.put("park", target.code());
            body.put("parkName", target.name());
            body.put("mode", mode);
            peers.post(peer, PeerClient.ACKNOWLEDGEMENTS, peers.json(body));
            QuarkusTransaction.requiringNew().run(() -> db.update(
                    "update sharing_imports set acknowledged = true where id = ?", importId));
        } catch (RuntimeException e) {
            // the import stands; the acknowledgement is what the holder's log misses, visible here as not acknowledged
            LOG.warnf("import %s not acknowledged to %s: %s", m.exportId(), m.source().installation(), e.getMessage());
        }
    }

    /** Packages of the caller's park: waiting, or imported and how (a region ADMIN: all). */
    @Transactional
    public List<ImportView> imports() {
        currentUser.require(Action.SHARING_MANAGE);
        Integer park = sharing.scopePark();
        return db.list(IMPORT_SELECT + " where (cast(? as integer) is null or i.park_id = ?) order by i.id desc limit 200",
                this::view, park, park);
    }

    @Transactional
    public ImportView importView(long id) {
        currentUser.require(Action.SHARING_MANAGE);
        ImportView v = db.one(IMPORT_SELECT + " where i.id = ?", this::view, id)
                .orElseThrow(() -> ProblemException.notFound("import", String.valueOf(id)));
        int park = db.one("select park_id from sharing_imports where id = ?", rs -> rs.getInt(1), id).orElseThrow();
        currentUser.requireInScope(park, "import", String.valueOf(id));
        return v;
    }

    ImportView byId(long id) {
        return db.one(IMPORT_SELECT + " where i.id = ?", this::view, id).orElseThrow();
    }

    static final String IMPORT_SELECT = "select i.id, i.export_id, i.uscc, p.code, i.source_installation, i.source_park,"
            + " i.consent_expires, i.status, i.mode, i.rows_imported, i.profile, i.received_at, i.imported_by,"
            + " i.imported_at, i.acknowledged from sharing_imports i join parks p on p.id = i.park_id";

    private ImportView view(ResultSet rs) throws SQLException {
        LocalDate until = Db.date(rs, "consent_expires");
        boolean expired = LocalDate.now(clock).isAfter(until);
        String mode = rs.getString("mode");
        Map<String, String> profile = readMap(rs.getString("profile"));
        // a received view of another park's firm lasts as long as the consent
        if ("VIEW".equals(mode) && expired) {
            profile = Map.of();
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        readMap(rs.getString("rows_imported")).forEach((k, v) -> rows.put(k, Long.parseLong(v)));
        return new ImportView(rs.getLong("id"), rs.getString("export_id"), rs.getString("uscc"), rs.getString("code"),
                rs.getString("source_installation"), rs.getString("source_park"), until, rs.getString("status"), mode,
                rows, profile, "VIEW".equals(mode) && expired, Db.instant(rs, "received_at"), rs.getString("imported_by"),
                Db.instant(rs, "imported_at"), rs.getBoolean("acknowledged"));
    }

    /** {@code credit_events.csv} → {@code creditEvents}, as the bundle import names a file's count. */
    static String apiName(String fileName) {
        String[] parts = fileName.replace(".csv", "").split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /** The firm's enterprises.csv row as column → value. */
    static Map<String, String> profile(byte[] enterprisesCsv) {
        Map<String, String> out = new LinkedHashMap<>();
        if (enterprisesCsv == null) {
            return out;
        }
        List<List<String>> records = CsvRecords.parse(new String(enterprisesCsv, StandardCharsets.UTF_8), 2);
        if (records.size() == 2) {
            for (int i = 0; i < records.get(0).size() && i < records.get(1).size(); i++) {
                out.put(records.get(0).get(i), records.get(1).get(i));
            }
        }
        return out;
    }

    private static String json(Map<String, ?> map) {
        try {
            return SharingPackage.JSON.writeValueAsString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> readMap(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, Object> m = SharingPackage.JSON.readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
                    });
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
            return out;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
