package io.parkcredit.monitoring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends the SMS outbox (DOMAIN.md §6). A round claims due PENDING rows with
 * {@code FOR UPDATE SKIP LOCKED} (so instances and threads never take the same row), applies the
 * quiet hours, the daily cap per number and the back-off of {@link DispatchPolicy}, hands each
 * message to the configured {@link SmsSender}, and records status, attempt and reason in the same
 * transaction. Rounds run from the clustered job and, without waiting for it, whenever new rows
 * are queued ({@link #wake()}).
 */
@ApplicationScoped
public class SmsDispatcher {

    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    @Inject
    DataSource dataSource;

    @Inject
    MonitoringConfig config;

    @Inject
    SmsSenders senders;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private volatile ExecutorService workers;

    /** What a round did. {@code unavailable}: the provider was down, the round stopped early. */
    public record Round(int claimed, int sent, int failed, int held, int suppressed, int retrying, boolean unavailable) {
    }

    /** One round with the configured sender and rules at the given instant. */
    public Round dispatch(Instant now) {
        return dispatch(now, senders.configured(), DispatchPolicy.of(config.sms()), config.sms().batchSize());
    }

    /** Asks for rounds now (new outbox rows committed), unless this instance does not dispatch. */
    public void wake() {
        if (!config.sms().dispatch()) {
            return;
        }
        dirty.set(true);
        int threads = Math.max(1, config.sms().threads());
        while (true) {
            int n = active.get();
            if (n >= threads) {
                return;
            }
            if (active.compareAndSet(n, n + 1)) {
                executor().submit(this::drain);
                return;
            }
        }
    }

    private void drain() {
        try {
            while (dirty.getAndSet(false)) {
                Round r;
                do {
                    r = dispatch(clock.instant());
                } while (r.claimed() >= config.sms().batchSize() && !r.unavailable());
            }
        } catch (RuntimeException e) {
            LOG.warnf("SMS dispatch round failed (the job retries): %s", e.getMessage());
        } finally {
            active.decrementAndGet();
            if (dirty.get()) {
                wake();
            }
        }
    }

    private synchronized ExecutorService executor() {
        if (workers == null) {
            workers = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sms-dispatch");
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }

    void stop(@Observes ShutdownEvent ev) {
        receiptRetries.shutdownNow();
        ExecutorService w = workers;
        if (w != null) {
            w.shutdownNow();
        }
    }

    private record Row(long id, String mobile, String text, String templateCode, Map<String, String> params,
            boolean urgent, int attempts, Instant acceptedAt) {
    }

    private record Change(long id, String status, String reason, int attempts, Instant next, Instant sentAt,
            String providerId, String error) {
    }

    /** One round: claim, decide, send, record; one transaction. */
    public Round dispatch(Instant now, SmsSender sender, DispatchPolicy policy, int batchSize) {
        return dispatch(now, sender, policy, batchSize, null);
    }

    /** A round over the messages of the given firms only (null = all). */
    public Round dispatch(Instant now, SmsSender sender, DispatchPolicy policy, int batchSize, String[] firms) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Round round = round(c, now, sender, policy, batchSize, firms);
                c.commit();
                return round;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SMS dispatch failed in the database: " + e.getMessage(), e);
        }
    }

    private Round round(Connection c, Instant now, SmsSender sender, DispatchPolicy policy, int batchSize,
            String[] firms) throws SQLException {
        List<Row> rows = claim(c, now, batchSize, firms);
        if (rows.isEmpty()) {
            return new Round(0, 0, 0, 0, 0, 0, false);
        }
        LocalDate day = DispatchPolicy.parkDay(now);
        Map<String, Integer> sentToday = lockCounts(c, rows, day);
        List<Change> changes = new ArrayList<>(rows.size());
        List<Object[]> attempts = new ArrayList<>();
        int sent = 0, failed = 0, held = 0, suppressed = 0, retrying = 0;
        boolean unavailable = false;
        for (Row row : rows) {
            Optional<Instant> hold = policy.heldUntil(now, row.urgent());
            if (hold.isPresent()) {
                changes.add(new Change(row.id(), "PENDING", "held in the quiet hours " + policy.quietStart() + "–"
                        + policy.quietEnd() + " until " + hold.get(), row.attempts(), hold.get(), null, null, null));
                held++;
                continue;
            }
            int count = sentToday.getOrDefault(row.mobile(), 0);
            if (!policy.withinCap(count)) {
                changes.add(new Change(row.id(), "SUPPRESSED", "daily cap of " + policy.dailyCap() + " SMS per number reached on "
                        + day, row.attempts(), now, null, null, null));
                suppressed++;
                continue;
            }
            SmsSender.Outcome outcome;
            try {
                outcome = sender.send(new SmsSender.Message(row.id(), row.mobile(), row.text(), row.templateCode(), row.params(),
                        row.acceptedAt()));
            } catch (RuntimeException e) {
                outcome = SmsSender.Outcome.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            int attempt = row.attempts() + 1;
            if (outcome.sent()) {
                sentToday.put(row.mobile(), count + 1);
                changes.add(new Change(row.id(), "SENT", null, attempt, now, now, outcome.providerId(), null));
                attempts.add(new Object[] {row.id(), attempt, "SENT", outcome.providerId()});
                sent++;
                continue;
            }
            Optional<Duration> retry = policy.retryAfter(attempt);
            if (retry.isPresent()) {
                changes.add(new Change(row.id(), "PENDING", null, attempt, now.plus(retry.get()), null, null,
                        outcome.error()));
                retrying++;
            } else {
                changes.add(new Change(row.id(), "FAILED", "no attempt left after " + attempt + ": " + outcome.error(),
                        attempt, now, null, null, outcome.error()));
                failed++;
            }
            attempts.add(new Object[] {row.id(), attempt, "FAILED", outcome.error()});
            if (outcome.unavailable()) {
                unavailable = true;
                break;
            }
        }
        record(c, changes, attempts, sender.name(), now);
        saveCounts(c, sentToday, day);
        return new Round(rows.size(), sent, failed, held, suppressed, retrying, unavailable);
    }

    private List<Row> claim(Connection c, Instant now, int batchSize, String[] firms) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, mobile, text, template_code, params::text, urgent, attempts, accepted_at"
                + " from sms_outbox where status = 'PENDING' and next_attempt_at <= ?"
                + (firms == null ? "" : " and uscc = any(?)")
                + " order by next_attempt_at, id limit ? for update skip locked")) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(now));
            if (firms != null) {
                ps.setArray(i++, c.createArrayOf("text", firms));
            }
            ps.setInt(i, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), params(rs.getString(5)),
                            rs.getBoolean(6), rs.getInt(7), rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return rows;
    }

    private Map<String, String> params(String text) {
        try {
            return json.readValue(text, PARAMS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** Locks the numbers' counters of the day (in a fixed order: no deadlock between rounds). */
    private static Map<String, Integer> lockCounts(Connection c, List<Row> rows, LocalDate day) throws SQLException {
        TreeSet<String> mobiles = new TreeSet<>();
        rows.forEach(r -> mobiles.add(r.mobile()));
        String[] arr = mobiles.toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("insert into sms_daily_counts (mobile, day, sent)"
                + " select m, ?, 0 from unnest(?::text[]) m order by m on conflict do nothing")) {
            ps.setObject(1, day);
            ps.setArray(2, c.createArrayOf("text", arr));
            ps.executeUpdate();
        }
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select mobile, sent from sms_daily_counts"
                + " where day = ? and mobile = any(?) order by mobile for update")) {
            ps.setObject(1, day);
            ps.setArray(2, c.createArrayOf("text", arr));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    private static void saveCounts(Connection c, Map<String, Integer> counts, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sms_daily_counts d set sent = v.sent"
                + " from unnest(?::text[], ?::int[]) v (mobile, sent) where d.day = ? and d.mobile = v.mobile and d.sent <> v.sent")) {
            ps.setArray(1, c.createArrayOf("text", counts.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("integer", counts.values().toArray()));
            ps.setObject(3, day);
            ps.executeUpdate();
        }
    }

    private static void record(Connection c, List<Change> changes, List<Object[]> attempts, String provider, Instant now)
            throws SQLException {
        int n = changes.size();
        Object[] ids = new Object[n], statuses = new Object[n], reasons = new Object[n], counts = new Object[n],
                nexts = new Object[n], sentAts = new Object[n], providerIds = new Object[n], errors = new Object[n];
        for (int i = 0; i < n; i++) {
            Change ch = changes.get(i);
            ids[i] = ch.id();
            statuses[i] = ch.status();
            reasons[i] = ch.reason();
            counts[i] = ch.attempts();
            nexts[i] = Timestamp.from(ch.next());
            sentAts[i] = ch.sentAt() == null ? null : Timestamp.from(ch.sentAt());
            providerIds[i] = ch.providerId();
            errors[i] = ch.error();
        }
        try (PreparedStatement ps = c.prepareStatement("update sms_outbox o set status = v.status,"
                + " reason = coalesce(v.reason, o.reason), attempts = v.attempts, next_attempt_at = v.next,"
                + " sent_at = coalesce(v.sent_at, o.sent_at), provider = case when v.sent_at is null then o.provider else ? end,"
                + " provider_id = coalesce(v.provider_id, o.provider_id), last_error = coalesce(v.error, o.last_error)"
                + " from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[])"
                + " v (id, status, reason, attempts, next, sent_at, provider_id, error) where o.id = v.id")) {
            ps.setString(1, provider);
            ps.setArray(2, c.createArrayOf("bigint", ids));
            ps.setArray(3, c.createArrayOf("text", statuses));
            ps.setArray(4, c.createArrayOf("text", reasons));
            ps.setArray(5, c.createArrayOf("integer", counts));
            ps.setArray(6, c.createArrayOf("timestamptz", nexts));
            ps.setArray(7, c.createArrayOf("timestamptz", sentAts));
            ps.setArray(8, c.createArrayOf("text", providerIds));
            ps.setArray(9, c.createArrayOf("text", errors));
            ps.executeUpdate();
        }
        if (attempts.isEmpty()) {
            return;
        }
        int m = attempts.size();
        Object[] aIds = new Object[m], aNos = new Object[m], outcomes = new Object[m], details = new Object[m];
        for (int i = 0; i < m; i++) {
            Object[] a = attempts.get(i);
            aIds[i] = a[0];
            aNos[i] = a[1];
            outcomes[i] = a[2];
            details[i] = a[3];
        }
        try (PreparedStatement ps = c.prepareStatement("insert into sms_attempts (outbox_id, attempt, at, outcome, detail)"
                + " select v.id, v.attempt, ?, v.outcome, v.detail"
                + " from unnest(?::bigint[], ?::int[], ?::text[], ?::text[]) v (id, attempt, outcome, detail)"
                + " on conflict do nothing")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("bigint", aIds));
            ps.setArray(3, c.createArrayOf("integer", aNos));
            ps.setArray(4, c.createArrayOf("text", outcomes));
            ps.setArray(5, c.createArrayOf("text", details));
            ps.executeUpdate();
        }
    }

    private final java.util.concurrent.ScheduledExecutorService receiptRetries =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sms-receipts");
                t.setDaemon(true);
                return t;
            });

    /**
     * Applies a delivery receipt. A receipt may overtake the commit of the round that sent its
     * message; it is then applied again, a second apart, up to ten times.
     */
    public void receipt(String provider, String providerId, boolean ok, String detail) {
        receipt(provider, providerId, ok, detail, 0);
    }

    private void receipt(String provider, String providerId, boolean ok, String detail, int tries) {
        try {
            if (delivered(provider, providerId, ok, detail, clock.instant()) || tries >= 10) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf("delivery receipt %s not recorded yet: %s", providerId, e.getMessage());
        }
        receiptRetries.schedule(() -> receipt(provider, providerId, ok, detail, tries + 1), 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Records a delivery receipt (SMPP): true when a sent message carried that provider id. */
    public boolean delivered(String provider, String providerId, boolean ok, String detail, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update sms_outbox set status = ?, delivered_at = ?,"
                        + " reason = coalesce(?, reason) where provider = ? and provider_id = ? and status in ('SENT', 'DELIVERED')")) {
            ps.setString(1, ok ? "DELIVERED" : "FAILED");
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, ok ? null : "delivery receipt: " + detail);
            ps.setString(4, provider);
            ps.setString(5, providerId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a delivery receipt: " + e.getMessage(), e);
        }
    }
}
