package io.parkcredit.enterprise;

import io.parkcredit.security.Action;
import io.parkcredit.enterprise.EnterpriseViews.ClassificationRef;
import io.parkcredit.enterprise.EnterpriseViews.Compliance;
import io.parkcredit.enterprise.EnterpriseViews.EventView;
import io.parkcredit.enterprise.EnterpriseViews.LoanView;
import io.parkcredit.enterprise.EnterpriseViews.MonthlyFlow;
import io.parkcredit.enterprise.EnterpriseViews.Performance;
import io.parkcredit.enterprise.EnterpriseViews.Portrait;
import io.parkcredit.enterprise.EnterpriseViews.Profile;
import io.parkcredit.enterprise.EnterpriseViews.RatingRef;
import io.parkcredit.enterprise.EnterpriseViews.StatementView;
import io.parkcredit.enterprise.EnterpriseViews.TimelineItem;
import io.parkcredit.enterprise.EnterpriseViews.YearFigures;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Reason;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import io.parkcredit.credit.ObjectionMarks;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the registry for profiles and portraits. Whoever asks sees what their role allows:
 * an ENTERPRISE user only its own firm; contact details and private data (loans, events,
 * statements, flows) only to park-wide roles and the firm itself (DOMAIN.md §1).
 */
@ApplicationScoped
public class EnterpriseService {

    @Inject
    ObjectionMarks objectionMarks;

    @Inject
    CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Filters of the enterprise list; all optional. */
    public record Filter(String q, Boolean inPark, String industry, EnterpriseStatus status) {
    }

