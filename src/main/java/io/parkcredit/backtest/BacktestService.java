package io.parkcredit.backtest;

import io.parkcredit.backtest.BacktestMath.Bucket;
import io.parkcredit.backtest.BacktestMath.CurvePoint;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Back-testing the credit decisions (DOMAIN.md §10.4). For a year Y, every firm with a grade or a
 * list valid on D = Y-12-31 is marked bad when in Y+1 it had a loan 90 or more days overdue, a new
 * counting SERIOUS record, or stood on Y+1's published YELLOW list. The grade and score are the
 * firm's published rating valid on D, else the park's yearly review (年审) of Y; the list is Y's
 * published version. One set-based query gathers every firm's facts; the measures are
 * {@link BacktestMath}.
 */
@ApplicationScoped
public class BacktestService {

    /** Worst first: the order bad rates must fall in. */
    public static final List<String> GRADES = List.of("C", "B", "A", "AA", "AAA");
    public static final List<String> LISTS = List.of("YELLOW", "NONE", "WHITE", "RED");

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    /** One firm in the back-test: what was decided on D and what happened in Y+1. */
    public record Firm(String uscc, String name, String grade, Double score, String list, boolean overdue90,
            boolean serious, boolean yellowNext) {
        public boolean bad() {
            return overdue90 || serious || yellowNext;
        }
    }

    public record GradeRow(String grade, long count, long bad, double badRate) {
    }

    public record ListRow(String list, long count, long bad, double badRate) {
    }

    /** The back-test as API.md fixes it; {@code auc}, {@code ks}, {@code psi} are null when undefined. */
    public record Backtest(int year, List<GradeRow> grades, List<ListRow> lists, Double auc, Double ks, Double psi,
            boolean monotonic, List<String> breaks) {
    }

    /** The back-test with the curves and firms the page and the export show. */
    public record Report(Backtest summary, List<CurvePoint> curve, long scored, long previousGraded,
            List<Firm> firms) {
    }

    @Transactional
    public Backtest backtest(int year) {
        return report(year).summary();
    }

    @Transactional
    public Report report(int year) {
        currentUser.require(Action.BACKTEST_READ);
        if (year < 1901 || year > 2198) {
            throw ProblemException.invalid("year", "between 1901 and 2198");
        }
        // computed over the caller's parks (DOMAIN.md §10.3): a park's firms, or the region's
        // 0 for the region (park ids start at 1)
        int park = currentUser.parks().regionWide() ? 0 : currentUser.parks().park().value();
        List<Firm> firms = firms(year, park);
        Map<String, long[]> byGrade = new LinkedHashMap<>();
        GRADES.forEach(g -> byGrade.put(g, new long[2]));
        Map<String, long[]> byList = new LinkedHashMap<>();
        LISTS.forEach(l -> byList.put(l, new long[2]));
        List<double[]> scored = new ArrayList<>();
        for (Firm f : firms) {
            if (f.grade() != null && byGrade.containsKey(f.grade())) {
                long[] c = byGrade.get(f.grade());
                c[0]++;
                c[1] += f.bad() ? 1 : 0;
            }
            if (f.list() != null && byList.containsKey(f.list())) {
                long[] c = byList.get(f.list());
                c[0]++;
                c[1] += f.bad() ? 1 : 0;
            }
            if (f.score() != null) {
                scored.add(new double[] {f.score(), f.bad() ? 1 : 0});
            }
        }
        double[] score = new double[scored.size()];
        boolean[] bad = new boolean[scored.size()];
        for (int i = 0; i < score.length; i++) {
            score[i] = scored.get(i)[0];
            bad[i] = scored.get(i)[1] == 1;
        }
        List<Bucket> buckets = new ArrayList<>();
        List<GradeRow> grades = new ArrayList<>();
        byGrade.forEach((g, c) -> {
            buckets.add(new Bucket(g, c[0], c[1]));
            grades.add(new GradeRow(g, c[0], c[1], rate(c)));
        });
        List<ListRow> lists = new ArrayList<>();
        byList.forEach((l, c) -> lists.add(new ListRow(l, c[0], c[1], rate(c))));
        long[] now = new long[GRADES.size()];
        for (int i = 0; i < GRADES.size(); i++) {
            now[i] = byGrade.get(GRADES.get(i))[0];
        }
        long[] before = previousGrades(year - 1, park);
        List<String> breaks = BacktestMath.breaks(buckets);
        Backtest summary = new Backtest(year, grades, lists, defined(BacktestMath.auc(score, bad)),
                defined(BacktestMath.ks(score, bad)), defined(BacktestMath.psi(before, now)), breaks.isEmpty(), breaks);
        return new Report(summary, BacktestMath.curve(score, bad), score.length,
                java.util.Arrays.stream(before).sum(), firms);
    }

    private static double rate(long[] c) {
        return c[0] == 0 ? 0 : Math.round(1e6 * c[1] / (double) c[0]) / 1e6;
    }

