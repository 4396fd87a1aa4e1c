package io.parkcredit.policy;

import io.parkcredit.monitoring.SmsTemplate;
import io.parkcredit.park.ParkId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole park against a policy in one statement (DOMAIN.md §10.2): the firms' facts as a
 * derived table, {@link PolicyRules}' clauses as a WHERE, new matches inserted once (the primary
 * key makes a second pass, or a second server, add nothing), and for each new match an inbox
 * alert and an SMS in the monitoring outbox (§6), each with its own unique key.
 */
final class PolicyMatcher {

    private PolicyMatcher() {
    }

    /** Every active in-park firm's facts on {@code ?} (the day, given as the first parameter); its list is its park's latest published one. */
    static final String FACTS = """
            select e.uscc, e.name, coalesce(l.list, 'NONE') as list, g.grade, e.industry_code, s.revenue, e.employees,
                   e.registered_on,
                   (select max(v.occurred_on) from credit_events v where v.uscc = e.uscc and v.severity = 'SERIOUS'
                           and v.occurred_on <= d.day and (v.repaired_on is null or v.repaired_on > d.day)) as last_serious,
                   e.park_id
            from (select cast(? as date) as day) d
            cross join enterprises e
            left join (select distinct on (park_id) park_id, id from classification_runs where status = 'PUBLISHED'
                       order by park_id, year desc) lr on lr.park_id = e.park_id
            left join classification_results l on l.uscc = e.uscc and l.run_id = lr.id
            left join lateral (select p.grade from published_ratings p where p.uscc = e.uscc and p.valid_from <= d.day
                               and p.valid_until >= d.day and (p.revoked_on is null or p.revoked_on > d.day)
                               order by p.valid_from desc limit 1) g on true
            left join lateral (select st.revenue from financial_statements st where st.uscc = e.uscc
                               order by st.year desc limit 1) s on true
            where e.in_park and e.status = 'ACTIVE'""";

    /**
     * The WHERE of {@link PolicyRules#explain} over {@link #FACTS} for a policy of park {@code park}
     * (only that park's firms qualify, DOMAIN.md §10.3), with its parameters appended to {@code params}.
     */
    static String where(Eligibility e, LocalDate day, List<Object> params) {
        return where(ParkId.DEFAULT.value(), e, day, params);
    }

    static String where(int park, Eligibility e, LocalDate day, List<Object> params) {
        StringBuilder w = new StringBuilder("f.park_id = " + park + " and f.list <> 'YELLOW'");
        if (e.lists() != null && !e.lists().isEmpty()) {
            w.append(" and f.list = any (?)");
            params.add(e.lists().toArray(new String[0]));
        }
        if (e.minGrade() != null) {
            w.append(" and f.grade = any (?)");
            params.add(PolicyRules.GRADES.subList(PolicyRules.GRADES.indexOf(e.minGrade()), PolicyRules.GRADES.size())
                    .toArray(new String[0]));
        }
        if (e.industries() != null && !e.industries().isEmpty()) {
            w.append(" and f.industry_code like any (?)");
            params.add(e.industries().stream().map(p -> p + "%").toArray(String[]::new));
        }
        if (e.revenueMin() != null || e.revenueMax() != null) {
            w.append(" and f.revenue is not null");
        }
        if (e.revenueMin() != null) {
            w.append(" and f.revenue >= ?");
            params.add(e.revenueMin());
        }
        if (e.revenueMax() != null) {
            w.append(" and f.revenue <= ?");
            params.add(e.revenueMax());
        }
        if (e.employeesMin() != null || e.employeesMax() != null) {
            w.append(" and f.employees is not null");
        }
        if (e.employeesMin() != null) {
            w.append(" and f.employees >= ?");
            params.add(e.employeesMin());
        }
        if (e.employeesMax() != null) {
            w.append(" and f.employees <= ?");
            params.add(e.employeesMax());
        }
        if (e.minYears() != null) {
            w.append(" and f.registered_on <= ?");
            params.add(Date.valueOf(day.minusYears(e.minYears())));
        }
        if (e.noSeriousMonths() != null) {
            w.append(" and (f.last_serious is null or f.last_serious <= ?)");
            params.add(Date.valueOf(day.minusMonths(e.noSeriousMonths())));
        }
        return w.toString();
    }

    /**
     * The SMS a matching firm gets, with the placeholders of the monitoring templates
     * ({@link io.parkcredit.monitoring.SmsTemplate}): {@code {firm}}, {@code {title}} the policy's
     * title, {@code {type}} "政策匹配" and {@code {date}} the last day of the policy. The gateway's
     * template {@value #SMS_TEMPLATE_CODE} takes the same four parameters.
     */
    static final String SMS_TEMPLATE = "【园区信用通】{firm}：您符合政策“{title}”的申请条件（有效期至{date}），请登录平台查看并申请。";
    static final String SMS_TEMPLATE_CODE = "PC_POLICY";
    static final String SMS_TYPE = "政策匹配";

    /**
     * Matches the park against the policy and notifies the new matches once.
     *
     * @return {new matches, SMS queued}
     */
    static int[] matchAndNotify(Connection c, long policyId, String title, LocalDate validTo, Eligibility e,
            LocalDate day) throws SQLException {
        return matchAndNotify(c, policyId, ParkId.DEFAULT.value(), title, validTo, e, day, null);
    }

    static int[] matchAndNotify(Connection c, long policyId, int park, String title, LocalDate validTo, Eligibility e,
            LocalDate day) throws SQLException {
        return matchAndNotify(c, policyId, park, title, validTo, e, day, null);
    }