    @Transactional
    public PageResult<Profile> search(Filter f, PageRequest page) {
        currentUser.require(Action.ENTERPRISE_SEARCH);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        Integer park = currentUser.parks().sqlParam();
        if (park != null) {
            where.append(" and parkId = :park");
            params.put("park", park);
        }
        if (currentUser.has(Role.ENTERPRISE)) {
            where.append(" and uscc = :own");
            params.put("own", String.valueOf(currentUser.uscc()));
        }
        if (f.q() != null && !f.q().isBlank()) {
            String q = f.q().strip();
            where.append(" and (uscc like :prefix or lower(name) like :contains)");
            params.put("prefix", q.toUpperCase(Locale.ROOT) + "%");
            params.put("contains", "%" + q.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.inPark() != null) {
            where.append(" and inPark = :inPark");
            params.put("inPark", f.inPark());
        }
        if (f.industry() != null && !f.industry().isBlank()) {
            where.append(" and industryCode like :industry");
            params.put("industry", f.industry().strip().toUpperCase(Locale.ROOT) + "%");
        }
        if (f.status() != null) {
            where.append(" and status = :status");
            params.put("status", f.status());
        }
        var query = Enterprise.<Enterprise>find(where.toString(), Sort.by("name").and("uscc"), params);
        long total = query.count();
        List<Profile> items = query.page(Page.of(page.page(), page.size())).list().stream()
                .map(e -> Profile.of(e, currentUser.mayReadPrivateDataOf(e.uscc))).toList();
        return new PageResult<>(withStanding(items), page.page(), page.size(), total);
    }

    @Transactional
    public Profile profile(String usccText) {
        currentUser.require(Action.ENTERPRISE_SEARCH);
        Enterprise e = visible(usccText);
        return withStanding(List.of(Profile.of(e, currentUser.mayReadPrivateDataOf(e.uscc)))).get(0);
    }

    /**
     * Adds each firm's latest published classification and its rating valid today, two queries
     * for the whole page.
     */
    private List<Profile> withStanding(List<Profile> profiles) {
        if (profiles.isEmpty()) {
            return profiles;
        }
        String[] usccs = profiles.stream().map(Profile::uscc).toArray(String[]::new);
        ObjectionMarks.Marks marks = objectionMarks.forFirms(Arrays.asList(usccs));
        Map<String, ClassificationRef> lists = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select distinct on (c.uscc) c.uscc, r.year, c.list, r.id
                from classification_results c join classification_runs r on r.id = c.run_id
                where r.status = 'PUBLISHED' and c.uscc = any(cast(?1 as text[]))
                order by c.uscc, r.year desc""").setParameter(1, usccs).getResultList();
        rows.forEach(r -> lists.put((String) r[0], new ClassificationRef(((Number) r[1]).intValue(), (String) r[2],
                marks.has("CLASSIFICATION", r[1] + "/" + r[3] + "/" + r[0])
                        || marks.anyOf((String) r[0], ObjectionMarks.FEEDING))));
        Map<String, RatingRef> ratings = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rated = em.createNativeQuery("""
                select distinct on (uscc) uscc, grade, score, valid_until,
                       (select a.id from rating_applications a where a.published_rating_id = published_ratings.id limit 1)
                from published_ratings
                where uscc = any(cast(?1 as text[])) and valid_from <= ?2 and valid_until >= ?2
                  and (revoked_on is null or revoked_on > ?2)
                order by uscc, valid_from desc""").setParameter(1, usccs)
                .setParameter(2, Date.valueOf(LocalDate.now(clock))).getResultList();
        rated.forEach(r -> ratings.put((String) r[0], new RatingRef((String) r[1], (BigDecimal) r[2],
                r[3] instanceof LocalDate day ? day : ((Date) r[3]).toLocalDate(),
                r[4] != null && marks.has("RATING", r[4].toString()) || marks.anyOf((String) r[0], ObjectionMarks.FEEDING))));
        return profiles.stream().map(p -> new Profile(p.uscc(), p.name(), p.registeredOn(), p.industryCode(),
                p.registeredCapital(), p.employees(), p.status(), p.contactName(), p.contactMobile(), p.inPark(),
                p.address(), p.patents(), p.softwareCopyrights(), lists.get(p.uscc()), ratings.get(p.uscc()),
                marks.any(p.uscc()))).toList();
    }

    @Transactional
    public List<LoanView> loans(String usccText) {
        currentUser.require(Action.ENTERPRISE_PRIVATE_READ);
        Enterprise e = privateOf(usccText);
        LocalDate today = LocalDate.now(clock);
        ObjectionMarks.Marks marks = objectionMarks.forFirm(e.uscc);
        return Loan.<Loan>find("uscc", Sort.descending("startDate").and("loanNo"), e.uscc).stream()
                .map(l -> LoanView.of(l, today, marks.has("LOAN", l.lenderCode + "/" + l.loanNo))).toList();
    }

    @Transactional
    public List<EventView> events(String usccText) {
        currentUser.require(Action.ENTERPRISE_PRIVATE_READ);
        Enterprise e = privateOf(usccText);
        LocalDate today = LocalDate.now(clock);
        ObjectionMarks.Marks marks = objectionMarks.forFirm(e.uscc);
        return CreditEvent.<CreditEvent>find("uscc", Sort.descending("occurredOn").and("eventNo"), e.uscc).stream()
                .map(ev -> EventView.of(ev, today, marks.has("CREDIT_EVENT", ev.source + "/" + ev.eventNo))).toList();
    }

    @Transactional
    public List<StatementView> statements(String usccText) {
        currentUser.require(Action.ENTERPRISE_PRIVATE_READ);
        Enterprise e = privateOf(usccText);
        ObjectionMarks.Marks marks = objectionMarks.forFirm(e.uscc);
        return FinancialStatement.<FinancialStatement>find("uscc", Sort.ascending("year"), e.uscc).stream()
                .map(s -> StatementView.of(s, marks.has("FINANCIAL_STATEMENT", e.uscc + "/" + s.year))).toList();
    }

    /** Monthly IN/OUT totals of the last {@code months} calendar months up to today, oldest first. */
    @Transactional
    public List<MonthlyFlow> monthlyFlows(String usccText, int months) {
        currentUser.require(Action.ENTERPRISE_PRIVATE_READ);
        Enterprise e = privateOf(usccText);
        return flows(e.uscc, months);
    }

    private List<MonthlyFlow> flows(String uscc, int months) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.withDayOfMonth(1).minusMonths(months - 1L);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select to_char(m, 'YYYY-MM'),
                       coalesce(sum(t.amount) filter (where t.direction = 'IN'), 0),
                       coalesce(sum(t.amount) filter (where t.direction = 'OUT'), 0),
                       count(t.txn_id)
                from generate_series(cast(?1 as date), cast(?2 as date), interval '1 month') m
                left join transactions t
                       on t.uscc = ?3 and t.booked_on >= m and t.booked_on < m + interval '1 month'
                group by m order by m
                """).setParameter(1, Date.valueOf(from)).setParameter(2, Date.valueOf(today.withDayOfMonth(1)))
                .setParameter(3, uscc).getResultList();
        return rows.stream().map(r -> new MonthlyFlow((String) r[0], (BigDecimal) r[1], (BigDecimal) r[2],
                ((Number) r[3]).longValue())).toList();
    }

