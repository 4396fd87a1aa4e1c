package io.parkcredit.classification;

import io.parkcredit.security.Action;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.classification.ClassificationRules.Clause;
import io.parkcredit.classification.ClassificationViews.Flow;
import io.parkcredit.classification.ClassificationViews.NoticeView;
import io.parkcredit.classification.ClassificationViews.ResultView;
import io.parkcredit.credit.ObjectionMarks;
import io.parkcredit.classification.ClassificationViews.RunView;
import io.parkcredit.classification.ClassificationViews.TransitionView;
import io.parkcredit.classification.ClassificationViews.YearOverview;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads, publishes and acts on classification runs (DOMAIN.md §4). Drafts are the ADMIN's;
 * published lists are read by the regulator, RED and WHITE by banks and guarantors, and a firm
 * reads its own entry. Publication is set-based SQL: supersede, diff, notices.
 */
@ApplicationScoped
public class ClassificationService {

    private static final TypeReference<List<Clause>> CLAUSES = new TypeReference<>() {
    };
    private static final String RUN_COLUMNS = "r.id, r.year, r.version, r.status, r.evaluation_day, s.version,"
            + " r.red_count, r.white_count, r.yellow_count, r.none_count, r.created_by, r.created_at, r.published_by,"
            + " r.published_at, r.supersedes_run_id, p.code";

    @Inject
    ObjectionMarks objectionMarks;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    ClassificationConfig config;

    @Inject
    ClassificationRunner runner;

    @Inject
    io.parkcredit.park.ParkService parks;

    /** Runs the classification of a year (ADMIN) for the ADMIN's park (the default park for a region ADMIN). */
    public RunView run(int year) {
        return run(year, (String) null);
    }

    /**
     * Runs the classification of a year for one park (DOMAIN.md §10.3): a park ADMIN's own (another
     * park's code is 404); a region ADMIN's the park named by {@code parkCode}, the default park when null.
     */
    public RunView run(int year, String parkCode) {
        currentUser.require(Action.CLASSIFICATION_RUN);
        int park = parks.target(parkCode).value();
        long id = runner.run(year, currentUser.name(), park);
        return run(year, id);
    }

    /** The year's runs in the user's parks (drafts only for ADMIN), newest version first. */
    @Transactional
    public List<RunView> runs(int year) {
        return runs(year, null);
    }

    /** As {@link #runs(int)}, narrowed to the park named by {@code parkCode} when given. */
    @Transactional
    public List<RunView> runs(int year, String parkCode) {
        currentUser.require(Action.CLASSIFICATION_READ);
        Integer park = parkCode == null || parkCode.isBlank() ? currentUser.parks().sqlParam()
                : Integer.valueOf(parks.target(parkCode).value());
        return runsIn(park, year);
    }

    private List<RunView> runsIn(Integer park, int year) {
        String visible = currentUser.has(Role.ADMIN) ? "" : " and r.status <> 'DRAFT'";
        return runRows(park, "where r.year = ?1" + visible + " order by r.park_id, r.version desc", year);
    }

    /** The park whose year a page or overview shows: the user's own, or the one named, or the default park. */
    private int focus(String parkCode) {
        return parks.target(parkCode).value();
    }