    /**
     * Every firm's facts on {@code day} into a temporary table of this transaction ({@link #FACTS} once
     * for a pass over many policies, instead of once per policy); its name.
     */
    static String factsTable(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("create temp table if not exists policy_pass_facts on commit drop as "
                + FACTS)) {
            ps.setObject(1, Date.valueOf(day));
            ps.execute();
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("analyze policy_pass_facts");
        }
        return "policy_pass_facts";
    }

    /**
     * What a statement reads the facts from: the pass's table, or {@link #FACTS} computed in the
     * statement (its day then appended to {@code params}).
     */
    private static String factsSource(String factsTable, LocalDate day, List<Object> params) {
        if (factsTable != null) {
            return factsTable;
        }
        params.add(Date.valueOf(day));
        return "(" + FACTS + ")";
    }

    /** As above, over the facts already in {@code factsTable} (null: computed in the statement). */
    static int[] matchAndNotify(Connection c, long policyId, int park, String title, LocalDate validTo, Eligibility e,
            LocalDate day, String factsTable) throws SQLException {
        List<Object> params = new ArrayList<>();
        String facts = factsSource(factsTable, day, params);
        String where = where(park, e, day, params);
        String sql = "with m as (insert into policy_matches (policy_id, uscc) select " + policyId + ", f.uscc from "
                + facts + " f where " + where
                + " on conflict do nothing returning uscc),"
                + " a as (insert into monitoring_alerts (ref, kind, uscc, level, channels, title, reason, accepted_at)"
                + " select 'POLICY:' || " + policyId + " || '/' || m.uscc, 'POLICY_MATCH', m.uscc, 'INFO', 'INBOX,SMS',"
                + " cast(? as text), 'policy ' || " + policyId + " || ' matched', now() from m on conflict (ref) do nothing"
                + " returning id, uscc),"
                + " t as (select cast(? as text) as title, cast(? as text) as type, cast(? as text) as date,"
                + " cast(? as text) as template),"
                + " s as (insert into sms_messages (dedup_key, alert_id, uscc, mobile, template_code, params, text, urgent,"
                + " accepted_at) select 'POLICY:' || " + policyId + " || '/' || a.uscc, a.id, a.uscc,"
                + " e.contact_mobile, '" + SMS_TEMPLATE_CODE + "', "
                + SmsTemplate.sqlContent("t.template", "e.name", "t.title", "t.type", "t.date") + ", false, now()"
                + " from a join enterprises e on e.uscc = a.uscc cross join t where e.contact_mobile is not null"
                + " on conflict (dedup_key) do nothing returning 1)"
                + " select (select count(*) from m), (select count(*) from s)";
        // the alert's and the SMS's parameters come after the facts' and the WHERE's
        params.add(SMS_TYPE + "：" + title);
        params.add(title);
        params.add(SMS_TYPE);
        params.add(validTo.toString());
        params.add(SMS_TEMPLATE);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    /**
     * Marks the policy's open matches whose firm no longer meets every clause on {@code day} (or left
     * the park, or is no longer active) as LAPSED, and reopens the lapsed ones whose firm qualifies
     * again, in one statement over the matched firms only. A lapsed match is kept for history;
     * applications are not touched (one already filed is decided on its merits), and a firm that
     * qualifies again is not notified again (the alert's and the SMS's keys are per policy and firm).
     *
     * @return {matches lapsed, matches reopened}
     */
    static int[] lapse(Connection c, long policyId, int park, Eligibility e, LocalDate day) throws SQLException {
        return lapse(c, policyId, park, e, day, null);
    }

    /** As above, over the facts already in {@code factsTable} (null: computed in the statement). */
    static int[] lapse(Connection c, long policyId, int park, Eligibility e, LocalDate day, String factsTable)
            throws SQLException {
        List<Object> where = new ArrayList<>();
        String qualifies = where(park, e, day, where);
        // the clauses' parameters stand first (the select list), then the facts' day if computed here, then the policy twice
        List<Object> params = new ArrayList<>(where);
        String facts = factsSource(factsTable, day, params);
        String sql = "with q as (select pm.uscc, coalesce((" + qualifies + "), false) as ok"
                + " from policy_matches pm left join " + facts + " f on f.uscc = pm.uscc where pm.policy_id = ?),"
                + " u as (update policy_matches m set lapsed_at = case when q.ok then null else now() end"
                + " from q where m.policy_id = ? and m.uscc = q.uscc and q.ok = (m.lapsed_at is not null)"
                + " returning q.ok)"
                + " select count(*) filter (where not ok), count(*) filter (where ok) from u";
        params.add(policyId);
        params.add(policyId);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    /** The facts of the given firms (all of the park's when {@code usccs} is null), in USCC order. */
    static List<Row> facts(Connection c, LocalDate day, List<String> usccs) throws SQLException {
        String sql = "select * from (" + FACTS + ") f" + (usccs == null ? "" : " where f.uscc = any (?)") + " order by f.uscc";
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(day));
            if (usccs != null) {
                ps.setArray(2, c.createArrayOf("text", usccs.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), new PolicyRules.Facts(rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBigDecimal(6), (Integer) rs.getObject(7),
                            date(rs.getDate(8)), date(rs.getDate(9)))));
                }
            }
        }
        return out;
    }

    record Row(String uscc, String name, PolicyRules.Facts facts) {
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] a) {
                ps.setArray(i + 1, c.createArrayOf("text", a));
            } else if (p instanceof BigDecimal b) {
                ps.setBigDecimal(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
