package io.parkcredit.credit;

import io.parkcredit.classification.ClassificationRunner;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/**
 * What follows a change to an item (DOMAIN.md §8.2, §8.3): the firm and everyone who was told of
 * the item get a CORRECTION notice — the institutions its event alerted, the recipients of list
 * notices about the firm, the lender of a loan — and the firm's current draft classification is
 * decided again. Set-based; once per cause and recipient.
 */
@ApplicationScoped
public class Corrections {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    ClassificationRunner runner;

    @Inject
    CurrentUser currentUser;

    /** A correction notice on the wire and on the page. */
    public record CorrectionView(long id, String uscc, String name, String itemType, String itemRef, String cause,
            long causeId, String recipientKind, String recipient, String detail, Instant createdAt) {
    }

    /** Sends the notices and re-decides the draft lists; returns how many notices were sent. */
    int correct(String uscc, String itemType, String itemRef, Long eventId, String lender, String cause, long causeId,
            String detail, LocalDate today) {
        return correct(uscc, itemType, itemRef, eventId, lender, cause, causeId, detail, "", today);
    }

    /** As above; {@code firmOnly} is added to the firm's own notice (what the others must not read, e.g. its draft grade). */
    int correct(String uscc, String itemType, String itemRef, Long eventId, String lender, String cause, long causeId,
            String detail, String firmOnly, LocalDate today) {
        em.flush();
        int sent = em.createNativeQuery("""
                insert into credit_corrections (uscc, item_type, item_ref, cause, cause_id, recipient_kind, recipient, detail)
                select distinct ?1, ?2, ?3, ?4, ?5, x.kind, x.recipient,
                       case when x.kind = 'FIRM' then cast(?6 as text) || ?9 else cast(?6 as text) end from (
                    select 'FIRM' kind, cast(?1 as text) recipient
                    union all
                    select 'INSTITUTION', ai.institution_code from monitoring_alerts a
                    join monitoring_alert_institutions ai on ai.alert_id = a.id where a.event_id = ?7
                    union all
                    select case n.recipient_kind when 'BANK' then 'INSTITUTION' else 'MEMBER_UNIT' end, n.recipient
                    from classification_notices n where n.uscc = ?1
                    union all
                    select 'INSTITUTION', i.code from institutions i where i.code = ?8
                ) x
                on conflict do nothing""")
                .setParameter(1, uscc).setParameter(2, itemType).setParameter(3, itemRef).setParameter(4, cause)
                .setParameter(5, causeId).setParameter(6, detail).setParameter(7, eventId == null ? -1L : eventId)
                .setParameter(8, lender == null ? "" : lender).setParameter(9, firmOnly == null ? "" : firmOnly)
                .executeUpdate();
        reclassify(uscc, today);
        return sent;
    }

    /** The firm's entry in the draft runs of this year and the last, decided again from the registry as it is now. */
    List<Long> reclassify(String uscc, LocalDate today) {
        em.flush();
        try (Connection c = dataSource.getConnection()) {
            return runner.reclassifyInDrafts(c, uscc, today.getYear() - 1);
        } catch (SQLException e) {
            throw new IllegalStateException("re-deciding the draft lists failed: " + e.getMessage(), e);
        }
    }

    /** Notices the caller may read: a firm its own, an institution those sent to it, the park all. */
    @Transactional
    public PageResult<CorrectionView> list(String uscc, PageRequest page) {
        currentUser.require(Action.CORRECTIONS_READ);
        String where;
        Object param;
        if (currentUser.has(Role.ENTERPRISE)) {
            where = "c.recipient_kind = 'FIRM' and c.recipient = ?1";
            param = String.valueOf(currentUser.uscc());
        } else if (currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR)) {
            where = "c.recipient_kind = 'INSTITUTION' and c.recipient = ?1";
            param = String.valueOf(currentUser.institutionCode());
        } else {
            where = "(?1 = '' or c.uscc = ?1)";
            param = uscc == null ? "" : uscc.strip();
        }
        where = where + CreditAccess.inPark(currentUser, "c.uscc");
        long total = ((Number) em.createNativeQuery("select count(*) from credit_corrections c where " + where)
                .setParameter(1, param).getSingleResult()).longValue();
        List<CorrectionView> items = CreditSql.rows(em.createNativeQuery("select c.id, c.uscc, coalesce(e.name, ''),"
                + " c.item_type, c.item_ref, c.cause, c.cause_id, c.recipient_kind, c.recipient, c.detail, c.created_at"
                + " from credit_corrections c left join enterprises e on e.uscc = c.uscc where " + where
                + " order by c.id desc limit ?2 offset ?3").setParameter(1, param).setParameter(2, page.size())
                .setParameter(3, page.offset())).stream().map(r -> new CorrectionView(CreditSql.lng(r[0]), (String) r[1],
                        (String) r[2], (String) r[3], (String) r[4], (String) r[5], CreditSql.lng(r[6]), (String) r[7],
                        (String) r[8], (String) r[9], CreditSql.instant(r[10]))).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }
}
