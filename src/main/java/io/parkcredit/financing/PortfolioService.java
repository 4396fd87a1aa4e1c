package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.CsvCells;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bank or a guarantor holds (README, "Workbench"): its requests by status (a disbursed
 * request past its repayment day counts as OVERDUE), its exposure per debtor, seller and industry
 * against its limits, repayments due in the next 30 days and overdue ones, hours from claim to
 * first offer and the share of offered requests it won; for a guarantor also its guarantees per
 * guaranteed firm with their fees. Every amount is what {@code financing_held} says it holds, so the
 * sums recount from the requests (and the CSV lists them one by one).
 */
@ApplicationScoped
public class PortfolioService {

    static final int DUE_DAYS = 30;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    @Inject
    LimitService limits;

    public record StatusLine(String status, long count, BigDecimal amount) {
    }

    public record Exposure(String key, String name, long count, BigDecimal outstanding, BigDecimal limit,
            BigDecimal headroom) {
    }

    public record Repayment(long id, String sellerUscc, String sellerName, String debtorName, BigDecimal amount,
            LocalDate due, long days) {
    }

    public record Guarantee(String uscc, String name, long count, BigDecimal guaranteed, BigDecimal fees) {
    }

    public record Portfolio(String institutionCode, String institutionName, String kind, LocalDate asOf,
            List<StatusLine> byStatus, BigDecimal outstanding, BigDecimal totalLimit, BigDecimal totalHeadroom,
            List<Exposure> byDebtor, List<Exposure> bySeller, List<Exposure> byIndustry, List<Repayment> dueSoon,
            List<Repayment> overdue, Double avgHoursToOffer, Double medianHoursToOffer, long offered, long won,
            BigDecimal winRate, List<Guarantee> guarantees, BigDecimal guaranteeFees) {
    }

    /** The requests an institution holds or held, as claimant or guarantor ({@code ?1}: institution). */
    static final String MINE = """
            ((r.claimed_by = ?1 and r.status in ('CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED', 'REPAID'))
             or (r.guarantor_code = ?1 and r.status in ('ROUTED', 'CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED', 'REPAID')))""";

    /** The status a portfolio shows ({@code ?2}: today): OVERDUE for a disbursed request past its day. */
    static final String STATUS = "case when r.status = 'DISBURSED' and r.repayment_due < ?2 then 'OVERDUE' else r.status end";

    /** What the institution holds on {@code r}, and for a repaid request what it had lent or guaranteed. */
    static final String AMOUNT = """
            case when r.status = 'REPAID' then coalesce(case when r.claimed_by = ?1 then r.disbursed_amount
                                                             else r.guarantee_amount end, 0)
                 else financing_held(r, ?1) end""";

    /** The guarantee fee over the financing's term: amount × yearly fee rate × term days / 365. */
    static final String FEE = """
            round(coalesce(r.guarantee_amount, 0) * coalesce(r.guarantee_fee_rate, 0) / 100
                  * coalesce(o.term_days, r.term_days) / 365, 2)""";