    private static Double defined(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1e6) / 1e6;
    }

    /**
     * Every firm with a grade or a list on D, with its outcome in Y+1, in one statement: the grade
     * from the rating valid on D (else the latest review of Y), the list from Y's published run,
     * and three outcome tests over loans, events and Y+1's published run.
     */
    List<Firm> firms(int year) {
        return firms(year, 0);
    }

    /** As {@link #firms(int)}, over the firms of park {@code park} (0: every park). */
    List<Firm> firms(int year, int park) {
        LocalDate d = LocalDate.of(year, 12, 31);
        LocalDate start = LocalDate.of(year + 1, 1, 1);
        LocalDate end = LocalDate.of(year + 1, 12, 31);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with rated as (
                    select distinct on (p.uscc) p.uscc, p.grade, p.score
                    from published_ratings p
                    where p.valid_from <= ?1 and p.valid_until >= ?1 and (p.revoked_on is null or p.revoked_on > ?1)
                    order by p.uscc, p.valid_from desc, p.id desc),
                reviewed as (
                    -- each firm's result from the latest review of the year that covered it (a park's or the region's)
                    select distinct on (r.uscc) r.uscc, r.grade, r.score from rating_review_results r
                    join rating_reviews v on v.id = r.review_id and v.year = ?4
                    order by r.uscc, v.id desc),
                listed as (
                    select c.uscc, c.list from classification_results c
                    where c.run_id in (select id from classification_runs where year = ?4 and status = 'PUBLISHED')),
                yellow_next as (
                    select c.uscc from classification_results c
                    where c.run_id in (select id from classification_runs where year = ?4 + 1 and status = 'PUBLISHED')
                      and c.list = 'YELLOW'),
                firms as (
                    select uscc from rated union select uscc from reviewed union select uscc from listed)
                select f.uscc, e.name,
                       coalesce(rt.grade, rv.grade) as grade,
                       case when rt.uscc is not null then rt.score else rv.score end as score,
                       l.list,
                       exists (select 1 from loans o where o.uscc = f.uscc
                               and greatest(?2, o.due_date + 90) <= ?3
                               and (o.settled_on is null or o.settled_on > greatest(?2, o.due_date + 90))) as overdue90,
                       exists (select 1 from credit_events v where v.uscc = f.uscc and v.severity = 'SERIOUS'
                               and v.occurred_on between ?2 and ?3
                               and (v.repaired_on is null or v.repaired_on > ?3)) as serious,
                       exists (select 1 from yellow_next y where y.uscc = f.uscc) as yellow_next
                from firms f
                join enterprises e on e.uscc = f.uscc and (?5 = 0 or e.park_id = ?5)
                left join rated rt on rt.uscc = f.uscc
                left join reviewed rv on rv.uscc = f.uscc
                left join listed l on l.uscc = f.uscc
                order by f.uscc""")
                .setParameter(1, Date.valueOf(d)).setParameter(2, Date.valueOf(start)).setParameter(3, Date.valueOf(end))
                .setParameter(4, year).setParameter(5, park).getResultList();
        List<Firm> firms = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            firms.add(new Firm((String) r[0], (String) r[1], (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).doubleValue(), (String) r[4], (Boolean) r[5], (Boolean) r[6],
                    (Boolean) r[7]));
        }
        return firms;
    }

    /** The grade distribution on (Y−1)-12-31, counted like {@link #firms}' grades, for the PSI. */
    long[] previousGrades(int year) {
        return previousGrades(year, 0);
    }

    /** As {@link #previousGrades(int)}, over the firms of park {@code park} (0: every park). */
    long[] previousGrades(int year, int park) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with rated as (
                    select distinct on (p.uscc) p.uscc, p.grade
                    from published_ratings p
                    where p.valid_from <= ?1 and p.valid_until >= ?1 and (p.revoked_on is null or p.revoked_on > ?1)
                    order by p.uscc, p.valid_from desc, p.id desc),
                reviewed as (
                    select distinct on (r.uscc) r.uscc, r.grade from rating_review_results r
                    join rating_reviews v on v.id = r.review_id and v.year = ?2
                    order by r.uscc, v.id desc)
                select coalesce(rt.grade, rv.grade), count(*)
                from (select uscc from rated union select uscc from reviewed) f
                join enterprises e on e.uscc = f.uscc and (?3 = 0 or e.park_id = ?3)
                left join rated rt on rt.uscc = f.uscc
                left join reviewed rv on rv.uscc = f.uscc
                group by 1""").setParameter(1, Date.valueOf(LocalDate.of(year, 12, 31))).setParameter(2, year)
                .setParameter(3, park).getResultList();
        long[] counts = new long[GRADES.size()];
        for (Object[] r : rows) {
            int i = r[0] == null ? -1 : GRADES.indexOf(((String) r[0]).strip());
            if (i >= 0) {
                counts[i] = ((Number) r[1]).longValue();
            }
        }
        return counts;
    }
}
