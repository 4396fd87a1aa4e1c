package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.enterprise.EnterpriseService;
import io.parkcredit.enterprise.EnterpriseViews.Portrait;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A firm's consent, per request, for one bank or guarantor to open its credit portrait (DOMAIN.md
 * §1, §7). Every attempt to open it is logged, allowed or not; without a live consent it is 403.
 */
@ApplicationScoped
public class ConsentService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    FinancingAccess access;

    @Inject
    EnterpriseService enterprises;

    public record ConsentView(long requestId, String institutionCode, Instant grantedAt, String grantedBy,
            Instant revokedAt, String revokedBy, boolean active) {
    }

    public record AccessView(long requestId, String institutionCode, String username, boolean allowed, Instant at) {
    }

    /** What decided an attempt to open the portrait. */
    public record Decision(boolean allowed, String sellerUscc) {
    }

    @Transactional
    public ConsentView grant(long requestId, String institution) {
        currentUser.require(Action.FINANCING_CONSENT);
        FinancingRequest r = access.ownedBySeller(requestId);
        if (institution == null || !access.routedTo(r.id, institution.strip())) {
            throw ProblemException.invalid("institutionCode", "request " + requestId + " was not routed to " + institution);
        }
        String code = institution.strip();
        if (r.status.isFinal()) {
            throw ProblemException.conflict("request-closed", "request " + requestId + " is " + r.status
                    + "; a consent would open nothing");
        }
        em.createNativeQuery("""
                insert into financing_consents (request_id, institution_code, granted_at, granted_by)
                values (?1, ?2, ?3, ?4)
                on conflict (request_id, institution_code) do update
                set granted_at = excluded.granted_at, granted_by = excluded.granted_by, revoked_at = null, revoked_by = null""")
                .setParameter(1, requestId).setParameter(2, code)
                .setParameter(3, FinancingService.utc(clock.instant())).setParameter(4, currentUser.name()).executeUpdate();
        audit.record("FINANCING_CONSENT_GRANTED", "financing_request", String.valueOf(requestId), code, null);
        return consents(requestId).stream().filter(c -> c.institutionCode().equals(code)).findFirst().orElseThrow();
    }

    @Transactional
    public ConsentView revoke(long requestId, String institution) {
        currentUser.require(Action.FINANCING_CONSENT);
        access.ownedBySeller(requestId);
        int n = em.createNativeQuery("""
                update financing_consents set revoked_at = ?3, revoked_by = ?4
                where request_id = ?1 and institution_code = ?2 and revoked_at is null""")
                .setParameter(1, requestId).setParameter(2, institution)
                .setParameter(3, FinancingService.utc(clock.instant())).setParameter(4, currentUser.name()).executeUpdate();
        if (n == 0) {
            throw ProblemException.notFound("live consent", requestId + "/" + institution);
        }
        audit.record("FINANCING_CONSENT_REVOKED", "financing_request", String.valueOf(requestId), institution, null);
        return consents(requestId).stream().filter(c -> c.institutionCode().equals(institution)).findFirst().orElseThrow();
    }

    @Transactional
    public List<ConsentView> list(long requestId) {
        currentUser.require(Action.FINANCING_READ);
        access.visible(requestId, false);
        List<ConsentView> all = consents(requestId);
        return access.isInstitution()
                ? all.stream().filter(c -> c.institutionCode().equals(currentUser.institutionCode())).toList() : all;
    }

    /**
     * Logs the caller's attempt to open the seller's portrait through this request and says whether
     * a live consent allows it. Commits on its own, so a refused attempt stays in the log.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Decision attempt(long requestId) {
        currentUser.require(Action.FINANCING_PORTRAIT);
        FinancingRequest r = access.visible(requestId, false);
        if (!access.isInstitution()) {
            throw ProblemException.forbidden("the portrait is opened here by a bank or guarantor with the firm's consent");
        }
        String inst = currentUser.institutionCode();
        boolean consented = !em.createNativeQuery("""
                select 1 from financing_consents where request_id = ?1 and institution_code = ?2 and revoked_at is null""")
                .setParameter(1, requestId).setParameter(2, inst).getResultList().isEmpty();
        FinancingOffer accepted = r.acceptedOfferId == null ? null : FinancingOffer.findById(r.acceptedOfferId);
        boolean allowed = consented && stillOpensPortrait(r.status, inst, accepted == null ? null : accepted.institutionCode,
                r.guarantorCode);
        em.createNativeQuery("""
                insert into financing_portrait_access (request_id, institution_code, username, seller_uscc, allowed, at)
                values (?1, ?2, ?3, ?4, ?5, ?6)""").setParameter(1, requestId).setParameter(2, inst)
                .setParameter(3, currentUser.name()).setParameter(4, r.sellerUscc).setParameter(5, allowed)
                .setParameter(6, FinancingService.utc(clock.instant())).executeUpdate();
        audit.record(allowed ? "FINANCING_PORTRAIT_OPENED" : "FINANCING_PORTRAIT_REFUSED", "enterprise", r.sellerUscc,
                inst + " via request " + requestId, null);
        return new Decision(allowed, r.sellerUscc);
    }

    /**
     * Whether a live consent still opens the portrait to {@code institution} given where the request
     * stands: never once it is closed (REJECTED, WITHDRAWN, REPAID); once an offer is accepted (ACCEPTED,
     * DISBURSED) only to the bank of that offer and the guarantor that committed, who carry the risk
     * until repayment; before that to any institution the firm consented to.
     */
    static boolean stillOpensPortrait(RequestStatus status, String institution, String acceptedBank, String guarantor) {
        if (status.isFinal()) {
            return false;
        }
        if (status == RequestStatus.ACCEPTED || status == RequestStatus.DISBURSED) {
            return institution.equals(acceptedBank) || institution.equals(guarantor);
        }
        return true;
    }

    /** The seller's portrait for a consented institution; every attempt is logged first. */
    public Portrait portrait(long requestId) {
        Decision d = attempt(requestId);
        if (!d.allowed()) {
            throw ProblemException.forbidden("no live consent of the firm opens its portrait to your institution"
                    + " through request " + requestId + " (none given, revoked, or the request is closed)");
        }
        return enterprises.portraitByConsent(d.sellerUscc());
    }

    /** The access log of a request: the firm and the park read all of it, an institution its own. */
    @Transactional
    public List<AccessView> accesses(long requestId) {
        currentUser.require(Action.FINANCING_READ);
        access.visible(requestId, false);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_id, institution_code, username, allowed, at from financing_portrait_access
                where request_id = ?1 order by at desc, id desc""").setParameter(1, requestId).getResultList();
        return rows.stream().map(x -> new AccessView(((Number) x[0]).longValue(), (String) x[1], (String) x[2],
                (Boolean) x[3], instant(x[4])))
                .filter(a -> !access.isInstitution() || a.institutionCode().equals(currentUser.institutionCode()))
                .toList();
    }

    private List<ConsentView> consents(long requestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_id, institution_code, granted_at, granted_by, revoked_at, revoked_by
                from financing_consents where request_id = ?1 order by institution_code""")
                .setParameter(1, requestId).getResultList();
        return rows.stream().map(x -> new ConsentView(((Number) x[0]).longValue(), (String) x[1], instant(x[2]),
                (String) x[3], instant(x[4]), (String) x[5], x[4] == null)).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