    /** The credit portrait (履约, 合规, 经营) with its timeline, as of today. */
    @Transactional
    public Portrait portrait(String usccText) {
        currentUser.require(Action.ENTERPRISE_PRIVATE_READ);
        return portraitOf(privateOf(usccText));
    }

    /**
     * The portrait for a bank or guarantor whose right the financing feature checked: the firm's
     * consent on one of its requests (DOMAIN.md §1, §7). The caller logs the access.
     */
    @Transactional
    public Portrait portraitByConsent(String uscc) {
        return portraitOf(Enterprise.<Enterprise>findByIdOptional(uscc)
                .orElseThrow(() -> ProblemException.notFound("enterprise", uscc)));
    }

    private Portrait portraitOf(Enterprise e) {
        LocalDate today = LocalDate.now(clock);
        List<Loan> loans = Loan.list("uscc", Sort.descending("startDate").and("loanNo"), e.uscc);
        List<CreditEvent> events = CreditEvent.list("uscc", Sort.descending("occurredOn").and("eventNo"), e.uscc);
        List<FinancialStatement> statements = FinancialStatement.list("uscc", Sort.ascending("year"), e.uscc);
        ObjectionMarks.Marks marks = objectionMarks.forFirm(e.uscc);
        return new Portrait(withStanding(List.of(Profile.of(e, true))).get(0), today, performance(loans, today), compliance(events, today),
                statements.stream().map(s -> new YearFigures(s.year, s.revenue, s.netProfit, s.operatingCashFlow,
                        s.totalAssets, s.totalLiabilities, marks.has("FINANCIAL_STATEMENT", e.uscc + "/" + s.year))).toList(),
                flows(e.uscc, 24), timeline(loans, events, statements, today),
                loans.stream().map(l -> LoanView.of(l, today, marks.has("LOAN", l.lenderCode + "/" + l.loanNo))).toList(),
                events.stream().map(ev -> EventView.of(ev, today, marks.has("CREDIT_EVENT", ev.source + "/" + ev.eventNo)))
                        .toList());
    }

    static Performance performance(List<Loan> loans, LocalDate today) {
        int open = 0;
        int arrears = 0;
        int over30 = 0;
        int settledOnTime = 0;
        int settled = 0;
        long maxOverdue = 0;
        BigDecimal outstanding = BigDecimal.ZERO;
        for (Loan l : loans) {
            long overdue = l.overdueDaysOn(today);
            maxOverdue = Math.max(maxOverdue, overdue);
            if (overdue > 30) {
                over30++;
            }
            if (l.settledOn == null || l.settledOn.isAfter(today)) {
                if (!l.startDate.isAfter(today)) {
                    open++;
                    outstanding = outstanding.add(l.principal);
                }
            } else {
                settled++;
                if (!l.settledOn.isAfter(l.dueDate)) {
                    settledOnTime++;
                }
            }
            if (l.inArrearsOn(today)) {
                arrears++;
            }
        }
        Double ratio = settled == 0 ? null : (double) settledOnTime / settled;
        return new Performance(loans.size(), open, arrears, maxOverdue, over30, outstanding, ratio);
    }

