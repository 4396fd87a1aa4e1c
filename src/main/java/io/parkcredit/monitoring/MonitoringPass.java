package io.parkcredit.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.shared.db.CopyWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Turns newly stored credit events into alerts and SMS (DOMAIN.md §6), set-based. Every event a
 * transaction stores is queued by a database trigger ({@code monitoring_queue}); a pass drains a
 * chunk of the queue with {@code FOR UPDATE SKIP LOCKED}, matches each negative event to its most
 * specific alert rule, writes one alert per event ({@code ref} unique: a known event raises nothing
 * new), one outbox row per recipient (firm, subscribed institutions; {@code dedup_key} unique), and
 * links the institutions with exposure to the firm for SERIOUS events. It runs inside the caller's
 * transaction; the dispatcher is woken when that transaction commits.
 */
@ApplicationScoped
public class MonitoringPass {

    /** Text to an institution's subscribed officer about a firm it finances. */
    static final String INSTITUTION_TEMPLATE = "【园区信用通】与贵机构有融资往来的企业{firm}新增信用警示“{title}”（{type}，{date}），请登录园区信用通查看预警。";
    /** Text of a scheduled reminder to the firm. */
    static final String REMINDER_TEMPLATE = "【园区信用通】{firm}：{title}（日期：{date}），请及时办理。";

    @Inject
    DataSource dataSource;

    @Inject
    MonitoringConfig config;

    @Inject
    @Any
    Instance<ExposureSource> exposures;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    ObjectMapper json;

    /** What one pass did. */
    public record PassResult(int events, int alerts, int sms) {
    }

    /**
     * Processes {@code eventIds}, events the calling transaction just stored with the queue trigger
     * switched off for it ({@code parkcredit.monitoring_inline}, V040); must run in that transaction.
     */
    public PassResult processEvents(long[] eventIds, LocalDate today) {
        return run(eventIds, Integer.MAX_VALUE, today);
    }

    /** A credit event the calling transaction has just stored, as the intake read it back. */
    public record NewEvent(long id, String source, String eventNo, String uscc, String type, String severity,
            LocalDate occurredOn, String title) {
    }

    /** A firm as its SMS needs it: its name and contact mobile (null: it gets no SMS). */
    public record FirmContact(String name, String mobile) {
    }

    /** An alert rule as the pass applies it. */
    record Rule(long id, String eventType, String severity, String level, boolean notifyFirm, boolean notifyOfficers,
            boolean notifyInstitutions, boolean sms, String templateCode, String template, boolean enabled) {
    }

    /**
     * The rule an event matches: the most specific one for its type and severity (type before
     * severity; an event without a severity counts as GENERAL), or none when there is none or the
     * winner is disabled. The same choice as the statement of {@link #processEvents}.
     */
    static Optional<Rule> ruleFor(List<Rule> rules, String type, String severity) {
        String sev = severity == null ? "GENERAL" : severity;
        Rule best = null;
        int bestRank = -1;
        for (Rule r : rules) {
            boolean typeFits = r.eventType().equals(type) || r.eventType().equals("*");
            boolean severityFits = r.severity().equals(sev) || r.severity().equals("*");
            if (!typeFits || !severityFits) {
                continue;
            }
            int rank = (r.eventType().equals("*") ? 0 : 2) + (r.severity().equals("*") ? 0 : 1);
            if (rank > bestRank) {
                best = r;
                bestRank = rank;
            }
        }
        return best == null || !best.enabled() ? Optional.empty() : Optional.of(best);
    }

    /** The channels of an alert under its rule, as the alert row lists them. */
    static String channels(Rule r) {
        List<String> c = new ArrayList<>(3);
        if (r.notifyOfficers()) {
            c.add("INBOX");
        }
        if (r.sms() && r.notifyFirm()) {
            c.add("SMS");
        }
        if (r.notifyInstitutions()) {
            c.add("INSTITUTIONS");
        }
        return String.join(",", c);
    }

