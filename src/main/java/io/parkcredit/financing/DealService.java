package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The institutions' side of a request (DOMAIN.md §7): the claim (one winner; the row is locked so
 * concurrent claims queue and all but the first get 409), the guarantor's commitment that sends a
 * MIXED request on to banks, offers, the firm's acceptance, disbursement and repayment.
 */
@ApplicationScoped
public class DealService {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    FinancingConfig config;

    @Inject
    FinancingAccess access;

    @Inject
    ProductService products;

    @Inject
    FinancingRows rows;

    @Inject
    LimitService limits;

    public record OfferInput(BigDecimal amount, BigDecimal rate, Integer termDays, LocalDate expiresOn, String note) {
    }

    public record OfferView(long id, long requestId, String institutionCode, BigDecimal amount, BigDecimal rate,
            int termDays, LocalDate expiresOn, String note, String status, Instant createdAt) {
        static OfferView of(FinancingOffer o) {
            return new OfferView(o.id, o.requestId, o.institutionCode, o.amount, o.rate, o.termDays, o.expiresOn, o.note,
                    o.status, o.createdAt);
        }
    }

    public record GuaranteeInput(String letterNo, BigDecimal amount, BigDecimal feeRate) {
    }

    public record DisbursementInput(LocalDate disbursedOn, BigDecimal amount) {
    }

    public record RepaymentInput(LocalDate repaidOn) {
    }

    /**
     * One winner: the claim is one conditional statement ({@link FinancingRows#claim}); every other
     * caller gets the reason it lost, read after the fact (404, 403, or 409 taken / on another leg).
     * The statement is atomic on its own: it needs no surrounding transaction (one round trip, no
     * transaction manager), and joins the caller's when there is one.
     */
    public RequestView claim(long id) {
        currentUser.require(Action.FINANCING_CLAIM);
        if (!access.isInstitution()) {
            throw ProblemException.forbidden("only a bank or guarantor the request was routed to may do this");
        }
        String inst = currentUser.institutionCode();
        Instant now = clock.instant();
        return rows.claim(id, inst, currentUser.name(), now, now.plus(config.claimWindow()))
                .orElseThrow(() -> {
                    FinancingRows.Refusal why = refused(id, inst);
                    FinancingRequest r = why.request();
                    if (r.status == RequestStatus.ROUTED && !why.onLeg()) {
                        return ProblemException.conflict("not-on-leg", "request " + id + " is now with " + r.route);
                    }
                    if (r.status == RequestStatus.ROUTED) {
                        BigDecimal more = why.requestedAmount();
                        Optional<LimitService.Breach> breach = limits.breach(inst, id, more);
                        if (breach.isPresent()) {
                            return LimitService.refusal(id, breach.get(), more);
                        }
                    }
                    r.claimBy(inst, now, config.claimWindow());
                    return ProblemException.conflict("changed", "request " + id + " changed while claiming; try again");
                });
    }

    /** The state of a request an institution's claim or offer did not change: 404 if missing, 403 if not routed to it. */
    private FinancingRows.Refusal refused(long id, String inst) {
        FinancingRows.Refusal why = rows.refusal(id, inst)
                .orElseThrow(() -> ProblemException.notFound("financing request", String.valueOf(id)));
        if (!why.routedTo()) {
            // a request of another park is as if it did not exist (DOMAIN.md §10.3); read only on refusal
            Integer park = access.requestPark(id);
            if (park != null && !currentUser.parks().includes(park)) {
                throw ProblemException.notFound("financing request", String.valueOf(id));
            }
            throw ProblemException.forbidden("financing request " + id + " is not yours to see");
        }
        return why;
    }

