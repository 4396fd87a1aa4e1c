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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    public static final Set<String> KINDS = Set.of("RED_LIST", "RATING", "NEGATIVE_RECORD", "COMMITMENT", "INSPECTION");

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    @Inject
    CreditRuleSets rules;

    /** One public entry (API.md): which firm, why it is listed, from when until when. */
    public record Entry(String kind, String uscc, String name, String basis, LocalDate from, LocalDate until) {
    }

    @Transactional
    public PageResult<Entry> search(LocalDate day, String kind, String q, PageRequest page) {
        currentUser.require(Action.PUBLICITY_READ);
        LocalDate d = day == null ? LocalDate.now(clock) : day;
        String k = kind == null || kind.isBlank() ? "" : kind.strip().toUpperCase(Locale.ROOT);
        if (!k.isEmpty() && !KINDS.contains(k)) {
            throw ProblemException.invalid("kind", "one of RED_LIST, RATING, NEGATIVE_RECORD, COMMITMENT, INSPECTION");
        }
        String text = Text.optional("q", q, 100);
        String like = text == null ? "" : "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        CreditParams p = rules.current().params();
        String types = Arrays.stream(EventType.values()).filter(EventType::negative)
                .map(t -> "when '" + t.name() + "' then '" + t.label() + "'").collect(Collectors.joining(" "));
        String all = """
                select 'RED_LIST' kind, c.uscc, c.name, r.year || ' 年度园区金融信用红名单' basis,
                       cast(r.published_at at time zone 'Asia/Shanghai' as date) f, cast(null as date) u, 1 o
                from classification_results c join classification_runs r on r.id = c.run_id
                where c.list = 'RED' and r.id = (select x.id from classification_runs x where x.status in ('PUBLISHED', 'SUPERSEDED')
                    and cast(x.published_at at time zone 'Asia/Shanghai' as date) <= ?1
                    and not exists (select 1 from classification_runs y where y.supersedes_run_id = x.id
                        and cast(y.published_at at time zone 'Asia/Shanghai' as date) <= ?1)
                    order by x.year desc, x.version desc limit 1)
                union all
                select 'RATING', g.uscc, e.name, '企业信用等级 ' || g.grade, g.valid_from, g.valid_until, 2
                from published_ratings g join enterprises e on e.uscc = g.uscc
                where g.valid_from <= ?1 and g.valid_until >= ?1 and (g.revoked_on is null or g.revoked_on > ?1)
                union all
                select 'NEGATIVE_RECORD', v.uscc, e.name,
                       (case v.type %s else v.type end) || '（' || case v.severity when 'SERIOUS' then '严重' else '一般' end
                           || '失信）' || coalesce('：' || nullif(v.title, ''), '') || ' [' || v.source || '/' || v.event_no || ']',
                       v.occurred_on, l.last_day, 3
                from credit_events v join enterprises e on e.uscc = v.uscc
                cross join lateral (select cast(v.occurred_on + make_interval(months => case v.severity
                    when 'SERIOUS' then ?2 else ?3 end) as date) last_day) l
                where v.severity in ('GENERAL', 'SERIOUS') and v.occurred_on <= ?1 and l.last_day >= ?1
                  and (v.repaired_on is null or v.repaired_on > ?1)
                union all
                select 'COMMITMENT', m.uscc, e.name, case m.kind when 'APPLICATION' then '证明事项告知承诺'
                       when 'LICENSE' then '涉企经营许可告知承诺' when 'RATING' then '信用评价承诺' when 'REPAIR' then '信用修复承诺'
                       when 'LAND' then '标准地承诺' else '主动信用承诺' end || '：' || m.matter, m.signed_on, m.due_on, 4
                from credit_commitments m join enterprises e on e.uscc = m.uscc
                where m.public and m.signed_on <= ?1 and m.status <> 'BREACHED'
                """.formatted(types);
        String where = " where (?4 = '' or a.kind = ?4) and (?5 = '' or lower(a.name) like ?5 escape '\\' or a.uscc = ?6)";
        long total = ((Number) bind(em.createNativeQuery("select count(*) from (" + all + ") a" + where), d, p, k, like, text)
                .getSingleResult()).longValue();
        List<Entry> items = CreditSql.rows(bind(em.createNativeQuery("select a.kind, a.uscc, a.name, a.basis, a.f, a.u from ("
                + all + ") a" + where + " order by a.o, a.f desc, a.uscc limit ?7 offset ?8"), d, p, k, like, text)
                .setParameter(7, page.size()).setParameter(8, page.offset())).stream()
                .map(r -> new Entry((String) r[0], (String) r[1], (String) r[2], (String) r[3], CreditSql.date(r[4]),
                        CreditSql.date(r[5]))).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query q, LocalDate d, CreditParams p, String kind,
            String like, String text) {
        return q.setParameter(1, d).setParameter(2, p.seriousLongestMonths()).setParameter(3, p.generalLongestMonths())
                .setParameter(4, kind).setParameter(5, like).setParameter(6, text == null ? "" : text.toUpperCase(Locale.ROOT));
    }
}
