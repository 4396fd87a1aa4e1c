package io.parkcredit.financing;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The clustered, idempotent sweep of DOMAIN.md §7: claims not acted on within their window go back
 * to the queue, and a repayment past its due day becomes a loan in arrears that the classification
 * sees (lender = the bank, loan number {@code FIN-<request id>}). Both are single set-based
 * statements; running them twice changes nothing more.
 */
@ApplicationScoped
public class FinancingSweep {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    FinancingConfig config;

    public record Swept(int released, int overdue) {
    }

    @Scheduled(identity = "financing-sweep", every = "${parkcredit.financing.sweep-every}")
    void scheduled() {
        sweep(clock.instant());
    }

    @Transactional
    public Swept sweep(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        LocalDate today = now.atZone(clock.getZone()).toLocalDate();
        int released = ((Number) em.createNativeQuery("""
                with expired as (
                    select id, claimed_by from financing_requests
                    where status = 'CLAIMED' and claim_deadline < ?1
                    for update skip locked),
                released as (
                    update financing_requests r set status = 'ROUTED', claimed_by = null, claimed_at = null,
                        claim_deadline = null, pickup_deadline = cast(?1 as timestamptz) + cast(?2 as interval), version = r.version + 1
                    from expired where r.id = expired.id
                    returning r.id, expired.claimed_by),
                steps as (
                    insert into financing_steps (request_id, step, institution_code, actor, at, detail)
                    select id, 'RELEASED', claimed_by, 'system', ?1, 'claim not acted on within its window' from released),
                audit as (
                    insert into audit_log (at, actor, action, target_type, target_key, detail)
                    select ?1, 'system', 'FINANCING_CLAIM_RELEASED', 'financing_request', cast(id as text),
                           claimed_by || ' did not act within the claim window' from released)
                select count(*) from released""")
                .setParameter(1, at).setParameter(2, config.pickupWindow().getSeconds() + " seconds")
                .getSingleResult()).intValue();
        int overdue = ((Number) em.createNativeQuery("""
                with due as (
                    select id, claimed_by, seller_uscc, disbursed_amount, disbursed_on, repayment_due
                    from financing_requests
                    where status = 'DISBURSED' and repayment_due < ?1 and overdue_loan_no is null
                    for update skip locked),
                loans_made as (
                    insert into loans (lender_code, loan_no, uscc, principal, start_date, due_date)
                    select claimed_by, 'FIN-' || id, seller_uscc, disbursed_amount, disbursed_on, repayment_due from due
                    on conflict (lender_code, loan_no) do nothing),
                marked as (
                    update financing_requests r set overdue_loan_no = 'FIN-' || r.id, version = r.version + 1
                    from due where r.id = due.id returning r.id, due.claimed_by, due.repayment_due),
                steps as (
                    insert into financing_steps (request_id, step, institution_code, actor, at, detail)
                    select id, 'OVERDUE', claimed_by, 'system', ?2, 'repayment due ' || repayment_due || ' not recorded'
                    from marked),
                audit as (
                    insert into audit_log (at, actor, action, target_type, target_key, detail)
                    select ?2, 'system', 'FINANCING_OVERDUE', 'financing_request', cast(id as text),
                           'loan FIN-' || id || ' of ' || claimed_by || ' in arrears since ' || repayment_due from marked)
                select count(*) from marked""")
                .setParameter(1, Date.valueOf(today)).setParameter(2, at).getSingleResult()).intValue();
        return new Swept(released, overdue);
    }
}
