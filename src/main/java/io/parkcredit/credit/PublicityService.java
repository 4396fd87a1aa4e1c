package io.parkcredit.credit;

import io.parkcredit.enterprise.EventType;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The public disclosure 信用公示 (DOMAIN.md §8.4), open without sign-in: on a day, the latest
 * published RED list, the grades valid that day, the negative records inside their publication
 * period and not repaired, and the public commitments. Only the firm's USCC and name, the basis of
 * the entry and its dates — never flows, statements, loans, contacts or anything a firm keeps private.
 */
@ApplicationScoped
public class PublicityService {

    public static final Set<String> KINDS = Set.of("RED_LIST", "RATING", "NEGATIVE_RECORD", "COMMITMENT", "INSPECTION_PLAN",
            "INSPECTION", "INSPECTION_RESULT");

    /** The kinds in the order the page lists them. */
    public static final List<String> KIND_ORDER = List.of("RED_LIST", "RATING", "NEGATIVE_RECORD", "COMMITMENT",
            "INSPECTION_PLAN", "INSPECTION", "INSPECTION_RESULT");

    /** How the inspection plans draw their firms (DOMAIN.md §10.1, supervision.SystematicPps). */
    public static final String DRAW_METHOD = "SYSTEMATIC_PPS_RANDOM_ORDER";

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    @Inject
    CreditRuleSets rules;

    /** One public entry (API.md): which firm, why it is listed, from when until when. */
    public record Entry(String kind, String uscc, String name, String basis, LocalDate from, LocalDate until,
            Inspection inspection,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String parkCode,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String parkName) {
    }

    /**
     * The inspection behind an INSPECTION_PLAN, INSPECTION (a drawn firm) or INSPECTION_RESULT entry
     * (§10.1: plans and results are public): the plan with its seed and method so anyone can repeat
     * the draw; the inspecting units, never the inspectors (for a plan, every unit of its pool); the
     * outcome and findings of a result.
     */
    public record Inspection(long planId, String period, int target, int eligible, long seed, String method,
            List<String> units, String outcome, String findings) {
    }

    @Transactional
    public PageResult<Entry> search(LocalDate day, String kind, String q, PageRequest page) {
        return search(day, kind, q, null, page);
    }

    /** A park as the public disclosure names it. */
    public record PublicPark(String code, String name) {
    }

    /** Every park's code and name, for the disclosure's park filter (the disclosure is public). */
    @Transactional
    public List<PublicPark> parks() {
        currentUser.require(Action.PUBLICITY_READ);
        return CreditSql.rows(em.createNativeQuery("select code, name from parks order by id")).stream()
                .map(r -> new PublicPark((String) r[0], (String) r[1])).toList();
    }

