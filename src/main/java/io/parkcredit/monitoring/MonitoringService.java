package io.parkcredit.monitoring;

import io.parkcredit.security.Action;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.monitoring.MonitoringViews.AlertView;
import io.parkcredit.monitoring.MonitoringViews.AttemptView;
import io.parkcredit.monitoring.MonitoringViews.ReminderView;
import io.parkcredit.monitoring.MonitoringViews.RuleView;
import io.parkcredit.monitoring.MonitoringViews.SmsView;
import io.parkcredit.monitoring.MonitoringViews.SubscriptionView;
import io.parkcredit.monitoring.MonitoringViews.Timeline;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.Mobile;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads and edits of monitoring: the alert inbox (each role its own alerts), acknowledgement, the
 * SMS log, the alert rules (ADMIN edits, every change audited) and institutions' subscriptions.
 */
@ApplicationScoped
public class MonitoringService {

    static final Set<String> LEVELS = Set.of("INFO", "WARNING", "CRITICAL");
    static final Set<String> STATUSES = Set.of("PENDING", "SENT", "DELIVERED", "FAILED", "SUPPRESSED");

    @Inject
    DataSource dataSource;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    public record AlertFilter(String uscc, String level, Boolean open, String kind) {
    }

    private static final String ALERT_COLUMNS = "a.id, a.uscc, f.name as firm_name, a.ref, a.kind, a.level, a.created_at,"
            + " a.channels, a.title, a.reason, a.acknowledged_by, a.acknowledged_at,"
            + " array(select ai.institution_code from monitoring_alert_institutions ai where ai.alert_id = a.id"
            + " order by ai.institution_code) as institutions";

    /** A firm (by the USCC column named) of the park bound as the next parameter: a park's part of a list. */
    static final String IN_PARK = "exists (select 1 from enterprises pe where pe.uscc = %s and pe.park_id = ?)";

