package io.parkcredit.sharing;

import io.parkcredit.bundle.BundleExporter;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.sharing.SharingService.Park;
import io.parkcredit.sharing.SharingViews.ExportView;
import io.parkcredit.sharing.SharingViews.RequestView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The holding park's export (DOMAIN.md §10.3): with the firm's live consent, that firm's bundle for the
 * requested period, signed by this installation, kept for download, and handed to the receiving park —
 * into its inbox when it is a park here, pushed by a signed call when it is a peer's.
 */
@ApplicationScoped
public class SharingExports {

    @Inject
    CurrentUser currentUser;

    @Inject
    SharingService sharing;

    @Inject
    BundleExporter exporter;

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

    /** Exports and delivers; 409 without a live consent. */
    public ExportView export(long requestId) {
        currentUser.require(Action.SHARING_MANAGE);
        RequestView r = QuarkusTransaction.requiringNew().call(() -> sharing.visible(requestId));
        if (!r.direction().equals("INBOUND")) {
            throw ProblemException.notFound("sharing request", String.valueOf(requestId));
        }
        LocalDate today = LocalDate.now(clock);
        if (!r.status().equals("GRANTED") || r.consentExpires() == null || today.isAfter(r.consentExpires())) {
            String why = r.status().equals("GRANTED") ? "the consent expired on " + r.consentExpires()
                    : r.status().equals("REFUSED") ? "the firm refused: " + r.refusalReason()
                    : "the firm has not consented";
            throw Refusal.NO_CONSENT.problem(why, Map.of("status", r.status()));
        }
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try {
            exporter.exportFirm(Uscc.parse(r.uscc()), r.periodFrom(), r.periodTo(), bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> files;
        SharingPackage.Limits limits = SharingPackage.Limits.of(config);
        try {
            files = SharingPackage.entries(bundle.toByteArray(), limits);
        } catch (SharingPackage.Malformed e) {
            throw Refusal.PACKAGE_MALFORMED.problem("the firm's data does not fit one package: " + e.getMessage());
        }
        UUID exportId = UUID.randomUUID();
        Instant now = clock.instant();
        Manifest m = new Manifest(Manifest.FORMAT, exportId, UUID.fromString(r.ref()), r.uscc(),
                new Manifest.Side(r.holderInstallation(), r.holderPark()),
                new Manifest.Side(r.requesterInstallation(), r.requesterPark()), r.consentExpires(), now,
                r.periodFrom(), r.periodTo(), SharingPackage.hashes(files));
        byte[] manifest = SharingPackage.manifestBytes(m);
        byte[] pkg = SharingPackage.build(manifest, installation.sign(manifest), files);
        if (pkg.length > config.maxPackageBytes()) {
            throw Refusal.PACKAGE_MALFORMED.problem("the package would have " + pkg.length + " bytes; at most "
                    + config.maxPackageBytes() + " (parkcredit.sharing.max-package-bytes): ask for a shorter period");
        }
        String actor = currentUser.name();
        int holdingPark = sharing.parkOf(requestId);
        Integer peerPark = sharing.peerPark(r);
        String from = SharingService.side(r.holderPark(), r.holderInstallation());
        String to = SharingService.side(r.requesterPark(), r.requesterInstallation());
        QuarkusTransaction.requiringNew().run(() -> {
            db.update("insert into sharing_exports (export_id, request_id, package, created_by, created_at)"
                    + " values (?, ?, ?, ?, ?)", exportId, requestId, pkg, actor, now);
            log.write("EXPORTED", actor, r.uscc(), UUID.fromString(r.ref()), holdingPark, peerPark, from, to,
                    "export " + exportId + ", consent until " + r.consentExpires());
        });
        String problem = null;
        if (r.requesterInstallation().equals(installation.id())) {
            Park target = sharing.park(r.requesterPark()).orElseThrow();
            QuarkusTransaction.requiringNew().run(() -> {
                deliverHere(m, pkg, target.id(), actor);
                db.update("update sharing_exports set delivered_at = ? where export_id = ?", clock.instant(), exportId);
            });
        } else {
            try {
                PeerClient.Peer peer = peers.peer(r.requesterInstallation()).orElseThrow(() -> Refusal.PEER_FAILED
                        .problem("the receiving installation is no longer a registered peer"));
                peers.post(peer, PeerClient.PACKAGES, pkg);
                QuarkusTransaction.requiringNew().run(() -> {
                    db.update("update sharing_exports set delivered_at = ? where export_id = ?", clock.instant(), exportId);
                    log.write("DELIVERED", actor, r.uscc(), UUID.fromString(r.ref()), holdingPark, null, from, to,
                            "export " + exportId + " pushed to " + r.requesterInstallation());
                });
            } catch (ProblemException e) {
                problem = e.getMessage();
            }
        }
        return new ExportView(exportId.toString(), requestId, r.uscc(), to, r.consentExpires(), now, problem == null,
                problem);
    }

    /** A package for a park of this installation, waiting in its inbox (also the landing of a peer's push). */
    @Transactional(Transactional.TxType.MANDATORY)
    void deliverHere(Manifest m, byte[] pkg, int targetPark, String actor) {
        Long request = db.one("select id from sharing_requests where ref = ? and direction = 'OUTBOUND' and park_id = ?",
                rs -> rs.getLong(1), m.requestId(), targetPark).orElse(null);
        int n = db.update("insert into sharing_imports (export_id, park_id, request_id, uscc, source_installation,"
                + " source_park, consent_expires, package, received_at, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " 'DELIVERED') on conflict (export_id) do nothing", m.exportId(), targetPark, request, m.uscc(),
                m.source().installation(), m.source().park(), m.consentExpires(), pkg, clock.instant());
        if (n == 0) {
            throw Refusal.ALREADY_IMPORTED.problem("export " + m.exportId() + " was already delivered",
                    Map.of("export", m.exportId().toString()));
        }
        Integer sourcePark = m.source().installation().equals(installation.id())
                ? sharing.park(m.source().park()).map(Park::id).orElse(null) : null;
        log.write("DELIVERED", actor, m.uscc(), m.requestId(), targetPark, sourcePark, m.source().toString(),
                m.target().toString(), "export " + m.exportId());
    }

    /** The stored package, for the holding park's ADMIN to download again. */
    @Transactional
    public byte[] download(String exportId) {
        currentUser.require(Action.SHARING_MANAGE);
        UUID id;
        try {
            id = UUID.fromString(exportId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("export", exportId);
        }
        record Row(long request, byte[] pkg) {
        }
        Row row = db.one("select request_id, package from sharing_exports where export_id = ?",
                rs -> new Row(rs.getLong(1), rs.getBytes(2)), id)
                .orElseThrow(() -> ProblemException.notFound("export", exportId));
        try {
            sharing.visible(row.request());
        } catch (ProblemException e) {
            throw ProblemException.notFound("export", exportId);
        }
        if (sharing.firmOfCaller() != null) {
            throw ProblemException.notFound("export", exportId);
        }
        return row.pkg();
    }

    /** Exports of the caller's park (a region ADMIN: all). */
    @Transactional
    public java.util.List<ExportView> exports() {
        currentUser.require(Action.SHARING_MANAGE);
        Integer park = sharing.scopePark();
        return db.list("select x.export_id, x.request_id, r.uscc, r.requester_park, r.requester_installation,"
                + " r.consent_expires, x.created_at, x.delivered_at from sharing_exports x join sharing_requests r"
                + " on r.id = x.request_id where (cast(? as integer) is null or r.park_id = ?) order by x.created_at desc"
                + " limit 200", rs -> new ExportView(rs.getString(1), rs.getLong(2), rs.getString(3),
                        SharingService.side(rs.getString(4), rs.getString(5)), Db.date(rs, "consent_expires"),
                        Db.instant(rs, "created_at"), rs.getTimestamp(8) != null, null), park, park);
    }
}
