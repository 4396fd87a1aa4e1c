package io.parkcredit.rating;

import io.parkcredit.security.Action;
import io.parkcredit.rating.RatingViews.PublishedView;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Published grades ({@code published_ratings}): public within the platform, so banks, guarantors
 * and investment officers see them while the applications behind them stay private.
 */
@ApplicationScoped
public class PublishedRatings {

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Transactional
    public PageResult<PublishedView> list(String uscc, LocalDate today, PageRequest page) {
        currentUser.require(Action.RATINGS_PUBLISHED_READ);
        Integer park = currentUser.parks().sqlParam();
        String where = (uscc == null || uscc.isBlank() ? " where true" : " where p.uscc = :uscc")
                + (park == null ? "" : " and e.park_id = " + park.intValue());
        Query count = em.createNativeQuery("select count(*) from published_ratings p join enterprises e on e.uscc = p.uscc"
                + where);
        Query rows = em.createNativeQuery("""
                select p.uscc, e.name, p.grade, p.score, p.valid_from, p.valid_until, p.revoked_on,
                       (p.valid_from <= :today and p.valid_until >= :today and (p.revoked_on is null or p.revoked_on > :today)),
                       (select a.id from rating_applications a where a.published_rating_id = p.id)
                from published_ratings p join enterprises e on e.uscc = p.uscc""" + where
                + " order by p.valid_from desc, p.id desc limit :limit offset :offset");
        if (uscc != null && !uscc.isBlank()) {
            count.setParameter("uscc", uscc.strip().toUpperCase());
            rows.setParameter("uscc", uscc.strip().toUpperCase());
        }
        rows.setParameter("today", today).setParameter("limit", page.size()).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        return new PageResult<>(found.stream().map(r -> new PublishedView((String) r[0], (String) r[1], (String) r[2],
                (BigDecimal) r[3], RatingService.date(r[4]), RatingService.date(r[5]), RatingService.date(r[6]),
                (Boolean) r[7], r[8] == null ? null : ((Number) r[8]).longValue())).toList(), page.page(), page.size(),
                ((Number) count.getSingleResult()).longValue());
    }
}