    /**
     * The alerts the caller may see: park roles all of their park (the region all), a firm its own, an
     * institution those it was told of.
     */
    @Transactional
    public PageResult<AlertView> alerts(AlertFilter filter, PageRequest page) {
        currentUser.require(Action.ALERTS_READ);
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (currentUser.has(Role.ENTERPRISE)) {
            where.append(" and a.uscc = ?");
            params.add(currentUser.uscc());
        } else if (currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR)) {
            where.append(" and exists (select 1 from monitoring_alert_institutions ai where ai.alert_id = a.id"
                    + " and ai.institution_code = ?)");
            params.add(currentUser.institutionCode());
        } else if (!currentUser.has(Role.ADMIN) && !currentUser.has(Role.REGULATOR)) {
            throw ProblemException.forbidden("your role does not read monitoring alerts");
        } else if (currentUser.parks().sqlParam() != null) {
            // a park's committee reads its park's firms' alerts (DOMAIN.md §10.3); the region reads all
            where.append(" and " + IN_PARK.formatted("a.uscc"));
            params.add(currentUser.parks().sqlParam());
        }
        if (filter.uscc() != null && !filter.uscc().isBlank()) {
            where.append(" and a.uscc = ?");
            params.add(filter.uscc().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (filter.level() != null) {
            where.append(" and a.level = ?");
            params.add(filter.level());
        }
        if (filter.kind() != null && !filter.kind().isBlank()) {
            where.append(" and a.kind = ?");
            params.add(filter.kind().strip());
        }
        if (filter.open() != null) {
            where.append(filter.open() ? " and a.acknowledged_at is null" : " and a.acknowledged_at is not null");
        }
        try (Connection c = dataSource.getConnection()) {
            long total = Sql.count(c, "select count(*) from monitoring_alerts a" + where, params);
            List<Object> p = new ArrayList<>(params);
            p.add(page.size());
            p.add(page.offset());
            List<AlertView> items = Sql.list(c, "select " + ALERT_COLUMNS + " from monitoring_alerts a"
                    + " join enterprises f on f.uscc = a.uscc" + where + " order by a.created_at desc, a.id desc limit ? offset ?",
                    p, MonitoringService::alert);
            return new PageResult<>(items, page.page(), page.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static AlertView alert(ResultSet rs) throws SQLException {
        String ref = rs.getString("ref");
        return new AlertView(rs.getLong("id"), rs.getString("uscc"), rs.getString("firm_name"),
                ref.startsWith("EVENT:") ? ref.substring(6) : ref.substring(ref.indexOf(':') + 1), rs.getString("kind"),
                rs.getString("level"), Sql.instant(rs, "created_at"), Arrays.asList(rs.getString("channels").split(",")),
                rs.getString("title"), rs.getString("reason"), Arrays.asList((String[]) rs.getArray("institutions").getArray()),
                rs.getString("acknowledged_by"), Sql.instant(rs, "acknowledged_at"));
    }

    /** An officer acknowledges an alert (ADMIN); acknowledging twice is a conflict. */
    @Transactional
    public AlertView acknowledge(long id, String note) {
        currentUser.require(Action.ALERT_ACKNOWLEDGE);
        try (Connection c = dataSource.getConnection()) {
            Integer park = currentUser.parks().sqlParam();
            List<Boolean> found = Sql.list(c, "select a.acknowledged_at is not null from monitoring_alerts a where a.id = ?"
                    + (park == null ? "" : " and " + IN_PARK.formatted("a.uscc")),
                    park == null ? List.of(id) : List.of(id, park), rs -> rs.getBoolean(1));
            if (found.isEmpty()) {
                // an alert of another park's firm is as if it did not exist
                throw ProblemException.notFound("alert", String.valueOf(id));
            }
            if (found.get(0)) {
                throw ProblemException.conflict("alert-acknowledged", "alert " + id + " is already acknowledged");
            }
            Sql.update(c, "update monitoring_alerts set acknowledged_by = ?, acknowledged_at = now() where id = ?",
                    currentUser.name(), id);
            audit.record("ALERT_ACKNOWLEDGED", "alert", String.valueOf(id), note, note);
            return Sql.list(c, "select " + ALERT_COLUMNS + " from monitoring_alerts a join enterprises f on f.uscc = a.uscc"
                    + " where a.id = ?", List.of(id), MonitoringService::alert).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SMS_COLUMNS = "id, mobile, text, status, attempts, created_at, sent_at, delivered_at, reason,"
            + " last_error, uscc, alert_id, next_attempt_at, provider, provider_id, urgent";

    /** The SMS log (ADMIN), newest first. */
    @Transactional
    public PageResult<SmsView> sms(String mobile, String status, String uscc, PageRequest page) {
        currentUser.require(Action.SMS_READ);
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (mobile != null && !mobile.isBlank()) {
            try {
                params.add(Mobile.parse(mobile).value());
            } catch (InvalidValueException e) {
                throw ProblemException.invalid("mobile", e.getMessage());
            }
            where.append(" and mobile = ?");
        }
        if (status != null) {
            where.append(" and status = ?");
            params.add(status);
        }
        if (uscc != null && !uscc.isBlank()) {
            where.append(" and uscc = ?");
            params.add(uscc.strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (currentUser.parks().sqlParam() != null) {
            // a park's office reads the messages about its park's firms
            where.append(" and " + IN_PARK.formatted("sms_outbox.uscc"));
            params.add(currentUser.parks().sqlParam());
        }
        try (Connection c = dataSource.getConnection()) {
            long total = Sql.count(c, "select count(*) from sms_outbox" + where, params);
            List<Object> p = new ArrayList<>(params);
            p.add(page.size());
            p.add(page.offset());
            return new PageResult<>(Sql.list(c, "select " + SMS_COLUMNS + " from sms_outbox" + where
                    + " order by created_at desc, id desc limit ? offset ?", p, MonitoringService::sms), page.page(), page.size(), total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SmsView sms(ResultSet rs) throws SQLException {
        long alert = rs.getLong("alert_id");
        return new SmsView(rs.getLong("id"), rs.getString("mobile"), rs.getString("text"), rs.getString("status"),
                rs.getInt("attempts"), Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"), Sql.instant(rs, "delivered_at"),
                rs.getString("reason"), rs.getString("last_error"), rs.getString("uscc"), rs.wasNull() ? null : alert,
                Sql.instant(rs, "next_attempt_at"), rs.getString("provider"), rs.getString("provider_id"), rs.getBoolean("urgent"));
    }

    @Transactional
    public List<AttemptView> attempts(long smsId) {
        currentUser.require(Action.SMS_READ);
        try (Connection c = dataSource.getConnection()) {
            Integer park = currentUser.parks().sqlParam();
            if (park != null && Sql.count(c, "select count(*) from sms_outbox where id = ? and "
                    + IN_PARK.formatted("sms_outbox.uscc"), List.of(smsId, park)) == 0) {
                throw ProblemException.notFound("sms", String.valueOf(smsId));
            }
            return Sql.list(c, "select attempt, at, outcome, detail from sms_attempts where outbox_id = ? order by attempt",
                    List.of(smsId), rs -> new AttemptView(rs.getInt(1), Sql.instant(rs, "at"), rs.getString(3), rs.getString(4)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A firm's monitoring timeline: park roles, and the firm itself. */
    @Transactional
    public Timeline timeline(String uscc) {
        currentUser.require(Action.MONITORING_TIMELINE);
        String key = uscc == null ? "" : uscc.strip().toUpperCase(java.util.Locale.ROOT);
        currentUser.requirePrivateDataOf(key);
        try (Connection c = dataSource.getConnection()) {
            List<String> name = Sql.list(c, "select name from enterprises where uscc = ?"
                    + " and (cast(? as integer) is null or park_id = ?)", java.util.Arrays.<Object>asList(key,
                            currentUser.parks().sqlParam(), currentUser.parks().sqlParam()), rs -> rs.getString(1));
            if (name.isEmpty()) {
                // a firm of another park is as if it did not exist
                throw ProblemException.notFound("enterprise", key);
            }
            List<AlertView> alerts = Sql.list(c, "select " + ALERT_COLUMNS + " from monitoring_alerts a join enterprises f"
                    + " on f.uscc = a.uscc where a.uscc = ? order by a.created_at desc, a.id desc limit 500", List.of(key),
                    MonitoringService::alert);
            List<ReminderView> reminders = Sql.list(c, "select reminder_key, kind, uscc, institution_code, due_on, title,"
                    + " scan_day, created_at from monitoring_reminders where uscc = ? order by created_at desc limit 500",
                    List.of(key), rs -> new ReminderView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, java.time.LocalDate.class), rs.getString(6), rs.getObject(7, java.time.LocalDate.class),
                            Sql.instant(rs, "created_at")));
            List<SmsView> sms = currentUser.has(Role.ADMIN) ? Sql.list(c, "select " + SMS_COLUMNS + " from sms_outbox"
                    + " where uscc = ? order by created_at desc, id desc limit 500", List.of(key), MonitoringService::sms) : List.of();
            return new Timeline(key, name.get(0), alerts, reminders, sms);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String RULE_COLUMNS = "id, event_type, severity, level, notify_firm, notify_officers,"
            + " notify_institutions, sms, template_code, template, enabled, version, updated_by, updated_at";

    @Transactional
    public List<RuleView> rules() {
        currentUser.require(Action.MONITORING_RULES_READ);
        try (Connection c = dataSource.getConnection()) {
            return Sql.list(c, "select " + RULE_COLUMNS + " from monitoring_rules order by event_type = '*' desc, event_type,"
                    + " case severity when 'MINOR' then 1 when 'GENERAL' then 2 when 'SERIOUS' then 3 else 4 end", List.of(),
                    MonitoringService::rule);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static RuleView rule(ResultSet rs) throws SQLException {
        return new RuleView(rs.getLong("id"), rs.getString("event_type"), rs.getString("severity"), rs.getString("level"),
                rs.getBoolean("notify_firm"), rs.getBoolean("notify_officers"), rs.getBoolean("notify_institutions"),
                rs.getBoolean("sms"), rs.getString("template_code"), rs.getString("template"), rs.getBoolean("enabled"),
                rs.getLong("version"), rs.getString("updated_by"), Sql.instant(rs, "updated_at"));
    }

    /** A rule as an ADMIN submits it; {@code version} guards against overwriting someone else's edit. */
    public record RuleInput(String eventType, String severity, String level, Boolean notifyFirm, Boolean notifyOfficers,
            Boolean notifyInstitutions, Boolean sms, String templateCode, String template, Boolean enabled, Long version,
            String reason) {
    }

    /** Creates ({@code id} null) or changes a rule (ADMIN); audited with the reason. */
    @Transactional
    public RuleView saveRule(Long id, RuleInput in) {
        currentUser.require(Action.MONITORING_RULES_CHANGE);
        if (!currentUser.parks().regionWide()) {
            // the rules decide the alerts of every park: the region's office changes them
            throw ProblemException.forbidden("alert rules apply to every park: the region's ADMIN changes them");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String type = in.eventType() == null ? null : in.eventType().strip().toUpperCase(java.util.Locale.ROOT);
        if (type == null || !(type.equals("*") || Arrays.stream(EventType.values()).anyMatch(t -> t.negative() && t.name().equals(type)))) {
            problems.add(FieldProblem.of("eventType", "a negative event type or *"));
        }
        String severity = in.severity() == null ? null : in.severity().strip().toUpperCase(java.util.Locale.ROOT);
        if (severity == null || !Set.of("MINOR", "GENERAL", "SERIOUS", "*").contains(severity)) {
            problems.add(FieldProblem.of("severity", "MINOR, GENERAL, SERIOUS or *"));
        }
        if (in.level() == null || !LEVELS.contains(in.level())) {
            problems.add(FieldProblem.of("level", "INFO, WARNING or CRITICAL"));
        }
        SmsTemplate.problems(in.template()).forEach(p -> problems.add(FieldProblem.of("template", p)));
        if (in.templateCode() == null || !in.templateCode().matches("[A-Za-z0-9_]{1,64}")) {
            problems.add(FieldProblem.of("templateCode", "1-64 letters, digits or _ (the gateway's template code)"));
        }
        if (in.reason() == null || in.reason().isBlank()) {
            problems.add(FieldProblem.of("reason", "say why the rule changes"));
        }
        if (id != null && in.version() == null) {
            problems.add(FieldProblem.of("version", "required: the version you edited"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("invalid alert rule", problems);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean f = bool(in.notifyFirm(), true), o = bool(in.notifyOfficers(), true), i = bool(in.notifyInstitutions(), false),
                    s = bool(in.sms(), true), e = bool(in.enabled(), true);
            List<Object> dup = new ArrayList<>(List.of(type, severity, id == null ? -1L : id));
            if (Sql.count(c, "select count(*) from monitoring_rules where event_type = ? and severity = ? and id <> ?", dup) > 0) {
                throw ProblemException.conflict("rule-exists", "a rule for " + type + " / " + severity + " exists already");
            }
            long ruleId;
            if (id == null) {
                ruleId = Sql.list(c, "insert into monitoring_rules (event_type, severity, level, notify_firm, notify_officers,"
                        + " notify_institutions, sms, template_code, template, enabled, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " returning id", List.of(type, severity, in.level(), f, o, i, s, in.templateCode(), in.template(), e,
                        currentUser.name()), rs -> rs.getLong(1)).get(0);
            } else {
                int n = Sql.update(c, "update monitoring_rules set event_type = ?, severity = ?, level = ?, notify_firm = ?,"
                        + " notify_officers = ?, notify_institutions = ?, sms = ?, template_code = ?, template = ?, enabled = ?,"
                        + " updated_by = ?, updated_at = now(), version = version + 1 where id = ? and version = ?",
                        type, severity, in.level(), f, o, i, s, in.templateCode(), in.template(), e, currentUser.name(), id,
                        in.version());
                if (n == 0) {
                    if (Sql.count(c, "select count(*) from monitoring_rules where id = ?", List.of(id)) == 0) {
                        throw ProblemException.notFound("alert rule", String.valueOf(id));
                    }
                    throw ProblemException.conflict("stale-rule", "rule " + id + " changed since version " + in.version()
                            + "; reload and edit again");
                }
                ruleId = id;
            }
            RuleView saved = Sql.list(c, "select " + RULE_COLUMNS + " from monitoring_rules where id = ?", List.of(ruleId),
                    MonitoringService::rule).get(0);
            audit.record(id == null ? "ALERT_RULE_CREATED" : "ALERT_RULE_CHANGED", "alert-rule", String.valueOf(ruleId),
                    saved.eventType() + " / " + saved.severity() + ": " + saved.level() + (saved.enabled() ? "" : " (disabled)")
                            + ", firm " + saved.notifyFirm() + ", officers " + saved.notifyOfficers() + ", institutions "
                            + saved.notifyInstitutions() + ", sms " + saved.sms() + ", template " + saved.templateCode(),
                    in.reason());
            return saved;
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean bool(Boolean b, boolean fallback) {
        return b == null ? fallback : b;
    }

    /** Institutions' subscriptions: a BANK or GUARANTOR user its own, ADMIN all. */
    @Transactional
    public List<SubscriptionView> subscriptions() {
        currentUser.require(Action.MONITORING_SUBSCRIPTIONS);
        try (Connection c = dataSource.getConnection()) {
            String where = "";
            List<Object> params = new ArrayList<>();
            if (currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR)) {
                where = " where i.code = ?";
                params.add(currentUser.institutionCode());
            } else if (!currentUser.has(Role.ADMIN)) {
                throw ProblemException.forbidden("only institutions and the park office manage alert subscriptions");
            } else if (currentUser.parks().sqlParam() != null) {
                // the park office manages its park's institutions
                where = " where i.park_id = ?";
                params.add(currentUser.parks().sqlParam());
            }
            return Sql.list(c, "select i.code, s.mobile, coalesce(s.min_level, 'CRITICAL'), coalesce(s.sms_enabled, false),"
                    + " s.updated_by, s.updated_at from institutions i left join monitoring_subscriptions s"
                    + " on s.institution_code = i.code" + where + " order by i.code", params,
                    rs -> new SubscriptionView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), Sql.instant(rs, "updated_at")));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public record SubscriptionInput(String mobile, String minLevel, Boolean smsEnabled) {
    }

    @Transactional
    public SubscriptionView subscribe(String code, SubscriptionInput in) {
        currentUser.require(Action.MONITORING_SUBSCRIPTIONS);
        boolean own = (currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR)) && code.equals(currentUser.institutionCode());
        if (!own && !currentUser.has(Role.ADMIN)) {
            throw ProblemException.forbidden("an institution manages its own subscription");
        }
        String mobile = null;
        if (in.mobile() != null && !in.mobile().isBlank()) {
            try {
                mobile = Mobile.parse(in.mobile()).value();
            } catch (InvalidValueException e) {
                throw ProblemException.invalid("mobile", e.getMessage());
            }
        }
        String level = in.minLevel() == null ? "CRITICAL" : in.minLevel();
        if (!LEVELS.contains(level)) {
            throw ProblemException.invalid("minLevel", "INFO, WARNING or CRITICAL");
        }
        try (Connection c = dataSource.getConnection()) {
            Integer park = currentUser.parks().sqlParam();
            if (Sql.count(c, "select count(*) from institutions where code = ?" + (park == null ? "" : " and park_id = ?"),
                    park == null ? List.of(code) : List.of(code, park)) == 0) {
                // an institution of another park is as if it did not exist
                throw ProblemException.notFound("institution", code);
            }
            Sql.update(c, "insert into monitoring_subscriptions (institution_code, mobile, min_level, sms_enabled, updated_by)"
                    + " values (?, ?, ?, ?, ?) on conflict (institution_code) do update set mobile = excluded.mobile,"
                    + " min_level = excluded.min_level, sms_enabled = excluded.sms_enabled, updated_by = excluded.updated_by,"
                    + " updated_at = now()", code, mobile, level, in.smsEnabled() == null || in.smsEnabled(), currentUser.name());
            return subscriptions().stream().filter(s -> s.institutionCode().equals(code)).findFirst().orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