    static Compliance compliance(List<CreditEvent> events, LocalDate today) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, 0);
        }
        int counting = 0;
        int repaired = 0;
        int positive = 0;
        for (CreditEvent e : events) {
            if (!e.type.negative()) {
                positive++;
            } else if (e.countsOn(today)) {
                counting++;
                if (e.severity != null) {
                    bySeverity.merge(e.severity, 1, Integer::sum);
                }
            } else if (e.repairedOn != null && !e.repairedOn.isAfter(today)) {
                repaired++;
            }
        }
        return new Compliance(counting, bySeverity, repaired, positive);
    }

    static List<TimelineItem> timeline(List<Loan> loans, List<CreditEvent> events, List<FinancialStatement> statements,
            LocalDate today) {
        List<TimelineItem> items = new ArrayList<>();
        for (CreditEvent e : events) {
            String tone = !e.type.negative() ? "good" : e.countsOn(today) ? "bad" : "neutral";
            String sev = e.severity == null ? "" : "（" + e.severity.label() + "）";
            items.add(new TimelineItem(e.occurredOn, "EVENT", e.type.label() + sev,
                    (e.title == null ? "" : e.title) + " · " + e.source + "/" + e.eventNo, tone,
                    Reason.of("event", "type", e.type, "severity", e.severity), null));
            if (e.repairedOn != null) {
                items.add(new TimelineItem(e.repairedOn, "REPAIR", "信用修复 " + e.type.label(),
                        e.source + "/" + e.eventNo, "good", Reason.of("repair", "type", e.type), null));
            }
        }
        for (Loan l : loans) {
            items.add(new TimelineItem(l.startDate, "LOAN", "贷款发放 " + l.principal.toPlainString() + " 元",
                    l.lenderCode + " " + l.loanNo + "，到期 " + l.dueDate, "neutral",
                    Reason.of("loanStarted", "principal", l.principal),
                    Reason.of("loanDue", "lender", l.lenderCode, "loanNo", l.loanNo, "due", l.dueDate)));
            if (l.settledOn != null && !l.settledOn.isAfter(today)) {
                long late = l.overdueDaysOn(today);
                items.add(new TimelineItem(l.settledOn, "LOAN", late > 0 ? "逾期 " + late + " 天后结清" : "按期结清",
                        l.lenderCode + " " + l.loanNo, late > 0 ? "bad" : "good",
                        late > 0 ? Reason.of("settledLate", "days", late) : Reason.of("settledOnTime"), null));
            } else if (l.inArrearsOn(today)) {
                items.add(new TimelineItem(l.dueDate, "LOAN", "到期未还（至今逾期 " + l.overdueDaysOn(today) + " 天）",
                        l.lenderCode + " " + l.loanNo, "bad", Reason.of("unpaid", "days", l.overdueDaysOn(today)), null));
            }
        }
        for (FinancialStatement s : statements) {
            items.add(new TimelineItem(LocalDate.of(s.year, 12, 31), "STATEMENT", s.year + " 年度财务报表",
                    s.revenue == null ? "营业收入未报" : "营业收入 " + s.revenue.toPlainString() + " 元", "neutral",
                    Reason.of("statement", "year", s.year),
                    s.revenue == null ? Reason.of("revenueMissing") : Reason.of("revenue", "revenue", s.revenue)));
        }
        items.sort(Comparator.comparing(TimelineItem::on).reversed());
        return items;
    }

    private Enterprise visible(String usccText) {
        Uscc uscc;
        try {
            uscc = Uscc.parse(usccText);
        } catch (InvalidValueException ex) {
            throw ProblemException.invalid("uscc", ex.getMessage());
        }
        if (currentUser.has(Role.ENTERPRISE) && !uscc.value().equals(currentUser.uscc())) {
            throw ProblemException.forbidden("an enterprise user sees only its own firm");
        }
        Enterprise e = Enterprise.findById(uscc.value());
        if (e == null) {
            throw ProblemException.notFound("enterprise", uscc.value());
        }
        currentUser.requireInScope(e.parkId, "enterprise", uscc.value());
        return e;
    }

    private Enterprise privateOf(String usccText) {
        Enterprise e = visible(usccText);
        currentUser.requirePrivateDataOf(e.uscc);
        return e;
    }
}