    /**
     * Processes events the calling transaction has just stored (the intake API's), with the queue
     * trigger switched off for it: their alerts and firm SMS are decided here, from the events as
     * stored, the rules read once and the firms the intake read when it checked them, and written by {@code COPY} (a request's rows in
     * one stream per table, no per-row conflict check: a new event has no alert yet). Should an alert
     * of one of them exist after all, the events go through {@link #processEvents} instead, whose
     * statement skips what exists. Must run in that transaction.
     */
    public PassResult processNew(List<NewEvent> events, Map<String, FirmContact> firms, LocalDate today) {
        try (Connection c = dataSource.getConnection()) {
            List<Rule> rules = rules(c);
            LocalDate recentAfter = today.minusDays(config.recentDays());
            List<NewEvent> alerting = new ArrayList<>();
            List<Rule> matched = new ArrayList<>();
            for (NewEvent e : events) {
                EventType type = EventType.valueOf(e.type());
                if (!type.negative() || !e.occurredOn().isAfter(recentAfter)) {
                    continue;
                }
                Optional<Rule> rule = ruleFor(rules, e.type(), e.severity());
                if (rule.isPresent()) {
                    alerting.add(e);
                    matched.add(rule.get());
                }
            }
            if (alerting.isEmpty()) {
                return new PassResult(events.size(), 0, 0);
            }
            String[] refs = alerting.stream().map(e -> "EVENT:" + e.source() + "/" + e.eventNo()).toArray(String[]::new);
            if (anyAlert(c, refs)) {
                return processEvents(events.stream().mapToLong(NewEvent::id).toArray(), today);
            }
            long[] ids = new long[alerting.size()];
            Timestamp now = alertIds(c, ids);
            String at = now.toInstant().toString();
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (CopyWriter w = new CopyWriter(copy.copyIn("copy monitoring_alerts (id, ref, kind, uscc, event_id, level,"
                    + " channels, title, reason, rule_id, accepted_at) from stdin"), false)) {
                for (int i = 0; i < ids.length; i++) {
                    NewEvent e = alerting.get(i);
                    Rule r = matched.get(i);
                    w.row(0, new String[] {Long.toString(ids[i]), refs[i], "EVENT", e.uscc(), Long.toString(e.id()), r.level(),
                            channels(r), alertTitle(e), "rule " + r.id() + " (" + r.eventType() + " / " + r.severity()
                                    + ") matched " + e.type() + " / " + (e.severity() == null ? "-" : e.severity()),
                            Long.toString(r.id()), at});
                }
                w.finish();
            }
            int sms = 0;
            try (CopyWriter w = new CopyWriter(copy.copyIn("copy sms_messages (dedup_key, alert_id, uscc, mobile, template_code,"
                    + " params, text, urgent, accepted_at) from stdin"), false)) {
                for (int i = 0; i < ids.length; i++) {
                    NewEvent e = alerting.get(i);
                    Rule r = matched.get(i);
                    FirmContact firm = firms.get(e.uscc());
                    if (!r.sms() || !r.notifyFirm() || firm == null || firm.mobile() == null) {
                        continue;
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    values.put("firm", firm.name());
                    values.put("title", alertTitle(e));
                    values.put("type", EventType.valueOf(e.type()).label());
                    values.put("date", e.occurredOn().toString());
                    w.row(0, new String[] {"FIRM:" + e.uscc() + ":" + refs[i], Long.toString(ids[i]), e.uscc(), firm.mobile(),
                            r.templateCode(), json.writeValueAsString(values), SmsTemplate.render(r.template(), values),
                            "SERIOUS".equals(e.severity()) ? "t" : "f", at});
                    sms++;
                }
                w.finish();
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException("SMS parameters not written: " + ex.getMessage(), ex);
            }
            linkInstitutions(c, ids, today);
            sms += insertInstitutionSms(c, ids);
            wakeOnCommit();
            return new PassResult(events.size(), ids.length, sms);
        } catch (SQLException e) {
            throw new IllegalStateException("monitoring pass failed: " + e.getMessage(), e);
        }
    }

    /** An alert's title: the event's, or its type's name when it has none. */
    private static String alertTitle(NewEvent e) {
        return e.title() == null || e.title().isEmpty() ? EventType.valueOf(e.type()).label() : e.title();
    }

    private static List<Rule> rules(Connection c) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, event_type, severity, level, notify_firm, notify_officers,"
                + " notify_institutions, sms, template_code, template, enabled from monitoring_rules");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rules.add(new Rule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
                        rs.getBoolean(11)));
            }
        }
        return rules;
    }

    private static boolean anyAlert(Connection c, String[] refs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from monitoring_alerts where ref = any(?))")) {
            ps.setArray(1, c.createArrayOf("text", refs));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Draws the alerts' ids from their sequence; returns the transaction's start (the events' acceptance). */
    private static Timestamp alertIds(Connection c, long[] ids) throws SQLException {
        Timestamp now = null;
        try (PreparedStatement ps = c.prepareStatement("select nextval(pg_get_serial_sequence('monitoring_alerts', 'id')),"
                + " now() from generate_series(1, ?)")) {
            ps.setInt(1, ids.length);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                    now = rs.getTimestamp(2);
                }
            }
        }
        return now;
    }

    /** Processes up to {@code limit} queued events, oldest first; must run in a transaction. */
    public PassResult processQueued(int limit, LocalDate today) {
        return run(null, limit, today);
    }

    private PassResult run(long[] only, int limit, LocalDate today) {
        try (Connection c = dataSource.getConnection()) {
            int[] counts = {0, 0};
            long[] alerts = insertEventAlerts(c, only, limit, today, counts);
            int sms = counts[1];
            if (alerts.length > 0) {
                linkInstitutions(c, alerts, today);
                sms += insertInstitutionSms(c, alerts);
                wakeOnCommit();
            }
            return new PassResult(counts[0], alerts.length, sms);
        } catch (SQLException e) {
            throw new IllegalStateException("monitoring pass failed: " + e.getMessage(), e);
        }
    }

    /**
     * One statement: the events' alerts and, from the rows just inserted, each alert's SMS to its firm
     * (the events' own data, the rule's template, the firm's name and mobile read once). Returns the new
     * alerts; {@code counts} receives the events taken and the firm SMS written.
     */
    private long[] insertEventAlerts(Connection c, long[] only, int limit, LocalDate today, int[] counts)
            throws SQLException {
        String negatives = Arrays.stream(EventType.values()).filter(EventType::negative)
                .map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "));
        // events of the calling transaction are not queued (V040): taken as given; the rest drained from the queue
        String sql = (only != null ? "with q as (select x as event_id, now() as queued_at from unnest(?::bigint[]) x limit ?),"
                : "with q as (delete from monitoring_queue where event_id in (select event_id from monitoring_queue"
                + " order by event_id limit ? for update skip locked) returning event_id, queued_at),")
                + " n as (select count(*) as drained from q),"
                + " m as (select distinct on (e.id) e.id, e.source, e.event_no, e.uscc, e.type, e.severity, e.title,"
                + " q.queued_at, r.id as rule_id, r.level, r.notify_firm, r.notify_officers, r.notify_institutions, r.sms,"
                + " r.event_type as rule_type, r.severity as rule_severity, r.enabled"
                + " from q join credit_events e on e.id = q.event_id"
                + " join monitoring_rules r on r.event_type in (e.type, '*')"
                + " and r.severity in (coalesce(e.severity, 'GENERAL'), '*')"
                + " where e.type in (" + negatives + ") and e.occurred_on > ?::date - ?::int"
                + " order by e.id, (r.event_type <> '*') desc, (r.severity <> '*') desc),"
                + " ins as (insert into monitoring_alerts (ref, kind, uscc, event_id, level, channels, title, reason, rule_id,"
                + " accepted_at) select 'EVENT:' || m.source || '/' || m.event_no, 'EVENT', m.uscc, m.id, m.level,"
                + " concat_ws(',', case when m.notify_officers then 'INBOX' end, case when m.sms and m.notify_firm then 'SMS' end,"
                + " case when m.notify_institutions then 'INSTITUTIONS' end),"
                + " coalesce(nullif(m.title, ''), " + typeLabel("m.type") + "),"
                + " 'rule ' || m.rule_id || ' (' || m.rule_type || ' / ' || m.rule_severity || ') matched '"
                + " || m.type || ' / ' || coalesce(m.severity, '-'), m.rule_id, m.queued_at"
                + " from m where m.enabled on conflict (ref) do nothing returning id, ref, uscc, event_id, rule_id, title, accepted_at),"
                + " sms as (insert into sms_messages (dedup_key, alert_id, uscc, mobile, template_code, params, text, urgent,"
                + " accepted_at) select 'FIRM:' || a.uscc || ':' || a.ref, a.id, a.uscc, f.contact_mobile, r.template_code, "
                + SmsTemplate.sqlContent("r.template", "f.name", "a.title", "t.label", "e.occurred_on::text")
                + ", e.severity = 'SERIOUS', a.accepted_at"
                // by key from the rows just inserted (a join with the CTE m would rescan it per row)
                + " from ins a join credit_events e on e.id = a.event_id join monitoring_rules r on r.id = a.rule_id"
                + " join enterprises f on f.uscc = a.uscc"
                + " cross join lateral (select " + typeLabel("e.type") + " as label) t"
                + " where r.sms and r.notify_firm and f.contact_mobile is not null"
                + " on conflict (dedup_key) do nothing returning 1)"
                + " select (select drained from n), (select count(*) from sms), coalesce(array_agg(id), '{}') from ins";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (only != null) {
                ps.setArray(i++, longs(c, only));
            }
            ps.setInt(i++, limit);
            ps.setObject(i++, today);
            ps.setInt(i, config.recentDays());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                counts[0] = rs.getInt(1);
                counts[1] = rs.getInt(2);
                return toLongs(rs.getArray(3));
            }
        }
    }

    /** Inserts the reminders' alerts and SMS; {@code keys} are the reminder keys just inserted. */
    int alertReminders(Connection c, List<String> keys, LocalDate today, boolean textsFirm) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        long[] alerts;
        try (PreparedStatement ps = c.prepareStatement("with ins as (insert into monitoring_alerts (ref, kind, uscc, level,"
                + " channels, title, reason, accepted_at) select 'REMINDER:' || r.reminder_key, r.kind, r.uscc, 'INFO',"
                + " case when r.institution_code is null then 'INBOX,SMS' else 'INBOX,SMS,INSTITUTIONS' end, r.title,"
                + " 'scan of ' || r.scan_day || ': ' || r.kind || ' due ' || r.due_on, now()"
                + " from monitoring_reminders r where r.reminder_key = any(?) on conflict (ref) do nothing returning id)"
                + " select coalesce(array_agg(id), '{}') from ins")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                alerts = toLongs(rs.getArray(1));
            }
        }
        if (alerts.length == 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into monitoring_alert_institutions (alert_id, institution_code)"
                + " select a.id, r.institution_code from monitoring_alerts a"
                + " join monitoring_reminders r on a.ref = 'REMINDER:' || r.reminder_key"
                + " join institutions i on i.code = r.institution_code where a.id = any(?) on conflict do nothing")) {
            ps.setArray(1, longs(c, alerts));
            ps.executeUpdate();
        }
        int sms = insertFirmSms(c, alerts, "r.due_on::text", "'" + REMINDER_TEMPLATE + "'", "'PC_REMINDER'",
                "join monitoring_reminders r on a.ref = 'REMINDER:' || r.reminder_key", textsFirm ? "true" : "false", "false");
        sms += insertInstitutionSms(c, alerts);
        wakeOnCommit();
        return alerts.length;
    }

    private int insertFirmSms(Connection c, long[] alerts, String date, String template, String templateCode,
            String joins, String condition, String urgent) throws SQLException {
        String sql = "insert into sms_messages (dedup_key, alert_id, uscc, mobile, template_code, params, text, urgent,"
                + " accepted_at)"
                + " select 'FIRM:' || a.uscc || ':' || a.ref, a.id, a.uscc, f.contact_mobile, " + templateCode + ", "
                + SmsTemplate.sqlContent(template, "f.name", "a.title", "a.kind", date) + ", " + urgent + ", a.accepted_at"
                + " from monitoring_alerts a " + joins + " join enterprises f on f.uscc = a.uscc"
                + " where a.id = any(?) and " + condition + " and f.contact_mobile is not null"
                + " on conflict (dedup_key) do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, longs(c, alerts));
            return ps.executeUpdate();
        }
    }

    private void linkInstitutions(Connection c, long[] alerts, LocalDate today) throws SQLException {
        List<String> sources = new ArrayList<>();
        for (ExposureSource s : exposures) {
            sources.add("(" + s.sql().replace(":today", "date '" + today + "'") + ")");
        }
        if (sources.isEmpty()) {
            return;
        }
        String sql = "insert into monitoring_alert_institutions (alert_id, institution_code)"
                + " select distinct a.id, x.institution_code from monitoring_alerts a"
                + " join monitoring_rules r on r.id = a.rule_id and r.notify_institutions"
                + " join (" + String.join(" union all ", sources) + ") x (uscc, institution_code) on x.uscc = a.uscc"
                + " join institutions i on i.code = x.institution_code"
                + " where a.id = any(?) on conflict do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, longs(c, alerts));
            ps.executeUpdate();
        }
    }

    private int insertInstitutionSms(Connection c, long[] alerts) throws SQLException {
        String rank = "case %s when 'INFO' then 1 when 'WARNING' then 2 else 3 end";
        String date = "coalesce((select e.occurred_on::text from credit_events e where e.id = a.event_id), "
                + "(select r.due_on::text from monitoring_reminders r where a.ref = 'REMINDER:' || r.reminder_key))";
        String type = "coalesce((select " + typeLabel("e.type") + " from credit_events e where e.id = a.event_id), a.kind)";
        String sql = "insert into sms_messages (dedup_key, alert_id, uscc, mobile, template_code, params, text, urgent,"
                + " accepted_at)"
                + " select 'INST:' || ai.institution_code || ':' || a.ref, a.id, a.uscc, s.mobile, 'PC_INSTITUTION_ALERT',"
                + " " + SmsTemplate.sqlContent("?", "f.name", "a.title", "t.type", "t.date") + ", a.level = 'CRITICAL', a.accepted_at"
                + " from monitoring_alert_institutions ai join monitoring_alerts a on a.id = ai.alert_id"
                + " join monitoring_subscriptions s on s.institution_code = ai.institution_code and s.sms_enabled"
                + " and s.mobile is not null and " + rank.formatted("a.level") + " >= " + rank.formatted("s.min_level")
                + " join enterprises f on f.uscc = a.uscc"
                + " cross join lateral (select " + type + " as type, coalesce(" + date + ", '') as date) t"
                + " where ai.alert_id = any(?) on conflict (dedup_key) do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, INSTITUTION_TEMPLATE);
            ps.setArray(2, longs(c, alerts));
            return ps.executeUpdate();
        }
    }

    /** Wakes the dispatcher once the current transaction commits (new outbox rows are then visible). */
    private void wakeOnCommit() {
        try {
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        dispatcher.wake();
                    }
                }
            });
        } catch (IllegalStateException noTransaction) {
            dispatcher.wake();
        }
    }

    /** The Chinese label of an event type column, as a SQL expression. */
    static String typeLabel(String column) {
        return Arrays.stream(EventType.values()).map(t -> "when '" + t.name() + "' then '" + t.label() + "'")
                .collect(Collectors.joining(" ", "(case " + column + " ", " else " + column + " end)"));
    }

    static Array longs(Connection c, long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("bigint", boxed);
    }

    static long[] toLongs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }
}