    @Transactional
    public Portfolio portfolio(String institution) {
        currentUser.require(Action.PORTFOLIO_VIEW);
        String inst = limits.whose(institution);
        LocalDate today = LocalDate.now(clock);
        Object[] who = (Object[]) em.createNativeQuery("select name, kind from institutions where code = ?1")
                .setParameter(1, inst).getResultList().stream().findFirst().orElse(new Object[] {inst, ""});

        List<StatusLine> byStatus = new ArrayList<>();
        for (Object[] r : rows(em.createNativeQuery("select " + STATUS + " st, count(*), coalesce(sum(" + AMOUNT
                + "), 0) from financing_requests r where " + MINE + " group by st"), inst, today)) {
            byStatus.add(new StatusLine((String) r[0], ((Number) r[1]).longValue(), (BigDecimal) r[2]));
        }
        List<String> order = List.of("ROUTED", "CLAIMED", "OFFERED", "ACCEPTED", "DISBURSED", "OVERDUE", "REPAID");
        byStatus.sort(java.util.Comparator.comparingInt(s -> order.indexOf(s.status())));

        LimitService.Limits lims = limits.read(inst);
        Map<String, LimitService.LimitView> byKey = new LinkedHashMap<>();
        lims.limits().forEach(l -> byKey.put(l.kind() + "/" + l.subject(), l));
        BigDecimal outstanding = BigDecimal.ZERO;
        for (StatusLine s : byStatus) {
            if (!s.status().equals("REPAID")) {
                outstanding = outstanding.add(s.amount());
            }
        }
        LimitService.LimitView total = byKey.get("TOTAL/");

        List<Exposure> byDebtor = exposures(inst, "r.debtor_uscc", "coalesce(max(de.name), max(r.debtor_name))",
                "left join enterprises de on de.uscc = r.debtor_uscc", "DEBTOR", byKey);
        List<Exposure> bySeller = exposures(inst, "r.seller_uscc", "max(se.name)",
                "left join enterprises se on se.uscc = r.seller_uscc", "SELLER", byKey);
        List<Exposure> byIndustry = exposures(inst, "coalesce(se.industry_code, '')", "''",
                "left join enterprises se on se.uscc = r.seller_uscc", "INDUSTRY", byKey);
        // industry limits are on code prefixes: each with the sum of what it covers
        List<Exposure> industryLimits = new ArrayList<>();
        for (LimitService.LimitView l : lims.limits()) {
            if (l.kind() == LimitService.Kind.INDUSTRY) {
                industryLimits.add(new Exposure(l.subject() + "*", "", 0, l.outstanding(), l.amount(), l.headroom()));
            }
        }
        List<Exposure> industries = new ArrayList<>(byIndustry);
        industries.addAll(industryLimits);

        List<Repayment> dueSoon = repayments(inst, "r.repayment_due between ?2 and ?3 order by r.repayment_due, r.id",
                today, today.plusDays(DUE_DAYS));
        List<Repayment> overdue = repayments(inst, "r.repayment_due < ?2 order by r.repayment_due, r.id", today, null);

        Object[] tto = (Object[]) em.createNativeQuery("""
                with firsts as (
                    select o.request_id, min(o.created_at) offered_at from financing_offers o
                    where o.institution_code = ?1 group by o.request_id),
                spans as (
                    select extract(epoch from f.offered_at - (select max(s.at) from financing_steps s
                            where s.request_id = f.request_id and s.step = 'CLAIMED' and s.institution_code = ?1
                              and s.at <= f.offered_at)) / 3600.0 h
                    from firsts f)
                select avg(h), percentile_cont(0.5) within group (order by h),
                       (select count(*) from firsts),
                       (select count(distinct o.request_id) from financing_offers o
                        where o.institution_code = ?1 and o.status = 'ACCEPTED')
                from spans where h is not null""").setParameter(1, inst).getSingleResult();
        long offered = ((Number) tto[2]).longValue();
        long won = ((Number) tto[3]).longValue();

        List<Guarantee> guarantees = new ArrayList<>();
        BigDecimal fees = BigDecimal.ZERO;
        for (Object[] r : rows(em.createNativeQuery("""
                select r.seller_uscc, max(se.name), count(*), sum(financing_held(r, ?1)), sum(%s)
                from financing_requests r left join enterprises se on se.uscc = r.seller_uscc
                left join financing_offers o on o.id = r.accepted_offer_id
                where r.guarantor_code = ?1 and r.status in ('ROUTED', 'CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED', 'REPAID')
                group by r.seller_uscc order by sum(financing_held(r, ?1)) desc, r.seller_uscc""".formatted(FEE)), inst,
                null)) {
            BigDecimal fee = (BigDecimal) r[4];
            guarantees.add(new Guarantee((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (BigDecimal) r[3], fee));
            fees = fees.add(fee);
        }
        return new Portfolio(inst, (String) who[0], (String) who[1], today, byStatus, outstanding,
                total == null ? null : total.amount(), total == null ? null : total.amount().subtract(outstanding),
                byDebtor, bySeller, industries, dueSoon, overdue, hours(tto[0]), hours(tto[1]), offered, won,
                offered == 0 ? null : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(offered), 4, RoundingMode.HALF_UP),
                guarantees, fees);
    }

