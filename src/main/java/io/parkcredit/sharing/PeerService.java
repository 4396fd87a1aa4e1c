package io.parkcredit.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import io.parkcredit.sharing.SharingService.Park;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Calls from peer installations (DOMAIN.md §10.3): a request for a firm of one of our parks, a pushed
 * package for one of our parks, the acknowledgement of an import of a package we exported. No user
 * signs in for them; each is accepted only with a registered peer's valid signature over the body, a
 * timestamp within the allowed skew, and a nonce not seen before.
 */
@ApplicationScoped
public class PeerService {

    @Inject
    CurrentUser currentUser;

    @Inject
    Db db;

    @Inject
    PeerClient peers;

    @Inject
    SharingService sharing;

    @Inject
    SharingExports exports;

    @Inject
    SharingLog log;

    @Inject
    Installation installation;

    @Inject
    SharingConfig config;

    @Inject
    Clock clock;

    /** The signed headers of a call. */
    public record Signed(String installation, String timestamp, String nonce, String signature) {
    }

    /** The calling peer, or 403 for a call without a valid signature of a registered peer (or a replay). */
    PeerClient.Peer verify(Signed s, String path, byte[] body) {
        currentUser.require(Action.SHARING_PEER_CALL);
        if (s == null || s.installation() == null || s.timestamp() == null || s.nonce() == null || s.signature() == null
                || s.nonce().length() > 64 || s.installation().length() > 64) {
            throw Refusal.PEER_UNVERIFIED.problem("the call is not signed");
        }
        PeerClient.Peer peer = peers.peer(s.installation())
                .orElseThrow(() -> Refusal.PEER_UNVERIFIED.problem("the calling installation is not a registered peer"));
        long ts;
        try {
            ts = Long.parseLong(s.timestamp().strip());
        } catch (NumberFormatException e) {
            throw Refusal.PEER_UNVERIFIED.problem("the timestamp is not epoch seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - ts);
        if (skew > config.clockSkew().toSeconds()) {
            throw Refusal.PEER_UNVERIFIED.problem("the timestamp is " + skew + " s away from this installation's clock");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(s.signature().strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.PEER_UNVERIFIED.problem("the signature is not base64");
        }
        if (!Ed25519.verify(Ed25519.publicKey(peer.publicKey()), PeerSignature.signedText("POST", path,
                s.installation(), s.timestamp(), s.nonce(), body), sig)) {
            throw Refusal.PEER_UNVERIFIED.problem("the signature does not verify with the peer's registered key");
        }
        Instant now = clock.instant();
        db.update("delete from sharing_peer_nonces where received_at < ?", now.minus(config.clockSkew().multipliedBy(2)));
        int fresh = db.update("insert into sharing_peer_nonces (installation_id, nonce, received_at) values (?, ?, ?)"
                + " on conflict do nothing", s.installation(), s.nonce(), now);
        if (fresh == 0) {
            throw Refusal.PEER_UNVERIFIED.problem("the call was already received (replay)");
        }
        return peer;
    }

    static String actor(PeerClient.Peer peer) {
        return truncate("peer:" + peer.installationId(), 64);
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** A peer's park asks one of our parks for a firm's data: the inbound side of its request. */
    @Transactional
    public Map<String, Object> request(Signed s, byte[] body) {
        PeerClient.Peer peer = verify(s, PeerClient.REQUESTS, body);
        JsonNode n = json(body);
        UUID ref = uuid(n, "requestId");
        String uscc = SharingService.uscc(text(n, "uscc", 18));
        String requesterPark = Text.required("requesterPark", text(n, "requesterPark", 32), 32);
        String holdingCode = Text.required("holdingPark", text(n, "holdingPark", 32), 32);
        String purpose = Text.required("purpose", text(n, "purpose", 500), 500);
        LocalDate from = SharingService.date("periodFrom", text(n, "periodFrom", 40));
        LocalDate to = SharingService.date("periodTo", text(n, "periodTo", 40));
        if (to.isBefore(from)) {
            throw ProblemException.invalid("periodTo", "before periodFrom " + from);
        }
        String by = Text.optional("requestedBy", text(n, "requestedBy", 64), 64);
        Park holding = sharing.park(holdingCode).orElseThrow(() -> ProblemException.notFound("enterprise",
                uscc + " in park " + holdingCode));
        if (db.one("select 1 from enterprises where uscc = ? and park_id = ?", rs -> 1, uscc, holding.id()).isEmpty()) {
            throw ProblemException.notFound("enterprise", uscc + " in park " + holdingCode);
        }
        if (db.one("select 1 from sharing_requests where ref = ? and direction = 'INBOUND'", rs -> 1, ref).isPresent()) {
            throw ProblemException.conflict("sharing-request-exists", "request " + ref + " was already received");
        }
        String actor = actor(peer);
        long id = sharing.insertRequest(ref, "INBOUND", holding.id(), uscc, peer.installationId(), requesterPark,
                installation.id(), holding.code(), purpose, from, to, by == null ? actor : truncate(by + "@" + peer.installationId(), 100));
        log.write("REQUESTED", actor, uscc, ref, holding.id(), null, SharingService.side(holding.code(), installation.id()),
                SharingService.side(requesterPark, peer.installationId()), purpose);
        return Map.of("id", id, "requestId", ref.toString());
    }

    /** A peer pushes a package for one of our parks: it waits in that park's inbox until its ADMIN imports it. */
    @Transactional
    public Map<String, Object> deliver(Signed s, byte[] body) {
        PeerClient.Peer peer = verify(s, PeerClient.PACKAGES, body);
        SharingPackage.Unpacked p;
        try {
            p = SharingPackage.unpack(body, SharingPackage.Limits.of(config));
        } catch (SharingPackage.Malformed e) {
            throw Refusal.PACKAGE_MALFORMED.problem(e.getMessage());
        }
        Manifest m = p.manifest();
        if (!m.source().installation().equals(peer.installationId())) {
            throw Refusal.PEER_UNVERIFIED.problem("the package comes from another installation than the caller");
        }
        Park target = m.target().installation().equals(installation.id()) ? sharing.park(m.target().park()).orElse(null)
                : null;
        if (target == null) {
            throw Refusal.WRONG_TARGET.problem("the package is for " + m.target(), Map.of("target", m.target().toString()));
        }
        exports.deliverHere(m, body, target.id(), actor(peer));
        return Map.of("exportId", m.exportId().toString(), "park", target.code());
    }

    /** A peer says it imported a package we exported: the firm reads it in its log here. */
    @Transactional
    public Map<String, Object> acknowledge(Signed s, byte[] body) {
        PeerClient.Peer peer = verify(s, PeerClient.ACKNOWLEDGEMENTS, body);
        JsonNode n = json(body);
        UUID exportId = uuid(n, "exportId");
        record Row(UUID ref, String uscc, int park, String holderPark, String requesterInst, String requesterPark) {
        }
        Row r = db.one("select r.ref, r.uscc, r.park_id, r.holder_park, r.requester_installation, r.requester_park"
                + " from sharing_exports x join sharing_requests r on r.id = x.request_id where x.export_id = ?",
                rs -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), exportId)
                .filter(row -> row.requesterInst().equals(peer.installationId()))
                .orElseThrow(() -> ProblemException.notFound("export", exportId.toString()));
        String mode = Text.optional("mode", text(n, "mode", 10), 10);
        String parkName = Text.optional("parkName", text(n, "parkName", 100), 100);
        log.write("IMPORTED", actor(peer), r.uscc(), r.ref(), r.park(), null,
                SharingService.side(r.holderPark(), installation.id()),
                SharingService.side(r.requesterPark(), peer.installationId()),
                "export " + exportId + " imported by park " + r.requesterPark() + (parkName == null ? "" : " " + parkName)
                        + " of " + peer.name() + (mode == null ? "" : " as " + mode));
        return Map.of("exportId", exportId.toString());
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = SharingPackage.JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw ProblemException.badRequest("the body is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not JSON");
        }
    }

    private static String text(JsonNode n, String field, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ProblemException.invalid(field, "a string");
        }
        return Text.optional(field, v.asText(), max);
    }

    private static UUID uuid(JsonNode n, String field) {
        String t = text(n, field, 36);
        try {
            return UUID.fromString(Text.required(field, t, 36));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "a UUID");
        }
    }
}
