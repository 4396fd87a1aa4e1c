package io.parkcredit.financing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.credit.ObjectionMarks;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Who may see and act on a request (DOMAIN.md §1, §7, §10.3): the park everything of its park (the
 * region everything; a request belongs to its seller's park), a firm its own
 * requests (and those where it is the debtor), a bank or guarantor only what was routed to it.
 * Also writes the step log that the funnel reads, and maps requests to their views.
 */
@ApplicationScoped
public class FinancingAccess {

    private static final TypeReference<List<CashFlowGrading.Factor>> FACTORS = new TypeReference<>() {
    };

    @Inject
    ObjectionMarks objectionMarks;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    boolean isPark() {
        return currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR);
    }

    boolean isInstitution() {
        return currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR);
    }

    /** Loads a request the caller may see, optionally locking its row for a change. */
    @Transactional(Transactional.TxType.MANDATORY)
    FinancingRequest visible(long id, boolean lock) {
        FinancingRequest r = lock ? em.find(FinancingRequest.class, id, LockModeType.PESSIMISTIC_WRITE)
                : em.find(FinancingRequest.class, id);
        if (r == null) {
            throw ProblemException.notFound("financing request", String.valueOf(id));
        }
        if (isPark()) {
            Integer park = currentUser.parks().sqlParam();
            if (park != null && !park.equals(sellerPark(r.sellerUscc))) {
                // outside one's park a request is as if it did not exist (DOMAIN.md §10.3)
                throw ProblemException.notFound("financing request", String.valueOf(id));
            }
            return r;
        }
        if (currentUser.has(Role.ENTERPRISE)) {
            String own = currentUser.uscc();
            if (own.equals(r.sellerUscc) || own.equals(r.debtorUscc)) {
                return r;
            }
        } else if (isInstitution() && routedTo(r.id, currentUser.institutionCode())) {
            return r;
        }
        Integer park = sellerPark(r.sellerUscc);
        if (park != null && !currentUser.parks().includes(park)) {
            throw ProblemException.notFound("financing request", String.valueOf(id));
        }
        throw ProblemException.forbidden("financing request " + id + " is not yours to see");
    }

    /** The request as its seller; 403 for anyone else (the debtor reads but does not act). */
    @Transactional(Transactional.TxType.MANDATORY)
    FinancingRequest ownedBySeller(long id) {
        FinancingRequest r = visible(id, true);
        if (!currentUser.has(Role.ENTERPRISE) || !currentUser.uscc().equals(r.sellerUscc)) {
            throw ProblemException.forbidden("only the firm that posted request " + id + " may do this");
        }
        return r;
    }

    /** The request as a routed institution on its current leg, locked for a change. */
    @Transactional(Transactional.TxType.MANDATORY)
    FinancingRequest forInstitution(long id) {
        FinancingRequest r = visible(id, true);
        if (!isInstitution()) {
            throw ProblemException.forbidden("only a bank or guarantor the request was routed to may do this");
        }
        return r;
    }

    /** The park of a request: its seller's. */
    Integer sellerPark(String sellerUscc) {
        List<?> park = em.createNativeQuery("select park_id from enterprises where uscc = ?1")
                .setParameter(1, sellerUscc).getResultList();
        return park.isEmpty() ? null : ((Number) park.get(0)).intValue();
    }

    /** The park of request {@code id} (its seller's), null if there is no such request. */
    Integer requestPark(long id) {
        List<?> park = em.createNativeQuery("select e.park_id from financing_requests r"
                + " join enterprises e on e.uscc = r.seller_uscc where r.id = ?1").setParameter(1, id).getResultList();
        return park.isEmpty() ? null : ((Number) park.get(0)).intValue();
    }

    boolean routedTo(long requestId, String institution) {
        return !em.createNativeQuery("select 1 from financing_routes where request_id = ?1 and institution_code = ?2")
                .setParameter(1, requestId).setParameter(2, institution).setMaxResults(1).getResultList().isEmpty();
    }

    /** Appends a step to the request's log (funnel, time-to-fund, claim history). */
    void step(long requestId, String step, String institution, String detail) {
        em.createNativeQuery("""
                insert into financing_steps (request_id, step, institution_code, actor, at, detail)
                values (?1, ?2, ?3, ?4, ?5, ?6)""").setParameter(1, requestId).setParameter(2, step)
                .setParameter(3, institution).setParameter(4, currentUser.name())
                .setParameter(5, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .setParameter(6, detail).executeUpdate();
    }

    String factorsJson(List<CashFlowGrading.Factor> factors) {
        try {
            return json.writeValueAsString(factors);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed factor lists by their stored text: a page of requests graded alike parses each text once. */
    private final java.util.concurrent.ConcurrentHashMap<String, List<CashFlowGrading.Factor>> parsedFactors =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The factors with the debtor's standing marked when the debtor's list or grade, or a record, loan
     * or statement they were decided from, has an objection being handled (DOMAIN.md §8.2). The other
     * factors come from the seller's flows and the confirmation, which are not objected to as items.
     */
    List<CashFlowGrading.Factor> marked(List<CashFlowGrading.Factor> factors, String debtorUscc) {
        if (factors.isEmpty() || debtorUscc == null || !objectionMarks.forFirm(debtorUscc).any(debtorUscc)) {
            return factors;
        }
        return factors.stream().map(f -> "DEBTOR_STANDING".equals(f.code()) ? f.markedUnderObjection() : f).toList();
    }

    List<CashFlowGrading.Factor> factors(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<CashFlowGrading.Factor> known = parsedFactors.get(text);
        if (known != null) {
            return known;
        }
        try {
            List<CashFlowGrading.Factor> parsed = List.copyOf(json.readValue(text, FACTORS));
            if (parsedFactors.size() >= 10_000) {
                parsedFactors.clear();
            }
            parsedFactors.put(text, parsed);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    RequestView view(FinancingRequest r) {
        List<String> routed = null;
        if (isPark() || (currentUser.has(Role.ENTERPRISE) && currentUser.uscc().equals(r.sellerUscc))) {
            @SuppressWarnings("unchecked")
            List<String> codes = em.createNativeQuery(
                    "select distinct institution_code from financing_routes where request_id = ?1 order by 1")
                    .setParameter(1, r.id).getResultList();
            routed = codes;
        }
        return view(r, routed);
    }

    RequestView view(FinancingRequest r, List<String> routed) {
        return new RequestView(r.id, r.sellerUscc, r.debtorUscc, r.debtorName, r.invoiceNo, r.invoiceDate, r.amount,
                r.dueDate, r.contractNo, r.requestedAmount, r.termDays, r.status, r.grade, r.score,
                marked(factors(r.factors), r.debtorUscc),
                r.route, r.reason, r.isDebtorConfirmed(), r.gradedOn, r.sellerList, r.postedAt, r.pickupDeadline,
                r.claimedBy, r.claimDeadline, r.guarantorCode, r.guaranteeLetterNo, r.guaranteeAmount, r.acceptedOfferId,
                r.disbursedAmount, r.disbursedOn, r.repaymentDue, r.repaidOn, r.overrideReason, routed, r.version);
    }
}