    @Transactional
    public RunView run(int year, long runId) {
        currentUser.require(Action.CLASSIFICATION_READ);
        RunView run = runRows(currentUser.parks().sqlParam(), "where r.year = ?1 and r.id = ?2", year, runId).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("classification run", year + "/" + runId));
        if ("DRAFT".equals(run.status()) && !currentUser.has(Role.ADMIN)) {
            throw ProblemException.notFound("classification run", year + "/" + runId);
        }
        return run;
    }

    /** The current published run of a year of the user's park (the default park for region users), if any. */
    @Transactional
    public Optional<RunView> published(int year) {
        return published(year, null);
    }

    /** The current published run of a year of the park named by {@code parkCode} (see {@link #focus}). */
    @Transactional
    public Optional<RunView> published(int year, String parkCode) {
        return runRows(focus(parkCode), "where r.year = ?1 and r.status = 'PUBLISHED'", year).stream().findFirst();
    }

    /** The most recent year with a run of the user's park the user may see (drafts only for ADMIN). */
    @Transactional
    public Optional<Integer> latestYear() {
        String visible = currentUser.has(Role.ADMIN) ? "" : " and status <> 'DRAFT'";
        Object[] row = single(em.createNativeQuery("select max(year) from classification_runs where park_id = ?1" + visible)
                .setParameter(1, focus(null)));
        return row == null || row[0] == null ? Optional.empty() : Optional.of(((Number) row[0]).intValue());
    }

    /** The most recent year's published run of the user's park. */
    @Transactional
    public Optional<RunView> latestPublished() {
        return runRows(focus(null), "where r.status = 'PUBLISHED' order by r.year desc limit 1").stream().findFirst();
    }

    /**
     * A page of results, filtered by list and by name or USCC. Banks and guarantors read only the
     * RED list and the WHITE cultivation pool of published runs; a firm only its own entry.
     */
    @Transactional
    public PageResult<ResultView> results(int year, long runId, CreditList list, String q, PageRequest page) {
        currentUser.require(Action.CLASSIFICATION_READ);
        RunView run = run(year, runId);
        boolean park = currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR);
        boolean institution = currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR);
        boolean firm = currentUser.has(Role.ENTERPRISE);
        if (!park && !institution && !firm) {
            throw ProblemException.forbidden("your role does not read classification results");
        }
        StringBuilder where = new StringBuilder(" where run_id = :run");
        Map<String, Object> params = new HashMap<>();
        params.put("run", run.runId());
        if (list != null) {
            where.append(" and list = :list");
            params.put("list", list.name());
        }
        if (institution) {
            if (list != null && list != CreditList.RED && list != CreditList.WHITE) {
                throw ProblemException.forbidden("banks and guarantors read the RED list and the WHITE pool");
            }
            where.append(" and list in ('RED', 'WHITE')");
        }
        if (firm) {
            where.append(" and uscc = :own");
            params.put("own", String.valueOf(currentUser.uscc()));
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (uscc like :prefix or name like :contains)");
            params.put("prefix", q.strip().toUpperCase(Locale.ROOT) + "%");
            params.put("contains", "%" + q.strip() + "%");
        }
        Query count = em.createNativeQuery("select count(*) from classification_results" + where);
        Query rows = em.createNativeQuery("select uscc, name, list, cast(clauses as text) from classification_results"
                + where + " order by uscc limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        rows.setParameter("limit", page.size()).setParameter("offset", page.offset());
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        ObjectionMarks.Marks marks = objectionMarks.forFirms(found.stream().map(r -> (String) r[0]).toList());
        String prefix = run.year() + "/" + run.runId() + "/";
        return new PageResult<>(found.stream().map(r -> result(r, marks.has("CLASSIFICATION", prefix + r[0])
                || marks.anyOf((String) r[0], ObjectionMarks.FEEDING))).toList(), page.page(), page.size(), total);
    }

    /** One firm's entry in a run, with its clauses. */
    @Transactional
    public ResultView result(int year, long runId, String uscc) {
        currentUser.require(Action.CLASSIFICATION_READ);
        var page = results(year, runId, null, uscc, PageRequest.of(0, 1));
        if (page.items().isEmpty() || !page.items().get(0).uscc().equals(uscc)) {
            throw ProblemException.notFound("classification result", uscc);
        }
        return page.items().get(0);
    }

    /**
     * Publishes a draft (ADMIN): the year's current version is superseded and the diff recorded;
     * YELLOW firms are notified to every bank and member unit; a firm whose entry changed is
     * notified again to whoever received a notice about it under the old version.
     */
    @Transactional
    public RunView publish(int year, long runId) {
        currentUser.require(Action.CLASSIFICATION_PUBLISH);
        Object[] row = single(em.createNativeQuery("select status, year, park_id from classification_runs where id = ?1 for update")
                .setParameter(1, runId));
        if (row == null || ((Number) row[1]).intValue() != year
                || !currentUser.parks().includes(((Number) row[2]).intValue())) {
            throw ProblemException.notFound("classification run", year + "/" + runId);
        }
        int park = ((Number) row[2]).intValue();
        if (!"DRAFT".equals(row[0])) {
            throw ProblemException.conflict("run-not-draft", "run " + runId + " is " + row[0] + "; only a DRAFT can be published");
        }
        Object[] prev = single(em.createNativeQuery(
                "select id from classification_runs where year = ?1 and park_id = ?2 and status = 'PUBLISHED' for update")
                .setParameter(1, year).setParameter(2, park));
        Long previous = prev == null ? null : ((Number) prev[0]).longValue();
        int moved = 0;
        if (previous != null) {
            em.createNativeQuery("update classification_runs set status = 'SUPERSEDED' where id = ?1")
                    .setParameter(1, previous).executeUpdate();
            moved = em.createNativeQuery("""
                    insert into classification_transitions (run_id, from_run_id, uscc, from_list, to_list)
                    select ?1, ?2, coalesce(n.uscc, o.uscc), o.list, n.list
                    from (select uscc, list from classification_results where run_id = ?1) n
                    full join (select uscc, list from classification_results where run_id = ?2) o on o.uscc = n.uscc
                    where n.list is distinct from o.list""").setParameter(1, runId).setParameter(2, previous).executeUpdate();
        }
        em.createNativeQuery("""
                update classification_runs set status = 'PUBLISHED', published_by = ?2, published_at = now(),
                       supersedes_run_id = ?3 where id = ?1""")
                .setParameter(1, runId).setParameter(2, currentUser.name()).setParameter(3, previous).executeUpdate();
        int notices = em.createNativeQuery("""
                insert into classification_notices (run_id, uscc, list, recipient_kind, recipient, kind, detail)
                select r.run_id, r.uscc, r.list, x.kind, x.recipient, 'YELLOW',
                       ?2 || ' 年度园区金融信用黄名单：' || r.name || '（' || r.uscc || '）恶意逃废银行债务，'
                          || '依规不予政策和信贷支持'
                from classification_results r
                cross join (select 'BANK' kind, code recipient from institutions where kind = 'BANK' and park_id = ?4
                            union all select 'MEMBER_UNIT', unnest(cast(?3 as text[]))) x
                where r.run_id = ?1 and r.list = 'YELLOW'""")
                .setParameter(1, runId).setParameter(2, Integer.toString(year))
                .setParameter(3, config.memberUnits().toArray(new String[0])).setParameter(4, park).executeUpdate();
        if (previous != null) {
            notices += em.createNativeQuery("""
                    insert into classification_notices (run_id, uscc, list, recipient_kind, recipient, kind, detail)
                    select distinct t.run_id, t.uscc, coalesce(t.to_list, 'NONE'), o.recipient_kind, o.recipient, 'CORRECTION',
                           ?2 || ' 年度名单更正：' || t.uscc || ' 由' || coalesce(t.from_list, '未列入') || '更正为'
                              || coalesce(t.to_list, '不参评')
                    from classification_transitions t
                    join classification_notices o on o.run_id = t.from_run_id and o.uscc = t.uscc
                    where t.run_id = ?1
                    on conflict do nothing""").setParameter(1, runId).setParameter(2, Integer.toString(year))
                    .executeUpdate();
        }
        audit.record("CLASSIFICATION_PUBLISHED", "classification", year + "/" + runId,
                (previous == null ? "first version" : "supersedes run " + previous + ", " + moved + " firm(s) moved")
                        + ", " + notices + " notice(s) sent" + (park == 1 ? "" : ", park " + parks.codeOf(
                                new io.parkcredit.park.ParkId(park))), null);
        return run(year, runId);
    }

    /** What publishing the draft {@code runId} would change (ADMIN), shown before the publication is confirmed. */
    @Transactional
    public ClassificationViews.PublishPreview publishPreview(int year, long runId) {
        if (!currentUser.has(Role.ADMIN)) {
            throw ProblemException.forbidden("only the park committee publishes");
        }
        RunView draft = run(year, runId);
        RunView replaces = published(year, draft.parkCode()).orElse(null);
        RunView previousYear = published(year - 1, draft.parkCode()).orElse(null);
        return new ClassificationViews.PublishPreview(draft, replaces, previousYear,
                replaces == null ? 0 : movedCount(runId, replaces.runId()),
                previousYear == null ? 0 : movedCount(runId, previousYear.runId()));
    }

    private long movedCount(long runId, long otherRunId) {
        return ((Number) em.createNativeQuery("""
                select count(*)
                from (select uscc, list from classification_results where run_id = ?1) n
                full join (select uscc, list from classification_results where run_id = ?2) o on o.uscc = n.uscc
                where n.list is distinct from o.list""").setParameter(1, runId).setParameter(2, otherRunId)
                .getSingleResult()).longValue();
    }

    /** Firms that moved when a run was published over the previous version. */
    @Transactional
    public List<TransitionView> transitions(int year, long runId) {
        currentUser.require(Action.CLASSIFICATION_OVERVIEW);
        run(year, runId);
        requirePark();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.uscc, coalesce(e.name, ''), t.from_list, t.to_list from classification_transitions t
                left join enterprises e on e.uscc = t.uscc where t.run_id = ?1 order by t.uscc""")
                .setParameter(1, runId).getResultList();
        return rows.stream().map(r -> new TransitionView((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    /**
     * The year's runs, its published version and the moves since the previous year's published lists
     * (first 500), of the user's park or, for a region user, of the park named by {@code parkCode}
     * (the default park when null).
     */
    @Transactional
    public YearOverview overview(int year, String parkCode) {
        return overview(year, parkCode, true);
    }

    @Transactional
    public YearOverview overview(int year) {
        return overview(year, null, true);
    }

    /** The overview without the list of moved firms, which the page reads a page at a time ({@link #moved}). */
    @Transactional
    public YearOverview overviewHead(int year) {
        return overview(year, null, false);
    }

    private YearOverview overview(int year, String parkCode, boolean withMoved) {
        currentUser.require(Action.CLASSIFICATION_OVERVIEW);
        requirePark();
        int park = focus(parkCode);
        List<RunView> runs = runsIn(park, year);
        RunView current = current(runs);
        RunView previous = runRows(park, "where r.year = ?1 and r.status = 'PUBLISHED'", year - 1).stream().findFirst()
                .orElse(null);
        List<Flow> flows = new ArrayList<>();
        List<TransitionView> moved = new ArrayList<>();
        if (current != null && previous != null) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select coalesce(o.list, 'NEW'), coalesce(n.list, 'OUT'), count(*)
                    from (select uscc, list from classification_results where run_id = ?1) n
                    full join (select uscc, list from classification_results where run_id = ?2) o on o.uscc = n.uscc
                    group by 1, 2 order by 1, 2""").setParameter(1, current.runId()).setParameter(2, previous.runId())
                    .getResultList();
            rows.forEach(r -> flows.add(new Flow((String) r[0], (String) r[1], ((Number) r[2]).longValue())));
            if (withMoved) {
                moved.addAll(movedRows(current.runId(), previous.runId(), 500, 0));
            }
        }
        return new YearOverview(year, runs, current, previous, flows, moved);
    }

    /**
     * One page of the firms whose list changed since the previous year's published lists, by USCC:
     * a merge of the two runs' (run, USCC) index ranges, so a large park is read a page at a time.
     */
    @Transactional
    public PageResult<TransitionView> moved(int year, PageRequest page) {
        currentUser.require(Action.CLASSIFICATION_OVERVIEW);
        requirePark();
        int park = focus(null);
        RunView current = current(runsIn(park, year));
        RunView previous = runRows(park, "where r.year = ?1 and r.status = 'PUBLISHED'", year - 1).stream().findFirst()
                .orElse(null);
        if (current == null || previous == null) {
            return new PageResult<>(List.of(), page.page(), page.size(), 0);
        }
        long total = movedCount(current.runId(), previous.runId());
        return new PageResult<>(movedRows(current.runId(), previous.runId(), page.size(), page.offset()), page.page(),
                page.size(), total);
    }

    private static RunView current(List<RunView> runs) {
        return runs.stream().filter(r -> "PUBLISHED".equals(r.status())).findFirst()
                .orElse(runs.isEmpty() ? null : runs.get(0));
    }

    private List<TransitionView> movedRows(long runId, long previousRunId, int limit, long offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> changed = em.createNativeQuery("""
                select coalesce(n.uscc, o.uscc), coalesce(n.name, o.name), o.list, n.list
                from (select uscc, name, list from classification_results where run_id = ?1) n
                full join (select uscc, name, list from classification_results where run_id = ?2) o on o.uscc = n.uscc
                where n.list is distinct from o.list order by 1 limit ?3 offset ?4""")
                .setParameter(1, runId).setParameter(2, previousRunId).setParameter(3, limit).setParameter(4, offset)
                .getResultList();
        return changed.stream().map(r -> new TransitionView((String) r[0], (String) r[1], (String) r[2], (String) r[3]))
                .toList();
    }

    /** Notices sent on publication: a bank or guarantor sees those addressed to it; the park sees all. */
    @Transactional
    public PageResult<NoticeView> notices(PageRequest page) {
        currentUser.require(Action.CLASSIFICATION_NOTICES_READ);
        String where;
        Map<String, Object> params = new HashMap<>();
        Integer park = currentUser.parks().sqlParam();
        String inPark = park == null ? "" : " and r.park_id = " + park.intValue();
        if (currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR)) {
            where = " where true" + inPark;
        } else if (currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR)) {
            where = " where n.recipient_kind = 'BANK' and n.recipient = :me" + inPark;
            params.put("me", String.valueOf(currentUser.institutionCode()));
        } else {
            throw ProblemException.forbidden("notices go to banks and the park");
        }
        Query count = em.createNativeQuery(
                "select count(*) from classification_notices n join classification_runs r on r.id = n.run_id" + where);
        Query rows = em.createNativeQuery("""
                select n.id, r.year, n.run_id, n.uscc, coalesce(e.name, ''), n.list, n.recipient_kind, n.recipient,
                       n.kind, n.detail, n.created_at
                from classification_notices n join classification_runs r on r.id = n.run_id
                left join enterprises e on e.uscc = n.uscc""" + where + " order by n.id desc limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        rows.setParameter("limit", page.size()).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        return new PageResult<>(found.stream().map(r -> new NoticeView(((Number) r[0]).longValue(),
                ((Number) r[1]).intValue(), ((Number) r[2]).longValue(), (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], instant(r[10]))).toList(),
                page.page(), page.size(), ((Number) count.getSingleResult()).longValue());
    }

    /**
     * The list a firm is on in the latest published classification that includes it, with its
     * year; empty when never classified. The financing feature refuses YELLOW firms with this.
     */
    @Transactional
    public Optional<Map.Entry<Integer, CreditList>> latestPublishedList(String uscc) {
        Object[] row = single(em.createNativeQuery("""
                select r.year, c.list from classification_results c join classification_runs r on r.id = c.run_id
                where c.uscc = ?1 and r.status = 'PUBLISHED' order by r.year desc limit 1""").setParameter(1, uscc));
        return row == null ? Optional.empty()
                : Optional.of(Map.entry(((Number) row[0]).intValue(), CreditList.valueOf((String) row[1])));
    }

    private void requirePark() {
        if (!currentUser.has(Role.ADMIN) && !currentUser.has(Role.REGULATOR)) {
            throw ProblemException.forbidden("for the park committee and the regulator");
        }
    }

    /** Runs matching {@code where} (which starts with "where") of one park, or of all parks when {@code park} is null. */
    private List<RunView> runRows(Integer park, String where, Object... params) {
        String inPark = park == null ? "" : "r.park_id = " + park.intValue() + " and ";
        Query q = em.createNativeQuery("select " + RUN_COLUMNS
                + " from classification_runs r join classification_rule_sets s on s.id = r.rule_set_id"
                + " join parks p on p.id = r.park_id where " + inPark + where.substring("where ".length()));
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("RED", ((Number) r[6]).intValue());
            counts.put("WHITE", ((Number) r[7]).intValue());
            counts.put("YELLOW", ((Number) r[8]).intValue());
            counts.put("NONE", ((Number) r[9]).intValue());
            return new RunView(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                    (String) r[3], localDate(r[4]), ((Number) r[5]).intValue(), counts, (String) r[10], instant(r[11]),
                    (String) r[12], instant(r[13]), r[14] == null ? null : ((Number) r[14]).longValue(), (String) r[15]);
        }).toList();
    }

    private ResultView result(Object[] r, boolean underObjection) {
        try {
            return new ResultView((String) r[0], (String) r[1], CreditList.valueOf((String) r[2]),
                    json.readValue((String) r[3], CLAUSES), underObjection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored clauses are not readable", e);
        }
    }

    private static Object[] single(Query q) {
        @SuppressWarnings("unchecked")
        List<Object> rows = q.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object first = rows.get(0);
        return first instanceof Object[] a ? a : new Object[] {first};
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return ((Timestamp) o).toInstant();
    }

    static LocalDate localDate(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }
}
