package io.parkcredit.sharing;

import io.parkcredit.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes a step of the sharing flow twice: a row of the sharing log, which the firm reads, and an
 * audit line (DOMAIN.md §1), both in the caller's transaction.
 */
@ApplicationScoped
class SharingLog {

    @Inject
    Db db;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * @param park     the park of this installation the step belongs to (null: none here)
     * @param peerPark the other park, when it is a park of this installation too
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void write(String event, String actor, String uscc, UUID ref, Integer park, Integer peerPark, String from,
            String to, String detail) {
        db.update("insert into sharing_log (at, uscc, park_id, peer_park_id, request_ref, event, actor, from_park,"
                + " to_park, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", clock.instant(), uscc, park, peerPark, ref,
                event, actor, from, to, detail);
        audit.recordAs(actor, "SHARING_" + event, "sharing-request", ref == null ? uscc : ref.toString(),
                uscc + ": " + from + " → " + to + (detail == null ? "" : "; " + detail), null);
    }
}
