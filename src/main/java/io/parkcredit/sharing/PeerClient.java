package io.parkcredit.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Signed calls to peer installations (their {@code /api/sharing/peer/…} routes). */
@ApplicationScoped
class PeerClient {

    private static final Logger LOG = Logger.getLogger(PeerClient.class);

    static final String REQUESTS = "/api/sharing/peer/requests";
    static final String PACKAGES = "/api/sharing/peer/packages";
    static final String ACKNOWLEDGEMENTS = "/api/sharing/peer/acknowledgements";

    @Inject
    Db db;

    @Inject
    Installation installation;

    @Inject
    SharingConfig config;

    @Inject
    Clock clock;

    private volatile HttpClient http;

    /** A registered peer installation. */
    record Peer(String installationId, String name, String baseUrl, String publicKey) {
    }

    Optional<Peer> peer(String installationId) {
        return db.one("select installation_id, name, base_url, public_key from sharing_peers where installation_id = ?",
                rs -> new Peer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), installationId);
    }

    byte[] json(Map<String, Object> body) {
        try {
            return SharingPackage.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts a signed body to a peer; its answer when 2xx, else 502 with what the peer said (a refusal
     * of the peer is its problem+json detail).
     */
    String post(Peer peer, String path, byte[] body) {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        String nonce = UUID.randomUUID().toString();
        String me = installation.id();
        byte[] sig = installation.sign(PeerSignature.signedText("POST", path, me, ts, nonce, body));
        HttpRequest req = HttpRequest.newBuilder(URI.create(peer.baseUrl() + path)).timeout(config.peerTimeout())
                .header("Content-Type", path.equals(PACKAGES) ? "application/zip" : "application/json")
                .header(PeerSignature.INSTALLATION, me).header(PeerSignature.TIMESTAMP, ts)
                .header(PeerSignature.NONCE, nonce)
                .header(PeerSignature.SIGNATURE, Base64.getEncoder().encodeToString(sig))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> res = client().send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 == 2) {
                return res.body();
            }
            String said = res.body() == null ? "" : res.body().substring(0, Math.min(500, res.body().length()));
            LOG.warnf("peer %s refused %s: %d %s", peer.installationId(), path, res.statusCode(), said);
            throw Refusal.PEER_FAILED.problem("peer " + peer.installationId() + " answered " + res.statusCode() + ": "
                    + said, Map.of("peer", peer.installationId(), "peerStatus", res.statusCode()));
        } catch (IOException e) {
            throw Refusal.PEER_FAILED.problem("peer " + peer.installationId() + " unreachable: " + e.getMessage(),
                    Map.of("peer", peer.installationId()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refusal.PEER_FAILED.problem("interrupted", Map.of("peer", peer.installationId()));
        }
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            c = HttpClient.newBuilder().connectTimeout(config.peerTimeout()).build();
            http = c;
        }
        return c;
    }

    /** Whether an exception is a refusal by the peer (not something to report as our failure). */
    static boolean peerFailure(ProblemException e) {
        return Refusal.PEER_FAILED.code.equals(e.code());
    }
}
