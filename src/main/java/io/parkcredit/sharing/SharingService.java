package io.parkcredit.sharing;

import io.parkcredit.enterprise.Uscc;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import io.parkcredit.sharing.SharingViews.ConsentInput;
import io.parkcredit.sharing.SharingViews.InstallationView;
import io.parkcredit.sharing.SharingViews.LogLine;
import io.parkcredit.sharing.SharingViews.NewPeer;
import io.parkcredit.sharing.SharingViews.NewRequest;
import io.parkcredit.sharing.SharingViews.ParkView;
import io.parkcredit.sharing.SharingViews.PeerView;
import io.parkcredit.sharing.SharingViews.RefusalInput;
import io.parkcredit.sharing.SharingViews.RequestView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests for a firm's data between parks, the firm's consent, the trusted peers and the log
 * (DOMAIN.md §10.3). Rights are decided here, for the pages and the API alike: an ADMIN acts for its
 * park (a region ADMIN for any, naming it), the firm's ENTERPRISE user alone consents, and outside
 * one's park or firm a request is as if it did not exist (404).
 */
@ApplicationScoped
public class SharingService {

    static final String REQUEST_COLUMNS = "id, ref, direction, uscc, requester_installation, requester_park,"
            + " holder_installation, holder_park, purpose, period_from, period_to, status, consent_expires,"
            + " refusal_reason, created_by, created_at, decided_by, decided_at, park_id";

    @Inject
    CurrentUser currentUser;

    @Inject
    Db db;

    @Inject
    SharingLog log;

    @Inject
    Installation installation;

    @Inject
    PeerClient peers;

    @Inject
    SharingConfig config;

    @Inject
    Clock clock;

    /** A park of this installation. */
    record Park(int id, String code, String name) {
        @Override
        public String toString() {
            return code;
        }
    }

    Optional<Park> park(String code) {
        return db.one("select id, code, name from parks where code = ?", rs -> new Park(rs.getInt(1), rs.getString(2),
                rs.getString(3)), code);
    }

    Park park(int id) {
        return db.one("select id, code, name from parks where id = ?", rs -> new Park(rs.getInt(1), rs.getString(2),
                rs.getString(3)), id).orElseThrow();
    }

    /** This installation's id, parks and public key: what a peer registers. */
    @Transactional
    public InstallationView installation() {
        currentUser.require(Action.SHARING_INSTALLATION_READ);
        return new InstallationView(installation.id(), installation.publicKey(), db.list(
                "select code, name from parks order by id", rs -> new ParkView(rs.getString(1), rs.getString(2))));
    }

    // ---- requests

