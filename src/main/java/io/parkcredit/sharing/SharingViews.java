package io.parkcredit.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the sharing API and pages show and take (records on the wire). */
public final class SharingViews {

    private SharingViews() {
    }

    /** A request, as the side that reads it holds it. */
    public record RequestView(long id, String ref, String direction, String uscc, String requesterInstallation,
            String requesterPark, String holderInstallation, String holderPark, String purpose, LocalDate periodFrom,
            LocalDate periodTo, String status, LocalDate consentExpires, boolean consentLive, String refusalReason,
            String createdBy, Instant createdAt, String decidedBy, Instant decidedAt) {
    }

    /** A row of the sharing log (the firm reads every row about it). */
    public record LogLine(long id, Instant at, String uscc, String event, String actor, String fromPark,
            String toPark, String detail) {
    }

    /** An export, and whether it reached the receiving park. */
    public record ExportView(String exportId, long requestId, String uscc, String target, LocalDate consentExpires,
            Instant createdAt, boolean delivered, String deliveryProblem) {
    }

    /**
     * A package that arrived for a park: waiting ({@code DELIVERED}) or imported, how ({@code PROSPECT}: a
     * firm new to this installation, now a prospect of the park; {@code MERGED}: the park's own firm;
     * {@code VIEW}: a firm of another park here, kept as a read-only profile until the consent expires).
     */
    public record ImportView(long id, String exportId, String uscc, String park, String sourceInstallation,
            String sourcePark, LocalDate consentExpires, String status, String mode, Map<String, Long> rows,
            Map<String, String> profile, boolean viewExpired, Instant receivedAt, String importedBy,
            Instant importedAt, boolean acknowledged) {
    }

    public record PeerView(long id, String installationId, String name, String baseUrl, String publicKey,
            Instant createdAt, String createdBy) {
    }

    public record ParkView(String code, String name) {
    }

    /** This installation as a peer registers it. */
    public record InstallationView(String installationId, String publicKey, List<ParkView> parks) {
    }

    /** A request to make. {@code holdingInstallation} blank: a park of this installation. */
    public record NewRequest(String uscc, String holdingPark, String holdingInstallation, String receivingPark,
            String purpose, String periodFrom, String periodTo) {
    }

    public record ConsentInput(String expiresOn) {
    }

    public record RefusalInput(String reason) {
    }

    public record NewPeer(String installationId, String name, String baseUrl, String publicKey) {
    }
}