    @Transactional
    public RequestView commitGuarantee(long id, GuaranteeInput in) {
        currentUser.require(Action.FINANCING_GUARANTEE);
        List<FieldProblem> errors = new ArrayList<>();
        if (in == null) {
            throw ProblemException.invalid("body", "the guarantee letter is required");
        }
        FinancingInput.text(errors, "letterNo", in.letterNo(), 64);
        FinancingInput.money(errors, "amount", in.amount(), false);
        rate(errors, "feeRate", in.feeRate());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid guarantee", errors);
        }
        FinancingRequest r = access.forInstitution(id);
        if (!currentUser.has(Role.GUARANTOR)) {
            throw ProblemException.forbidden("a guarantee is committed by a guarantor");
        }
        if (in.amount().compareTo(r.requestedAmount) > 0) {
            throw ProblemException.invalid("amount", "must not exceed the requested amount " + r.requestedAmount);
        }
        String inst = currentUser.institutionCode();
        r.commitGuarantee(inst, in.letterNo().strip(), in.amount(), in.feeRate(), clock.instant(), config.pickupWindow());
        em.flush();
        List<String> banks = products.route(r, Route.BANKS, false);
        access.step(r.id, "GUARANTEED", inst, in.letterNo().strip());
        access.step(r.id, "ROUTED", null, "BANKS → " + String.join(",", banks));
        audit.record("FINANCING_GUARANTEED", "financing_request", String.valueOf(id),
                inst + " letter " + in.letterNo().strip() + " " + in.amount() + ", routed to " + banks, null);
        return access.view(r, null);
    }

    /** One statement, like the claim: the offer, the request's state, its step and audit line commit together. */
        public OfferView offer(long id, OfferInput in) {
        currentUser.require(Action.FINANCING_OFFER);
        LocalDate today = LocalDate.now(clock);
        List<FieldProblem> errors = new ArrayList<>();
        if (in == null) {
            throw ProblemException.invalid("body", "the offer is required");
        }
        FinancingInput.money(errors, "amount", in.amount(), false);
        rate(errors, "rate", in.rate());
        if (in.termDays() == null || in.termDays() < 1 || in.termDays() > FinancingInput.MAX_TERM_DAYS) {
            errors.add(FieldProblem.of("termDays", "must be between 1 and " + FinancingInput.MAX_TERM_DAYS));
        }
        if (in.expiresOn() == null || in.expiresOn().isBefore(today)) {
            errors.add(FieldProblem.of("expiresOn", "required, not before today " + today));
        }
        if (in.note() != null && in.note().length() > 500) {
            errors.add(FieldProblem.of("note", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid offer", errors);
        }
        String inst = currentUser.institutionCode();
        if (!access.isInstitution()) {
            throw ProblemException.forbidden("only a bank or guarantor the request was routed to may do this");
        }
        Instant now = clock.instant();
        String note = in.note() == null || in.note().isBlank() ? null : in.note().strip();
        return rows.offer(id, inst, currentUser.name(), now, in, note).orElseThrow(() -> {
            // why not: the same checks as the statement's conditions, in the order a caller expects them
            FinancingRows.Refusal why = refused(id, inst);
            FinancingRequest r = why.request();
            if (in.amount().compareTo(r.amount) > 0) {
                return ProblemException.invalid("amount", "must not exceed the receivable's amount " + r.amount);
            }
            if (inst.equals(r.claimedBy) && r.route == Route.BANKS
                    && (r.status == RequestStatus.CLAIMED || r.status == RequestStatus.OFFERED)) {
                BigDecimal held = why.heldAmount();
                BigDecimal after = r.status == RequestStatus.CLAIMED ? in.amount() : held.max(in.amount());
                BigDecimal more = after.subtract(held);
                Optional<LimitService.Breach> breach = limits.breach(inst, id, more);
                if (breach.isPresent()) {
                    return LimitService.refusal(id, breach.get(), more);
                }
            }
            r.recordOffer(inst, now);
            return ProblemException.conflict("changed", "request " + id + " changed while offering; try again");
        });
    }

    /** The offers on a request: the firm and the park all, an institution its own. */
    @Transactional
    public List<OfferView> offers(long id) {
        currentUser.require(Action.FINANCING_READ);
        access.visible(id, false);
        if (access.isInstitution()) {
            return FinancingOffer.<FinancingOffer>list("requestId = ?1 and institutionCode = ?2 order by id", id,
                    currentUser.institutionCode()).stream().map(OfferView::of).toList();
        }
        return FinancingOffer.<FinancingOffer>list("requestId = ?1 order by id", id).stream().map(OfferView::of).toList();
    }

    /**
     * The offers on a request compared on their total cost over the term (interest and the
     * guarantee's fee, annualised, {@link OfferCosts}); the cheapest open one is marked. Who may read
     * the offers may read their comparison.
     */
    @Transactional
    public List<OfferCosts.OfferCost> offerCosts(long id) {
        List<OfferView> offers = offers(id);
        FinancingRequest r = em.find(FinancingRequest.class, id);
        return OfferCosts.compare(offers, r.guaranteeAmount, r.guaranteeFeeRate);
    }

    /** The guarantee on a request as its readers see it (a bank on a MIXED request it receives): null without one. */
    public record GuaranteeInfo(String guarantorCode, String guarantorName, String letterNo, BigDecimal amount,
            BigDecimal feeRate) {
    }

    @Transactional
    public GuaranteeInfo guarantee(long id) {
        currentUser.require(Action.FINANCING_READ);
        FinancingRequest r = access.visible(id, false);
        if (r.guarantorCode == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object> name = em.createNativeQuery("select name from institutions where code = ?1")
                .setParameter(1, r.guarantorCode).getResultList();
        return new GuaranteeInfo(r.guarantorCode, name.isEmpty() ? null : (String) name.get(0), r.guaranteeLetterNo,
                r.guaranteeAmount, r.guaranteeFeeRate);
    }

    @Transactional
    public RequestView accept(long id, long offerId) {
        currentUser.require(Action.FINANCING_ACCEPT);
        FinancingRequest r = access.ownedBySeller(id);
        FinancingOffer o = FinancingOffer.findById(offerId);
        if (o == null || o.requestId != id) {
            throw ProblemException.notFound("offer", id + "/" + offerId);
        }
        if (!"OPEN".equals(o.status)) {
            throw ProblemException.conflict("offer-closed", "offer " + offerId + " is " + o.status);
        }
        if (o.expiresOn.isBefore(LocalDate.now(clock))) {
            throw ProblemException.conflict("offer-expired", "offer " + offerId + " expired on " + o.expiresOn,
                    "on", o.expiresOn);
        }
        r.accept(offerId, clock.instant());
        o.status = "ACCEPTED";
        // what the bank holds from now on: the accepted offer's amount
        em.createNativeQuery("update financing_requests set held_amount = ?1 where id = ?2")
                .setParameter(1, o.amount).setParameter(2, id).executeUpdate();
        em.createNativeQuery("update financing_offers set status = 'CLOSED' where request_id = ?1 and id <> ?2 and status = 'OPEN'")
                .setParameter(1, id).setParameter(2, offerId).executeUpdate();
        access.step(id, "ACCEPTED", o.institutionCode, "offer " + offerId);
        audit.record("FINANCING_ACCEPTED", "financing_request", String.valueOf(id),
                "offer " + offerId + " of " + o.institutionCode, null);
        return access.view(r);
    }

    @Transactional
    public RequestView disburse(long id, DisbursementInput in) {
        currentUser.require(Action.FINANCING_DISBURSE);
        LocalDate today = LocalDate.now(clock);
        FinancingRequest r = access.forInstitution(id);
        FinancingOffer o = r.acceptedOfferId == null ? null : FinancingOffer.findById(r.acceptedOfferId);
        LocalDate on = in == null || in.disbursedOn() == null ? today : in.disbursedOn();
        BigDecimal paid = in == null || in.amount() == null ? (o == null ? null : o.amount) : in.amount();
        if (on.isAfter(today)) {
            throw ProblemException.invalid("disbursedOn", "must not be in the future");
        }
        if (o != null) {
            List<FieldProblem> errors = new ArrayList<>();
            FinancingInput.money(errors, "amount", paid, false);
            if (errors.isEmpty() && paid.compareTo(o.amount) > 0) {
                errors.add(FieldProblem.of("amount", "must not exceed the accepted offer's " + o.amount));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("invalid disbursement", errors);
            }
        }
        String inst = currentUser.institutionCode();
        r.disburse(inst, paid, on, o == null ? 0 : o.termDays, clock.instant());
        access.step(id, "DISBURSED", inst, paid + " on " + on);
        audit.record("FINANCING_DISBURSED", "financing_request", String.valueOf(id), inst + " " + paid + " on " + on
                + ", repayment due " + r.repaymentDue, null);
        return access.view(r, null);
    }

    /**
     * Records the repayment. A repayment after the due day is an overdue repayment: its loan record
     * (made by the sweep, or here when the sweep has not run yet) carries the settlement day.
     */
    @Transactional
    public RequestView repay(long id, RepaymentInput in) {
        currentUser.require(Action.FINANCING_DISBURSE);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = in == null || in.repaidOn() == null ? today : in.repaidOn();
        if (on.isAfter(today)) {
            throw ProblemException.invalid("repaidOn", "must not be in the future");
        }
        FinancingRequest r = access.forInstitution(id);
        String inst = currentUser.institutionCode();
        r.repay(inst, on, clock.instant());
        if (on.isAfter(r.repaymentDue) || r.overdueLoanNo != null) {
            r.overdueLoanNo = r.loanNo();
            em.createNativeQuery("""
                    insert into loans (lender_code, loan_no, uscc, principal, start_date, due_date, settled_on)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (lender_code, loan_no) do update set settled_on = excluded.settled_on, updated_at = now()""")
                    .setParameter(1, inst).setParameter(2, r.loanNo()).setParameter(3, r.sellerUscc)
                    .setParameter(4, r.disbursedAmount).setParameter(5, Date.valueOf(r.disbursedOn))
                    .setParameter(6, Date.valueOf(r.repaymentDue)).setParameter(7, Date.valueOf(on)).executeUpdate();
        }
        access.step(id, "REPAID", inst, "on " + on);
        audit.record("FINANCING_REPAID", "financing_request", String.valueOf(id), inst + " repaid on " + on
                + (on.isAfter(r.repaymentDue) ? ", overdue since " + r.repaymentDue : ""), null);
        return access.view(r, null);
    }

    private static void rate(List<FieldProblem> errors, String field, BigDecimal rate) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 || rate.scale() > 4) {
            errors.add(FieldProblem.of(field, "a yearly rate in % between 0 and 100, at most 4 decimals"));
        }
    }
}