    /**
     * The receiving park's ADMIN asks the holding park for a firm's data. Within this installation both
     * sides are written here; a peer's park gets its side by a signed call first, and nothing is kept
     * here unless the peer accepted it.
     */
    public RequestView request(NewRequest in) {
        currentUser.require(Action.SHARING_MANAGE);
        if (in == null) {
            throw ProblemException.invalid("uscc", "required");
        }
        String uscc = uscc(in.uscc());
        Park receiving = actingPark(in.receivingPark(), "receivingPark");
        String holdingCode = Text.required("holdingPark", in.holdingPark(), 32).toUpperCase(java.util.Locale.ROOT);
        String purpose = Text.required("purpose", in.purpose(), 500);
        LocalDate from = date("periodFrom", in.periodFrom());
        LocalDate to = date("periodTo", in.periodTo());
        if (to.isBefore(from)) {
            throw ProblemException.invalid("periodTo", "before periodFrom " + from);
        }
        String holderInstallation = Text.optional("holdingInstallation", in.holdingInstallation(), 64);
        UUID ref = UUID.randomUUID();
        String me = installation.id();
        String actor = currentUser.name();
        if (holderInstallation == null || holderInstallation.equals(me)) {
            Park holding = park(holdingCode).orElseThrow(() -> ProblemException.invalid("holdingPark",
                    "no park " + holdingCode + " in this installation"));
            if (holding.id() == receiving.id()) {
                throw ProblemException.invalid("holdingPark", "the firm's data is already in park " + holding.code());
            }
            return QuarkusTransaction.requiringNew().call(() -> {
                boolean held = db.one("select 1 from enterprises where uscc = ? and park_id = ?", rs -> 1, uscc,
                        holding.id()).isPresent();
                if (!held) {
                    throw ProblemException.notFound("enterprise", uscc + " in park " + holding.code());
                }
                long out = insertRequest(ref, "OUTBOUND", receiving.id(), uscc, me, receiving.code(), me, holding.code(),
                        purpose, from, to, actor);
                insertRequest(ref, "INBOUND", holding.id(), uscc, me, receiving.code(), me, holding.code(), purpose, from,
                        to, actor);
                log.write("REQUESTED", actor, uscc, ref, receiving.id(), holding.id(), side(holding.code(), me),
                        side(receiving.code(), me), purpose);
                return byId(out);
            });
        }
        PeerClient.Peer peer = peers.peer(holderInstallation)
                .orElseThrow(() -> ProblemException.invalid("holdingInstallation", "not a registered peer installation"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", ref.toString());
        body.put("uscc", uscc);
        body.put("requesterPark", receiving.code());
        body.put("requesterParkName", receiving.name());
        body.put("holdingPark", holdingCode);
        body.put("purpose", purpose);
        body.put("periodFrom", from.toString());
        body.put("periodTo", to.toString());
        body.put("requestedBy", actor);
        peers.post(peer, PeerClient.REQUESTS, peers.json(body));
        return QuarkusTransaction.requiringNew().call(() -> {
            long out = insertRequest(ref, "OUTBOUND", receiving.id(), uscc, me, receiving.code(), holderInstallation,
                    holdingCode, purpose, from, to, actor);
            log.write("REQUESTED", actor, uscc, ref, receiving.id(), null, side(holdingCode, holderInstallation),
                    side(receiving.code(), me), purpose);
            return byId(out);
        });
    }

    long insertRequest(UUID ref, String direction, int park, String uscc, String requesterInst, String requesterPark,
            String holderInst, String holderPark, String purpose, LocalDate from, LocalDate to, String createdBy) {
        return db.one("insert into sharing_requests (ref, direction, park_id, uscc, requester_installation,"
                + " requester_park, holder_installation, holder_park, purpose, period_from, period_to, status,"
                + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) returning id",
                rs -> rs.getLong(1), ref, direction, park, uscc, requesterInst, requesterPark, holderInst, holderPark,
                purpose, from, to, createdBy, clock.instant()).orElseThrow();
    }

    /** Requests the caller may see: an ADMIN its park's (both directions), the firm those about it. */
    @Transactional
    public List<RequestView> requests(String direction, String status) {
        currentUser.require(Action.SHARING_LOG_READ);
        String dir = direction == null || direction.isBlank() ? null : direction.strip().toUpperCase(java.util.Locale.ROOT);
        String st = status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (dir != null && !dir.equals("OUTBOUND") && !dir.equals("INBOUND")) {
            throw ProblemException.invalid("direction", "OUTBOUND or INBOUND");
        }
        if (st != null && !List.of("PENDING", "GRANTED", "REFUSED", "IMPORTED").contains(st)) {
            throw ProblemException.invalid("status", "PENDING, GRANTED, REFUSED or IMPORTED");
        }
        String firm = firmOfCaller();
        return db.list("select " + REQUEST_COLUMNS + " from sharing_requests where (cast(? as integer) is null or park_id = ?)"
                + " and (cast(? as varchar) is null or (uscc = ? and direction = 'INBOUND'))"
                + " and (cast(? as varchar) is null or direction = ?) and (cast(? as varchar) is null or status = ?)"
                + " order by id desc limit 500", this::view, scopePark(), scopePark(), firm, firm, dir, dir, st, st);
    }

    @Transactional
    public RequestView request(long id) {
        currentUser.require(Action.SHARING_LOG_READ);
        return visible(id);
    }

    /** The request if the caller may see it, else 404 (as an unknown id). */
    RequestView visible(long id) {
        RequestView r = db.one("select " + REQUEST_COLUMNS + " from sharing_requests where id = ?", this::view, id)
                .orElseThrow(() -> ProblemException.notFound("sharing request", String.valueOf(id)));
        String firm = firmOfCaller();
        int park = db.one("select park_id from sharing_requests where id = ?", rs -> rs.getInt(1), id).orElseThrow();
        if (!currentUser.parks().includes(park) || (firm != null && (!firm.equals(r.uscc())
                || !r.direction().equals("INBOUND")))) {
            throw ProblemException.notFound("sharing request", String.valueOf(id));
        }
        return r;
    }

    RequestView byId(long id) {
        return db.one("select " + REQUEST_COLUMNS + " from sharing_requests where id = ?", this::view, id).orElseThrow();
    }

    // ---- consent

    /** The firm grants an inbound request until a day (at most parkcredit.sharing.max-consent-days ahead). */
    @Transactional
    public RequestView consent(long id, ConsentInput in) {
        currentUser.require(Action.SHARING_CONSENT);
        RequestView r = ownInbound(id);
        LocalDate today = LocalDate.now(clock);
        LocalDate until = date("expiresOn", in == null ? null : in.expiresOn());
        if (until.isBefore(today)) {
            throw ProblemException.invalid("expiresOn", "in the past (today is " + today + ")");
        }
        if (until.isAfter(today.plusDays(config.maxConsentDays()))) {
            throw ProblemException.invalid("expiresOn", "at most " + config.maxConsentDays() + " days ahead, "
                    + today.plusDays(config.maxConsentDays()));
        }
        decide(r, "GRANTED", until, null);
        log.write("CONSENTED", currentUser.name(), r.uscc(), UUID.fromString(r.ref()), parkOf(id), peerPark(r),
                side(r.holderPark(), r.holderInstallation()), side(r.requesterPark(), r.requesterInstallation()),
                "until " + until);
        return byId(id);
    }

    /** The firm refuses an inbound request, with its reason. */
    @Transactional
    public RequestView refuse(long id, RefusalInput in) {
        currentUser.require(Action.SHARING_CONSENT);
        RequestView r = ownInbound(id);
        String reason = Text.required("reason", in == null ? null : in.reason(), 500);
        decide(r, "REFUSED", null, reason);
        log.write("REFUSED", currentUser.name(), r.uscc(), UUID.fromString(r.ref()), parkOf(id), peerPark(r),
                side(r.holderPark(), r.holderInstallation()), side(r.requesterPark(), r.requesterInstallation()), reason);
        return byId(id);
    }

    private RequestView ownInbound(long id) {
        RequestView r = visible(id);
        if (!r.direction().equals("INBOUND")) {
            throw ProblemException.notFound("sharing request", String.valueOf(id));
        }
        if (!r.status().equals("PENDING")) {
            throw Refusal.NOT_PENDING.problem("request " + id + " is already " + r.status(), Map.of("status", r.status()));
        }
        return r;
    }

    /** Both sides of a request between two parks here move together; a peer's side learns it from the package. */
    private void decide(RequestView r, String status, LocalDate until, String reason) {
        int n = db.update("update sharing_requests set status = ?, consent_expires = ?, refusal_reason = ?, decided_by = ?,"
                + " decided_at = ?, version = version + 1 where ref = cast(? as uuid) and status = 'PENDING'", status,
                until, reason, currentUser.name(), clock.instant(), r.ref());
        if (n == 0) {
            throw Refusal.NOT_PENDING.problem("request " + r.id() + " was decided meanwhile");
        }
    }

    // ---- log

    /** The sharing log: the firm's rows for its user, the park's rows for its ADMIN, all for a region ADMIN. */
    @Transactional
    public List<LogLine> log(String ucssFilter) {
        currentUser.require(Action.SHARING_LOG_READ);
        String firm = firmOfCaller();
        String filter = firm != null ? firm : ucssFilter == null || ucssFilter.isBlank() ? null : uscc(ucssFilter);
        Integer park = firm != null ? null : scopePark();
        return db.list("select id, at, uscc, event, actor, from_park, to_park, detail from sharing_log"
                + " where (cast(? as varchar) is null or uscc = ?)"
                + " and (cast(? as integer) is null or park_id = ? or peer_park_id = ?) order by id desc limit 1000",
                rs -> new LogLine(rs.getLong(1), Db.instant(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)), filter, filter, park, park, park);
    }

    // ---- peers

    @Transactional
    public List<PeerView> peers() {
        currentUser.require(Action.SHARING_PEERS_MANAGE);
        requireRegion();
        return db.list("select id, installation_id, name, base_url, public_key, created_at, created_by from sharing_peers"
                + " order by id", rs -> new PeerView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Db.instant(rs, "created_at"), rs.getString(7)));
    }