    /**
     * The public entries of every park, each with its park's name (DOMAIN.md §10.3: the disclosure is
     * public), or of the park whose code is {@code park}; an unknown code finds nothing.
     */
    @Transactional
    public PageResult<Entry> search(LocalDate day, String kind, String q, String park, PageRequest page) {
        currentUser.require(Action.PUBLICITY_READ);
        String parkCode = park == null || park.isBlank() ? "" : park.strip().toUpperCase(Locale.ROOT);
        LocalDate d = day == null ? LocalDate.now(clock) : day;
        String k = kind == null || kind.isBlank() ? "" : kind.strip().toUpperCase(Locale.ROOT);
        if (!k.isEmpty() && !KINDS.contains(k)) {
            throw ProblemException.invalid("kind", "one of " + String.join(", ", KIND_ORDER));
        }
        String text = Text.optional("q", q, 100);
        String like = text == null ? "" : "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        CreditParams p = rules.current().params();
        String types = Arrays.stream(EventType.values()).filter(EventType::negative)
                .map(t -> "when '" + t.name() + "' then '" + t.label() + "'").collect(Collectors.joining(" "));
        String all = """
                select 'RED_LIST' kind, c.uscc, c.name, r.year || ' 年度园区金融信用红名单' basis,
                       cast(r.published_at at time zone 'Asia/Shanghai' as date) f, cast(null as date) u, 1 o, cast(null as bigint) pid,
                       r.park_id park
                from classification_results c join classification_runs r on r.id = c.run_id
                where c.list = 'RED' and r.id in (select distinct on (x.park_id) x.id from classification_runs x
                    where x.status in ('PUBLISHED', 'SUPERSEDED')
                    and cast(x.published_at at time zone 'Asia/Shanghai' as date) <= ?1
                    and not exists (select 1 from classification_runs y where y.supersedes_run_id = x.id
                        and cast(y.published_at at time zone 'Asia/Shanghai' as date) <= ?1)
                    order by x.park_id, x.year desc, x.version desc)
                union all
                select 'RATING', g.uscc, e.name, '企业信用等级 ' || g.grade, g.valid_from, g.valid_until, 2, null, e.park_id
                from published_ratings g join enterprises e on e.uscc = g.uscc
                where g.valid_from <= ?1 and g.valid_until >= ?1 and (g.revoked_on is null or g.revoked_on > ?1)
                union all
                select 'NEGATIVE_RECORD', v.uscc, e.name,
                       (case v.type %s else v.type end) || '（' || case v.severity when 'SERIOUS' then '严重' else '一般' end
                           || '失信）' || coalesce('：' || nullif(v.title, ''), '') || ' [' || v.source || '/' || v.event_no || ']',
                       v.occurred_on, l.last_day, 3, null, e.park_id
                from credit_events v join enterprises e on e.uscc = v.uscc
                cross join lateral (select cast(v.occurred_on + make_interval(months => case v.severity
                    when 'SERIOUS' then ?2 else ?3 end) as date) last_day) l
                where v.severity in ('GENERAL', 'SERIOUS') and v.occurred_on <= ?1 and l.last_day >= ?1
                  and (v.repaired_on is null or v.repaired_on > ?1)
                union all
                select 'COMMITMENT', m.uscc, e.name, case m.kind when 'APPLICATION' then '证明事项告知承诺'
                       when 'LICENSE' then '涉企经营许可告知承诺' when 'RATING' then '信用评价承诺' when 'REPAIR' then '信用修复承诺'
                       when 'LAND' then '标准地承诺' else '主动信用承诺' end || '：' || m.matter, m.signed_on, m.due_on, 4, null,
                       e.park_id
                from credit_commitments m join enterprises e on e.uscc = m.uscc
                where m.public and m.signed_on <= ?1 and m.status <> 'BREACHED'
                union all
                select 'INSPECTION_PLAN', null, p.period, '双随机抽查计划：从 ' || p.eligible || ' 家在园企业中按信用分级权重抽取 '
                       || p.target || ' 家（系统 πps 抽样，随机排序，种子 ' || p.seed || '）', p.day, null, 5, p.id,
                       coalesce((select e2.park_id from inspection_firms f2 join enterprises e2 on e2.uscc = f2.uscc
                                 where f2.plan_id = p.id limit 1), 1)
                from inspection_plans p where p.day <= ?1
                union all
                select 'INSPECTION', f.uscc, e.name, '双随机抽查（' || p.period || '）抽中，检查单位：' || i1.unit || '、' || i2.unit,
                       p.day, null, 6, p.id, e.park_id
                from inspection_firms f join inspection_plans p on p.id = f.plan_id join enterprises e on e.uscc = f.uscc
                join inspection_inspectors i1 on i1.plan_id = f.plan_id and i1.inspector_id = f.inspector_1
                join inspection_inspectors i2 on i2.plan_id = f.plan_id and i2.inspector_id = f.inspector_2
                where f.selected and p.day <= ?1
                union all
                select 'INSPECTION_RESULT', r.uscc, e.name, '双随机抽查（' || p.period || '）' || case r.outcome when 'PASSED'
                       then '合格' else '不合格（' || case r.severity when 'SERIOUS' then '严重' else '一般' end || '）：'
                       || coalesce(r.findings, '') end, cast(r.recorded_at at time zone 'Asia/Shanghai' as date), null, 7, p.id,
                       e.park_id
                from inspection_results r join inspection_plans p on p.id = r.plan_id join enterprises e on e.uscc = r.uscc
                where cast(r.recorded_at at time zone 'Asia/Shanghai' as date) <= ?1
                """.formatted(types);
        String where = " where (?4 = '' or a.kind = ?4) and (?5 = '' or lower(a.name) like ?5 escape '\\' or a.uscc = ?6)"
                + " and (?7 = '' or pk.code = ?7)";
        String from = " from (" + all + ") a left join parks pk on pk.id = a.park";
        long total = ((Number) bind(em.createNativeQuery("select count(*)" + from + where), d, p, k, like, text)
                .setParameter(7, parkCode).getSingleResult()).longValue();
        List<Object[]> rows = CreditSql.rows(bind(em.createNativeQuery("select a.kind, a.uscc, a.name, a.basis, a.f, a.u,"
                + " a.pid, case when pk.id <> 1 then pk.code end, case when pk.id <> 1 then pk.name end" + from + where
                + " order by a.o, a.f desc, a.uscc, a.pid desc limit ?8 offset ?9"),
                d, p, k, like, text).setParameter(7, parkCode).setParameter(8, page.size()).setParameter(9, page.offset()));
        Map<String, Inspection> inspections = inspections(rows);
        List<Entry> items = rows.stream()
                .map(r -> new Entry((String) r[0], (String) r[1], (String) r[2], (String) r[3], CreditSql.date(r[4]),
                        CreditSql.date(r[5]), r[6] == null ? null : inspections.get(r[0] + "/" + CreditSql.lng(r[6]) + "/"
                                + (r[0].equals("INSPECTION_PLAN") ? "" : r[1])), (String) r[7], (String) r[8])).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /**
     * The inspections behind the page's inspection entries (three small statements for the page):
     * each plan with its seed and the units of its pool, each drawn firm with its two inspectors'
     * units and its result. Keyed by kind/plan/uscc (no uscc for a plan).
     */
    private Map<String, Inspection> inspections(List<Object[]> rows) {
        Map<String, Inspection> out = new HashMap<>();
        String plans = rows.stream().filter(r -> r[6] != null).map(r -> String.valueOf(CreditSql.lng(r[6]))).distinct()
                .collect(Collectors.joining(",", "{", "}"));
        if (plans.equals("{}")) {
            return out;
        }
        Map<Long, List<String>> poolUnits = new HashMap<>();
        for (Object[] u : CreditSql.rows(em.createNativeQuery("select distinct plan_id, unit from inspection_inspectors"
                + " where plan_id = any (cast(?1 as bigint[])) order by plan_id, unit").setParameter(1, plans))) {
            poolUnits.computeIfAbsent(CreditSql.lng(u[0]), x -> new ArrayList<>()).add((String) u[1]);
        }
        Map<Long, Inspection> heads = new HashMap<>();
        for (Object[] h : CreditSql.rows(em.createNativeQuery("select id, period, target, eligible, seed from inspection_plans"
                + " where id = any (cast(?1 as bigint[]))").setParameter(1, plans))) {
            long plan = CreditSql.lng(h[0]);
            Inspection head = new Inspection(plan, (String) h[1], CreditSql.integer(h[2]), CreditSql.integer(h[3]),
                    CreditSql.lng(h[4]), DRAW_METHOD, List.copyOf(poolUnits.getOrDefault(plan, List.of())), null, null);
            heads.put(plan, head);
            out.put("INSPECTION_PLAN/" + plan + "/", head);
        }
        String firms = rows.stream().filter(r -> r[6] != null && r[1] != null).map(r -> (String) r[1]).distinct()
                .collect(Collectors.joining(",", "{", "}"));
        for (Object[] f : CreditSql.rows(em.createNativeQuery("""
                select f.plan_id, f.uscc, i1.unit, i2.unit, r.outcome, r.findings
                from inspection_firms f
                join inspection_inspectors i1 on i1.plan_id = f.plan_id and i1.inspector_id = f.inspector_1
                join inspection_inspectors i2 on i2.plan_id = f.plan_id and i2.inspector_id = f.inspector_2
                left join inspection_results r on r.plan_id = f.plan_id and r.uscc = f.uscc
                where f.selected and f.plan_id = any (cast(?1 as bigint[])) and f.uscc = any (cast(?2 as text[]))""")
                .setParameter(1, plans).setParameter(2, firms))) {
            Inspection h = heads.get(CreditSql.lng(f[0]));
            List<String> units = List.of((String) f[2], (String) f[3]);
            out.put("INSPECTION/" + h.planId() + "/" + f[1], new Inspection(h.planId(), h.period(), h.target(),
                    h.eligible(), h.seed(), DRAW_METHOD, units, null, null));
            out.put("INSPECTION_RESULT/" + h.planId() + "/" + f[1], new Inspection(h.planId(), h.period(), h.target(),
                    h.eligible(), h.seed(), DRAW_METHOD, units, (String) f[4], (String) f[5]));
        }
        return out;
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query q, LocalDate d, CreditParams p, String kind,
            String like, String text) {
        return q.setParameter(1, d).setParameter(2, p.seriousLongestMonths()).setParameter(3, p.generalLongestMonths())
                .setParameter(4, kind).setParameter(5, like).setParameter(6, text == null ? "" : text.toUpperCase(Locale.ROOT));
    }
}
