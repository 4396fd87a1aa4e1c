package io.parkcredit.screening;

import io.parkcredit.security.Action;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.security.AuditLog;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** The officer's shortlist of a saved screening: the prospects to court, with a note each. */
@ApplicationScoped
public class ShortlistService {

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    public record Entry(String uscc, String name, String industryCode, String note, String addedBy) {
    }

    @Transactional
    public List<Entry> add(long screeningId, String usccText, String note) {
        currentUser.require(Action.SCREENING);
        String uscc;
        try {
            uscc = Uscc.parse(usccText).value();
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("uscc", e.getMessage());
        }
        int park = requireScreening(screeningId);
        // a prospect of the screening's park (DOMAIN.md §10.3)
        Number prospect = (Number) em.createNativeQuery(
                "select count(*) from enterprises where uscc = ?1 and not in_park and park_id = ?2")
                .setParameter(1, uscc).setParameter(2, park).getSingleResult();
        if (prospect.intValue() == 0) {
            throw ProblemException.invalid("uscc", "no prospect (in_park = false) " + uscc);
        }
        em.createNativeQuery("insert into shortlist (screening_id, uscc, note, added_by) values (?1, ?2, ?3, ?4)"
                + " on conflict (screening_id, uscc) do update set note = excluded.note")
                .setParameter(1, screeningId).setParameter(2, uscc).setParameter(3, note)
                .setParameter(4, audit.actor()).executeUpdate();
        audit.record("SHORTLISTED", "screening", screeningId + "/" + uscc, note, null);
        return list(screeningId);
    }

    @Transactional
    public List<Entry> remove(long screeningId, String uscc) {
        currentUser.require(Action.SCREENING);
        requireScreening(screeningId);
        em.createNativeQuery("delete from shortlist where screening_id = ?1 and uscc = ?2")
                .setParameter(1, screeningId).setParameter(2, uscc).executeUpdate();
        audit.record("SHORTLIST_REMOVED", "screening", screeningId + "/" + uscc, null, null);
        return list(screeningId);
    }

    @Transactional
    public List<Entry> list(long screeningId) {
        currentUser.require(Action.SCREENING);
        requireScreening(screeningId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select s.uscc, e.name, e.industry_code, s.note, s.added_by from shortlist s
                join enterprises e on e.uscc = s.uscc where s.screening_id = ?1 order by s.added_at, s.uscc""")
                .setParameter(1, screeningId).getResultList();
        return rows.stream().map(r -> new Entry((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4])).toList();
    }

    /** The park of a screening of the caller's parks; 404 for one of another park, as for a missing one. */
    private int requireScreening(long id) {
        @SuppressWarnings("unchecked")
        List<Number> park = em.createNativeQuery("select park_id from screenings where id = ?1"
                + " and (?2 = 0 or park_id = ?2)").setParameter(1, id)
                .setParameter(2, currentUser.parks().regionWide() ? 0 : currentUser.parks().park().value()).getResultList();
        if (park.isEmpty()) {
            throw ProblemException.notFound("screening", Long.toString(id));
        }
        return park.get(0).intValue();
    }
}
