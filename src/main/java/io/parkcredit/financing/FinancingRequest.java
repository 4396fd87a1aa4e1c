package io.parkcredit.financing;

import io.parkcredit.shared.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A receivables financing request 应收账款融资申请 (DOMAIN.md §7): the receivable, its cash-flow
 * grade and route, and the steps of its life. Every change goes through a named method that checks
 * the current status and refuses an illegal step with a 409 naming the reason. Two people can act
 * at once (a bank and the firm), so the row carries a version.
 */
@Entity
@Table(name = "financing_requests")
public class FinancingRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "seller_uscc") public String sellerUscc;
    @Column(name = "debtor_uscc") public String debtorUscc;
    @Column(name = "debtor_name") public String debtorName;
    @Column(name = "invoice_no") public String invoiceNo;
    @Column(name = "invoice_date") public LocalDate invoiceDate;
    public BigDecimal amount;
    @Column(name = "due_date") public LocalDate dueDate;
    @Column(name = "contract_no") public String contractNo;
    @Column(name = "requested_amount") public BigDecimal requestedAmount;
    @Column(name = "term_days") public int termDays;

    @Enumerated(EnumType.STRING) public RequestStatus status;
    @Enumerated(EnumType.STRING) public Grade grade;
    public int score;
    /** The factors as JSON text ({@code [{code, points, detail}]}). */
    public String factors;
    public String reason;
    @Enumerated(EnumType.STRING) public Route route;
    @Column(name = "seller_list") public String sellerList;
    @Column(name = "graded_on") public LocalDate gradedOn;
    @Column(name = "debtor_confirmed_at") public Instant debtorConfirmedAt;
    @Column(name = "debtor_confirmed_by") public String debtorConfirmedBy;
    @Column(name = "override_reason") public String overrideReason;

    @Column(name = "posted_at") public Instant postedAt;
    @Column(name = "routed_at") public Instant routedAt;
    @Column(name = "pickup_deadline") public Instant pickupDeadline;
    @Column(name = "claimed_by") public String claimedBy;
    @Column(name = "claimed_at") public Instant claimedAt;
    @Column(name = "claim_deadline") public Instant claimDeadline;
    @Column(name = "first_claimed_at") public Instant firstClaimedAt;
    @Column(name = "offered_at") public Instant offeredAt;
    @Column(name = "guarantor_code") public String guarantorCode;
    @Column(name = "guarantee_letter_no") public String guaranteeLetterNo;
    @Column(name = "guarantee_amount") public BigDecimal guaranteeAmount;
    @Column(name = "guarantee_fee_rate") public BigDecimal guaranteeFeeRate;
    @Column(name = "guaranteed_at") public Instant guaranteedAt;
    @Column(name = "accepted_offer_id") public Long acceptedOfferId;
    @Column(name = "accepted_at") public Instant acceptedAt;
    @Column(name = "disbursed_amount") public BigDecimal disbursedAmount;
    @Column(name = "disbursed_on") public LocalDate disbursedOn;
    @Column(name = "disbursed_at") public Instant disbursedAt;
    @Column(name = "repayment_due") public LocalDate repaymentDue;
    @Column(name = "repaid_on") public LocalDate repaidOn;
    @Column(name = "repaid_at") public Instant repaidAt;
    @Column(name = "overdue_loan_no") public String overdueLoanNo;

    @Version
    public long version;

    /** The loan number an overdue repayment is recorded under in {@code loans}. */
    public String loanNo() {
        return "FIN-" + id;
    }

    public boolean isDebtorConfirmed() {
        return debtorConfirmedAt != null;
    }

    /** Sends the request to the institutions of a leg and opens the pickup window. */
    void routeTo(Route leg, Instant now, Duration pickupWindow) {
        require("routing", RequestStatus.REVIEW, RequestStatus.ROUTED);
        route = leg;
        status = RequestStatus.ROUTED;
        routedAt = routedAt == null ? now : routedAt;
        pickupDeadline = now.plus(pickupWindow);
    }

    /** A POOR request waits for the park (DOMAIN.md §7). */
    void holdForReview() {
        require("a review", RequestStatus.REVIEW, RequestStatus.ROUTED);
        route = Route.NONE;
        status = RequestStatus.REVIEW;
    }

    /** Takes the cash-flow grade; an unclaimed request follows its new route. */
    void regrade(int newScore, Grade newGrade, String factorsJson, LocalDate day) {
        require("regrading", RequestStatus.REVIEW, RequestStatus.ROUTED, RequestStatus.CLAIMED, RequestStatus.OFFERED);
        score = newScore;
        grade = newGrade;
        factors = factorsJson;
        gradedOn = day;
    }

    void confirmByDebtor(String who, Instant now) {
        require("debtor confirmation", RequestStatus.REVIEW, RequestStatus.ROUTED, RequestStatus.CLAIMED,
                RequestStatus.OFFERED);
        if (isDebtorConfirmed()) {
            throw ProblemException.conflict("already-confirmed", "request " + id + " was already confirmed by "
                    + debtorConfirmedBy);
        }
        debtorConfirmedAt = now;
        debtorConfirmedBy = who;
    }

    /** An ADMIN sends a POOR request on with a reason (DOMAIN.md §7). */
    void overrideReview(Route leg, String why, Instant now, Duration pickupWindow) {
        require("a park override", RequestStatus.REVIEW);
        overrideReason = why;
        routeTo(leg, now, pickupWindow);
    }

    /** One institution takes the request; the others get a 409 from here on. */
    void claimBy(String institution, Instant now, Duration claimWindow) {
        if (status == RequestStatus.CLAIMED || status == RequestStatus.OFFERED) {
            throw ProblemException.conflict("already-claimed", "request " + id + " is already claimed by "
                    + (institution.equals(claimedBy) ? "your institution" : "another institution"));
        }
        require("a claim", RequestStatus.ROUTED);
        status = RequestStatus.CLAIMED;
        claimedBy = institution;
        claimedAt = now;
        claimDeadline = now.plus(claimWindow);
        firstClaimedAt = firstClaimedAt == null ? now : firstClaimedAt;
    }

    /** The guarantor who claimed a MIXED request commits: the request goes to banks. */
    void commitGuarantee(String institution, String letterNo, BigDecimal coverage, BigDecimal feeRate, Instant now,
            Duration pickupWindow) {
        require("a guarantee commitment", RequestStatus.CLAIMED);
        requireClaimant(institution);
        if (route != Route.GUARANTORS) {
            throw ProblemException.conflict("illegal-transition", "request " + id + " is with banks, not guarantors");
        }
        guarantorCode = institution;
        guaranteeLetterNo = letterNo;
        guaranteeAmount = coverage;
        guaranteeFeeRate = feeRate;
        guaranteedAt = now;
        claimedBy = null;
        claimedAt = null;
        claimDeadline = null;
        status = RequestStatus.ROUTED;
        route = Route.BANKS;
        pickupDeadline = now.plus(pickupWindow);
    }

    /** The claiming bank makes an offer (several alternatives are allowed until one is accepted). */
    void recordOffer(String institution, Instant now) {
        require("an offer", RequestStatus.CLAIMED, RequestStatus.OFFERED);
        requireClaimant(institution);
        if (route != Route.BANKS) {
            throw ProblemException.conflict("illegal-transition", "request " + id
                    + " is with guarantors: a guarantor commits a guarantee, banks make offers");
        }
        status = RequestStatus.OFFERED;
        offeredAt = offeredAt == null ? now : offeredAt;
    }

    void accept(long offerId, Instant now) {
        require("accepting an offer", RequestStatus.OFFERED);
        status = RequestStatus.ACCEPTED;
        acceptedOfferId = offerId;
        acceptedAt = now;
        claimDeadline = null;
    }

    void disburse(String institution, BigDecimal paid, LocalDate on, int offerTermDays, Instant now) {
        require("a disbursement", RequestStatus.ACCEPTED);
        requireClaimant(institution);
        status = RequestStatus.DISBURSED;
        disbursedAmount = paid;
        disbursedOn = on;
        disbursedAt = now;
        repaymentDue = on.plusDays(offerTermDays);
    }

    void repay(String institution, LocalDate on, Instant now) {
        require("a repayment", RequestStatus.DISBURSED);
        requireClaimant(institution);
        if (on.isBefore(disbursedOn)) {
            throw ProblemException.invalid("repaidOn", "before the disbursement on " + disbursedOn);
        }
        status = RequestStatus.REPAID;
        repaidOn = on;
        repaidAt = now;
    }

    void withdraw() {
        require("a withdrawal", RequestStatus.REVIEW, RequestStatus.ROUTED, RequestStatus.CLAIMED, RequestStatus.OFFERED);
        status = RequestStatus.WITHDRAWN;
        claimDeadline = null;
    }

    private void requireClaimant(String institution) {
        if (!Objects.equals(claimedBy, institution)) {
            throw ProblemException.conflict("not-claimant", "request " + id + " is "
                    + (claimedBy == null ? "not claimed" : "claimed by another institution"));
        }
    }

    private void require(String step, RequestStatus... allowed) {
        if (Arrays.asList(allowed).contains(status)) {
            return;
        }
        throw ProblemException.conflict("illegal-transition", "request " + id + " is " + status + "; " + step
                + " needs " + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(" or ")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FinancingRequest r && Objects.equals(debtorUscc, r.debtorUscc)
                && Objects.equals(invoiceNo, r.invoiceNo) && Objects.equals(postedAt, r.postedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(debtorUscc, invoiceNo, postedAt);
    }
}