    private List<Exposure> exposures(String inst, String key, String name, String join, String kind,
            Map<String, LimitService.LimitView> limitsByKey) {
        List<Exposure> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Object[] r : rows(em.createNativeQuery("select " + key + " k, " + name + ", count(*), sum(financing_held(r, ?1))"
                + " from financing_requests r " + join + " where " + MINE + " and financing_held(r, ?1) > 0"
                + " group by k order by sum(financing_held(r, ?1)) desc, k"), inst, null)) {
            String k = (String) r[0];
            BigDecimal amount = (BigDecimal) r[3];
            LimitService.LimitView l = kind.equals("INDUSTRY") ? null : limitsByKey.get(kind + "/" + k);
            seen.add(k);
            out.add(new Exposure(k, (String) r[1], ((Number) r[2]).longValue(), amount, l == null ? null : l.amount(),
                    l == null ? null : l.amount().subtract(amount)));
        }
        if (!kind.equals("INDUSTRY")) {
            for (LimitService.LimitView l : limitsByKey.values()) {
                if (l.kind().name().equals(kind) && !seen.contains(l.subject())) {
                    out.add(new Exposure(l.subject(), l.subjectName(), 0, BigDecimal.ZERO.setScale(2), l.amount(),
                            l.amount()));
                }
            }
        }
        return out;
    }

    private List<Repayment> repayments(String inst, String condition, LocalDate today, LocalDate until) {
        Query q = em.createNativeQuery("""
                select r.id, r.seller_uscc, se.name, r.debtor_name, r.disbursed_amount, r.repayment_due
                from financing_requests r left join enterprises se on se.uscc = r.seller_uscc
                where (r.claimed_by = ?1 or r.guarantor_code = ?1) and r.status = 'DISBURSED'""" + " and " + condition);
        q.setParameter(1, inst).setParameter(2, Date.valueOf(today));
        if (until != null) {
            q.setParameter(3, Date.valueOf(until));
        }
        List<Repayment> out = new ArrayList<>();
        for (Object[] r : rows(q)) {
            LocalDate due = r[5] instanceof LocalDate d ? d : ((Date) r[5]).toLocalDate();
            out.add(new Repayment(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (BigDecimal) r[4], due, ChronoUnit.DAYS.between(today, due)));
        }
        return out;
    }

    /** The portfolio's requests one by one as CSV: each amount the sums on the page add up. */
    @Transactional
    public Response csv(String institution) {
        currentUser.require(Action.PORTFOLIO_VIEW);
        String inst = limits.whose(institution);
        LocalDate today = LocalDate.now(clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvCells w = CsvCells.to(out)) {
            w.row("request_id", "status", "seller_uscc", "seller_name", "debtor_uscc", "debtor_name", "industry_code",
                    "amount", "outstanding", "repayment_due", "guarantor_code", "guarantee_amount", "guarantee_fee");
            for (Object[] r : rows(em.createNativeQuery("select r.id, " + STATUS + ", r.seller_uscc, se.name, r.debtor_uscc,"
                    + " r.debtor_name, se.industry_code, " + AMOUNT + ", financing_held(r, ?1), r.repayment_due,"
                    + " r.guarantor_code, r.guarantee_amount, case when r.guarantor_code = ?1 then " + FEE + " end"
                    + " from financing_requests r left join enterprises se on se.uscc = r.seller_uscc"
                    + " left join financing_offers o on o.id = r.accepted_offer_id where " + MINE + " order by r.id"),
                    inst, today)) {
                List<String> cells = new ArrayList<>();
                for (Object c : r) {
                    cells.add(c == null ? "" : c instanceof BigDecimal d ? d.toPlainString() : c.toString());
                }
                w.row(cells);
            }
        }
        return Response.ok(out.toByteArray()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"portfolio-" + inst + "-" + today + ".csv\"").build();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        return q.getResultList();
    }

    private static List<Object[]> rows(Query q, String inst, LocalDate today) {
        q.setParameter(1, inst);
        if (today != null) {
            q.setParameter(2, Date.valueOf(today));
        }
        return rows(q);
    }

    private static Double hours(Object o) {
        return o == null ? null : Math.round(((Number) o).doubleValue() * 10) / 10.0;
    }
}