    /** A region ADMIN registers (or re-registers) a trusted installation. */
    @Transactional
    public PeerView registerPeer(NewPeer in) {
        currentUser.require(Action.SHARING_PEERS_MANAGE);
        requireRegion();
        if (in == null) {
            throw ProblemException.invalid("installationId", "required");
        }
        String id = Text.required("installationId", in.installationId(), 64);
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw ProblemException.invalid("installationId", "letters, digits, '.', '_' and '-'");
        }
        if (id.equals(installation.id())) {
            throw ProblemException.invalid("installationId", "this installation itself");
        }
        String name = Text.required("name", in.name(), 100);
        String url = Text.required("baseUrl", in.baseUrl(), 300);
        try {
            URI u = URI.create(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("baseUrl", "an http or https URL");
        }
        String key = Text.required("publicKey", in.publicKey(), 200);
        if (Ed25519.publicKey(key) == null) {
            throw ProblemException.invalid("publicKey", "not an Ed25519 public key (X.509, base64)");
        }
        db.update("insert into sharing_peers (installation_id, name, base_url, public_key, created_at, created_by)"
                + " values (?, ?, ?, ?, ?, ?) on conflict (installation_id) do update set name = excluded.name,"
                + " base_url = excluded.base_url, public_key = excluded.public_key, created_at = excluded.created_at,"
                + " created_by = excluded.created_by", id, name, url.replaceAll("/+$", ""), key.strip(), clock.instant(),
                currentUser.name());
        currentUserAudit("SHARING_PEER_REGISTERED", id, name + " " + url);
        return peers().stream().filter(p -> p.installationId().equals(id)).findFirst().orElseThrow();
    }

