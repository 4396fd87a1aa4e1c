package io.parkcredit.credit;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the park and the regulator watch (DOMAIN.md §8): the backlog of objections and repair
 * applications, the overdue ones, the working days taken to decide (the park's calendar), the
 * share of repairs approved, commitments by verification level and outcome, and the last 12
 * months by month for the charts. Each figure is one SQL aggregate over the whole table.
 */
@ApplicationScoped
public class CreditStats {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    /** One queue: open, of which overdue, decided, the mean working days to decide. */
    public record Queue(long open, long overdue, long decided, BigDecimal meanWorkingDays, Map<String, Long> byStatus) {
    }

    public record Month(String month, long objections, long repairs, long approved) {
    }

    public record Stats(LocalDate day, Queue objections, Queue repairs, BigDecimal repairRate,
            Map<String, Long> commitmentsByVerification, Map<String, Long> commitmentsByStatus, List<Month> months) {
    }

    /** Working days from a's day (excluded) to b's (included), as SQL over the park's calendar. */
    private static String workingDays(String from, String to) {
        return "(select count(*) from generate_series(" + from + " + 1, " + to + ", interval '1 day') g (d)"
                + " left join park_calendar c on c.day = cast(g.d as date)"
                + " where c.kind = 'WORKDAY' or (c.kind is null and extract(isodow from g.d) < 6))";
    }

    @Transactional
    public Stats stats() {
        currentUser.require(Action.CREDIT_STATS);
        LocalDate today = LocalDate.now(clock);
        Queue objections = queue("credit_objections", "status in ('SUBMITTED', 'VERIFYING')", today);
        Queue repairs = queue("credit_repairs", "status = 'SUBMITTED'", today);
        long approved = repairs.byStatus().getOrDefault("APPROVED", 0L) + repairs.byStatus().getOrDefault("REVOKED", 0L);
        long decided = approved + repairs.byStatus().getOrDefault("REJECTED", 0L);
        BigDecimal rate = decided == 0 ? null
                : BigDecimal.valueOf(approved).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
        // a park's user counts its park's firms only (DOMAIN.md §10.3)
        String inPark = CreditAccess.inPark(currentUser, "uscc");
        Map<String, Long> byTier = counts("select verification, count(*) from credit_commitments where true" + inPark
                + " group by verification order by 1");
        Map<String, Long> byStatus = counts("select status, count(*) from credit_commitments where true" + inPark
                + " group by status order by 1");
        List<Month> months = CreditSql.rows(em.createNativeQuery("""
                select to_char(m, 'YYYY-MM'),
                       (select count(*) from credit_objections o where date_trunc('month', o.submitted_on) = m%1$s),
                       (select count(*) from credit_repairs r where date_trunc('month', r.submitted_on) = m%2$s),
                       (select count(*) from credit_repairs r where r.status in ('APPROVED', 'REVOKED')
                            and date_trunc('month', r.decided_on) = m%2$s)
                from generate_series(date_trunc('month', cast(?1 as date)) - interval '11 months',
                                     date_trunc('month', cast(?1 as date)), interval '1 month') m order by m"""
                .formatted(CreditAccess.inPark(currentUser, "o.uscc"), CreditAccess.inPark(currentUser, "r.uscc")))
                .setParameter(1, today)).stream().map(r -> new Month((String) r[0], CreditSql.lng(r[1]),
                        CreditSql.lng(r[2]), CreditSql.lng(r[3]))).toList();
        return new Stats(today, objections, repairs, rate, byTier, byStatus, months);
    }

    private Queue queue(String table, String open, LocalDate today) {
        Object[] r = CreditSql.single(em.createNativeQuery("select count(*) filter (where " + open + "),"
                + " count(*) filter (where " + open + " and t.due_on < ?1), count(*) filter (where t.decided_on is not null),"
                + " avg(w.days) filter (where t.decided_on is not null)"
                + " from " + table + " t left join lateral (select " + workingDays("t.submitted_on", "t.decided_on")
                + " as days) w on t.decided_on is not null where true" + CreditAccess.inPark(currentUser, "t.uscc"))
                .setParameter(1, today));
        BigDecimal mean = r[3] == null ? null : new BigDecimal(r[3].toString()).setScale(1, RoundingMode.HALF_UP);
        return new Queue(CreditSql.lng(r[0]), CreditSql.lng(r[1]), CreditSql.lng(r[2]), mean,
                counts("select status, count(*) from " + table + " where true" + CreditAccess.inPark(currentUser, "uscc")
                        + " group by status order by 1"));
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] r : CreditSql.rows(em.createNativeQuery(sql))) {
            out.put((String) r[0], CreditSql.lng(r[1]));
        }
        return out;
    }

    /** A date parameter in any accepted form (DOMAIN.md §2); 422 naming the field otherwise. */
    static LocalDate day(String field, String text) {
        try {
            return ParkDates.parse(text);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }
}
