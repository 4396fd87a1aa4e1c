package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * What the park and the regulator watch (DOMAIN.md §7): how many requests reached each stage
 * (posted → routed → claimed → offered → accepted → disbursed → repaid) and the time from posting
 * to disbursement per institution. One aggregate query each.
 */
@ApplicationScoped
public class FunnelService {

    public static final List<String> STAGES = List.of("POSTED", "ROUTED", "CLAIMED", "OFFERED", "ACCEPTED", "DISBURSED",
            "REPAID");

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    public record Stage(String stage, long count) {
    }

    public record TimeToFund(String institutionCode, String name, long funded, double avgHours, double medianHours,
            double maxHours) {
    }

    public record Funnel(LocalDate from, LocalDate to, List<Stage> stages, long rejected, long inReview,
            List<TimeToFund> timeToFund) {
    }

    /** The funnel of requests posted in [from, to] (Beijing days; both optional). */
    @Transactional
    public Funnel funnel(LocalDate from, LocalDate to) {
        currentUser.require(Action.FINANCING_FUNNEL);
        if (!currentUser.has(Role.ADMIN) && !currentUser.has(Role.REGULATOR)) {
            throw ProblemException.forbidden("the funnel is for the park committee and the regulator");
        }
        LocalDate lo = from == null ? LocalDate.of(1900, 1, 1) : from;
        LocalDate hi = to == null ? LocalDate.of(2199, 12, 31) : to;
        // a request belongs to its seller's park (DOMAIN.md §10.3); the region reads every park
        // 0 for the region: park ids start at 1, and a bound number keeps its type
        int park = currentUser.parks().regionWide() ? 0 : currentUser.parks().park().value();
        String window = " cast(posted_at at time zone 'Asia/Shanghai' as date) between ?1 and ?2"
                + " and (?3 = 0"
                + " or exists (select 1 from enterprises e where e.uscc = seller_uscc and e.park_id = ?3))";
        Object[] c = (Object[]) em.createNativeQuery("""
                select count(*), count(routed_at), count(first_claimed_at), count(offered_at), count(accepted_at),
                       count(disbursed_at), count(repaid_at), count(*) filter (where status = 'REJECTED'),
                       count(*) filter (where status = 'REVIEW')
                from financing_requests where""" + window)
                .setParameter(1, Date.valueOf(lo)).setParameter(2, Date.valueOf(hi)).setParameter(3, park)
                .getSingleResult();
        List<Stage> stages = new java.util.ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            stages.add(new Stage(STAGES.get(i), ((Number) c[i]).longValue()));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select r.claimed_by, i.name, count(*),
                       avg(extract(epoch from r.disbursed_at - r.posted_at)) / 3600,
                       percentile_cont(0.5) within group (order by extract(epoch from r.disbursed_at - r.posted_at)) / 3600,
                       max(extract(epoch from r.disbursed_at - r.posted_at)) / 3600
                from financing_requests r join institutions i on i.code = r.claimed_by
                where r.disbursed_at is not null and""" + window.replace("posted_at", "r.posted_at")
                .replace("= seller_uscc", "= r.seller_uscc") + " group by r.claimed_by, i.name order by 4, 1")
                .setParameter(1, Date.valueOf(lo)).setParameter(2, Date.valueOf(hi)).setParameter(3, park)
                .getResultList();
        List<TimeToFund> ttf = rows.stream().map(r -> new TimeToFund((String) r[0], (String) r[1],
                ((Number) r[2]).longValue(), round(r[3]), round(r[4]), round(r[5]))).toList();
        return new Funnel(from, to, stages, ((Number) c[7]).longValue(), ((Number) c[8]).longValue(), ttf);
    }

    private static double round(Object v) {
        return v == null ? 0 : Math.round(((Number) v).doubleValue() * 100) / 100.0;
    }
}