    @Inject
    io.parkcredit.security.AuditLog audit;

    private void currentUserAudit(String action, String key, String detail) {
        audit.record(action, "sharing-peer", key, detail, null);
    }

    // ---- helpers

    private void requireRegion() {
        if (!currentUser.parks().regionWide()) {
            throw ProblemException.forbidden("only a region-wide ADMIN registers peer installations");
        }
    }

    /** The park an ADMIN acts for: its own, or for a region ADMIN the one it names. */
    Park actingPark(String code, String field) {
        Integer own = currentUser.parks().sqlParam();
        if (own != null) {
            return park(own);
        }
        String c = Text.required(field, code, 32).toUpperCase(java.util.Locale.ROOT);
        return park(c).orElseThrow(() -> ProblemException.invalid(field, "no park " + c + " in this installation"));
    }

    /** The caller's park for filtering (null: region-wide). */
    Integer scopePark() {
        return currentUser.parks().sqlParam();
    }

    /** The firm of an ENTERPRISE caller, else null. */
    String firmOfCaller() {
        return currentUser.has(io.parkcredit.security.Role.ENTERPRISE) ? String.valueOf(currentUser.uscc()) : null;
    }

    int parkOf(long requestId) {
        return db.one("select park_id from sharing_requests where id = ?", rs -> rs.getInt(1), requestId).orElseThrow();
    }

    /** The other side's park when it is a park of this installation. */
    Integer peerPark(RequestView r) {
        boolean inbound = r.direction().equals("INBOUND");
        String inst = inbound ? r.requesterInstallation() : r.holderInstallation();
        if (!inst.equals(installation.id())) {
            return null;
        }
        return park(inbound ? r.requesterPark() : r.holderPark()).map(Park::id).orElse(null);
    }

    static String side(String park, String inst) {
        return park + "@" + inst;
    }

    static String uscc(String text) {
        try {
            return Uscc.parse(text).value();
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("uscc", e.getMessage());
        }
    }

    static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, "required");
        }
        try {
            return ParkDates.parse(Text.required(field, text, 40));
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    RequestView view(ResultSet rs) throws SQLException {
        LocalDate until = Db.date(rs, "consent_expires");
        String status = rs.getString("status");
        boolean live = until != null && !LocalDate.now(clock).isAfter(until) && !status.equals("REFUSED")
                && !status.equals("PENDING");
        return new RequestView(rs.getLong("id"), rs.getString("ref"), rs.getString("direction"), rs.getString("uscc"),
                rs.getString("requester_installation"), rs.getString("requester_park"),
                rs.getString("holder_installation"), rs.getString("holder_park"), rs.getString("purpose"),
                Db.date(rs, "period_from"), Db.date(rs, "period_to"), status, until, live,
                rs.getString("refusal_reason"), rs.getString("created_by"), Db.instant(rs, "created_at"),
                rs.getString("decided_by"), Db.instant(rs, "decided_at"));
    }
}
