package io.parkcredit.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the monitoring API and pages show (records on the wire, never entities). */
public final class MonitoringViews {

    private MonitoringViews() {
    }

    /** An inbox alert (API.md: {id, uscc, eventRef, level, createdAt, channels}) with its title, reason and acknowledgement. */
    public record AlertView(long id, String uscc, String firmName, String eventRef, String kind, String level,
            Instant createdAt, List<String> channels, String title, String reason, List<String> institutions,
            String acknowledgedBy, Instant acknowledgedAt) {
    }

    /** An outbox message (API.md: {id, mobile, text, status, attempts, createdAt, sentAt}) with why and how. */
    public record SmsView(long id, String mobile, String text, String status, int attempts, Instant createdAt,
            Instant sentAt, Instant deliveredAt, String reason, String lastError, String uscc, Long alertId,
            Instant nextAttemptAt, String provider, String providerId, boolean urgent) {
    }

    public record AttemptView(int attempt, Instant at, String outcome, String detail) {
    }

    /** An alert rule: who is told of which events, by which channels, with which text. */
    public record RuleView(long id, String eventType, String severity, String level, boolean notifyFirm,
            boolean notifyOfficers, boolean notifyInstitutions, boolean sms, String templateCode, String template,
            boolean enabled, long version, String updatedBy, Instant updatedAt) {
    }

    public record ReminderView(String reminderKey, String kind, String uscc, String institutionCode, LocalDate dueOn,
            String title, LocalDate scanDay, Instant createdAt) {
    }

    public record SubscriptionView(String institutionCode, String mobile, String minLevel, boolean smsEnabled,
            String updatedBy, Instant updatedAt) {
    }

    /** A firm's monitoring timeline: its alerts, reminders and messages, newest first. */
    public record Timeline(String uscc, String name, List<AlertView> alerts, List<ReminderView> reminders,
            List<SmsView> sms) {
    }
}
