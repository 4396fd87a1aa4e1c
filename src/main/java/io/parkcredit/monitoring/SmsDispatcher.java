package io.parkcredit.monitoring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends the SMS outbox (DOMAIN.md §6) in three steps, so that no database lock is held while a
 * provider is called:
 * <ol>
 * <li><b>claim</b> — one short transaction takes up to batch-size due PENDING rows
 * ({@code FOR UPDATE SKIP LOCKED}: instances and threads never take the same row), stamps them with
 * the round's token, this node and a lease ({@code next_attempt_at} becomes the lease's end), applies
 * the quiet hours and the daily cap of {@link DispatchPolicy} (held rows go back with the hour they
 * may go, rows over the cap are SUPPRESSED, every other row takes a slot of its number's counter of
 * the day) and commits;</li>
 * <li><b>send</b> — outside any transaction, the first message alone (a provider that is down costs
 * one call per round, not one per thread), the rest in parallel on the dispatcher threads; no send
 * starts after half the lease, so a lease never ends under a message being sent;</li>
 * <li><b>record</b> — a second transaction writes every result in one UPDATE over arrays (only
 * rows that still carry this round's token) with the attempt rows, gives back the cap slot of each
 * message not sent, and schedules retries with the doubling back-off.</li>
 * </ol>
 * A crash between the provider's answer and the record leaves the messages of that round claimed;
 * when their lease ends the next round takes them again, notes the unrecorded attempt, and sends them
 * with the same outbox id, the provider's idempotency key ({@code outId} for the HTTP gateway; what
 * SMPP can promise is in {@link SmppClient}). Rounds run from the clustered job and, without waiting
 * for it, whenever new rows are committed ({@link #wake()}).
 */
@ApplicationScoped
public class SmsDispatcher {

    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };
    /** This instance in the claims it takes ("pid@host"). */
    static final String NODE = abbreviate(ManagementFactory.getRuntimeMXBean().getName(), 128);
    /** Times the record step is tried before its messages are left to the lease. */
    private static final int RECORD_TRIES = 3;

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
    /** Rounds over all firms started by this instance: even ones look at batches first, odd ones at state rows. */
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    private volatile ExecutorService workers;
    /** What this instance's last round over all firms saw: how long its oldest message had been due, and when. */
    private volatile Duration lastLag = Duration.ZERO;
    private volatile long lastLagAt;
    private volatile ExecutorService sending;

    /**
     * What a round did. {@code claimed}: messages taken; {@code unavailable}: the provider was down,
     * the round stopped early (the messages it did not reach went back unchanged).
     */
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
        int threads = threads();
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

    private int threads() {
        return Math.max(1, config.sms().threads());
    }

    private void drain() {
        try {
            while (dirty.getAndSet(false)) {
                Round r;
                do {
                    r = dispatch(clock.instant());
                } while (r.claimed() > 0 && !r.unavailable());
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
            workers = Executors.newCachedThreadPool(daemon("sms-dispatch"));
        }
        return workers;
    }

    /** The provider calls of every round of this instance: at most {@code threads} at once. */
    private synchronized ExecutorService sendPool() {
        if (sending == null) {
            sending = Executors.newFixedThreadPool(threads(), daemon("sms-send"));
        }
        return sending;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    void stop(@Observes ShutdownEvent ev) {
        receiptRetries.shutdownNow();
        for (ExecutorService pool : new ExecutorService[] {workers, sending}) {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** A claimed message; {@code attempt} counts this one, {@code due} is when it was due before the claim. */
    private record Claimed(long id, String mobile, String text, String templateCode, Map<String, String> params,
            boolean urgent, int attempt, Instant acceptedAt, Instant due, LocalDate countedOn) {

        Claimed counted(LocalDate day) {
            return new Claimed(id, mobile, text, templateCode, params, urgent, attempt, acceptedAt, due, day);
        }
    }

    /**
     * What the claim step left to send, and what it settled at once. {@code batches}: the batches the
     * round took (their messages have no state row yet), or null for a round over state rows.
     */
    private record Claim(int claimed, List<Claimed> toSend, int held, int suppressed, long[] batches) {
    }

    /** A claim's decisions on the rows it took: what to send (and which took a cap slot now), what it settled. */
    private record Decided(List<Claimed> toSend, Set<Long> reserved, List<Change> settled, int held, int suppressed,
            LocalDate day) {
    }

    /** A row's new state. {@code release}: give back the cap slot the claim took for it. */
    private record Change(long id, String status, String reason, int attempts, Instant next, Instant sentAt,
            String providerId, String error, boolean release) {
    }

    private record Attempt(long id, int attempt, Instant at, String outcome, String detail) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    void observeLag(String[] firms, Duration lag) {
        if (firms == null) {
            lastLag = lag.isNegative() ? Duration.ZERO : lag;
            lastLagAt = System.nanoTime();
        }
    }

    /**
     * How long the oldest message had been due when a round of this instance last claimed, if that
     * round is at most {@code freshness} old: the outbox's lag as the dispatcher meets it, read by the
     * event intake's admission without a query ({@link IntakeAdmission}).
     */
    public Optional<Duration> recentLag(Duration freshness) {
        long at = lastLagAt;
        if (at == 0 || System.nanoTime() - at > freshness.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(lastLag);
    }

    /** One round: claim and commit, send outside any transaction, record in a new transaction. */
    public Round dispatch(Instant now, SmsSender sender, DispatchPolicy policy, int batchSize) {
        return dispatch(now, sender, policy, batchSize, null);
    }

    /** A round over the messages of the given firms only (null = all). */
    public Round dispatch(Instant now, SmsSender sender, DispatchPolicy policy, int batchSize, String[] firms) {
        UUID token = UUID.randomUUID();
        Duration lease = config.sms().lease();
        Claim claim = inTransaction(c -> {
            if (firms != null) {
                splitBatches(c, now, firms);
                return claim(c, token, now, lease, policy, batchSize, firms);
            }
            // rounds alternate which kind they look at first, so that neither starves the other
            if ((rounds.getAndIncrement() & 1) == 0) {
                Claim batches = claimBatches(c, token, now, lease, policy, batchSize, null);
                return batches != null ? batches : claim(c, token, now, lease, policy, batchSize, null);
            }
            Claim states = claim(c, token, now, lease, policy, batchSize, null);
            if (states.claimed() > 0) {
                return states;
            }
            Claim batches = claimBatches(c, token, now, lease, policy, batchSize, null);
            return batches != null ? batches : states;
        });
        return sendAndRecord(now, sender, policy, token, lease, claim);
    }

    /**
     * A round over the batches that hold messages of the given firms, taken as rounds over all firms
     * take batches (whole batches, whatever other firms' messages they hold); state rows are left alone.
     */
    Round dispatchBatches(Instant now, SmsSender sender, DispatchPolicy policy, int batchSize, String[] firms) {
        UUID token = UUID.randomUUID();
        Duration lease = config.sms().lease();
        Claim claim = inTransaction(c -> {
            Claim batches = claimBatches(c, token, now, lease, policy, batchSize, firms);
            return batches != null ? batches : new Claim(0, List.of(), 0, 0, null);
        });
        return sendAndRecord(now, sender, policy, token, lease, claim);
    }

    private Round sendAndRecord(Instant now, SmsSender sender, DispatchPolicy policy, UUID token, Duration lease, Claim claim) {
        List<Claimed> rows = claim.toSend();
        if (rows.isEmpty()) {
            return new Round(claim.claimed(), 0, 0, claim.held(), claim.suppressed(), 0, false);
        }
        SmsSender.Outcome[] outcomes = send(sender, rows, lease);

        List<Change> changes = new ArrayList<>(rows.size());
        List<Attempt> attempts = new ArrayList<>(rows.size());
        int sent = 0, failed = 0, retrying = 0;
        boolean unavailable = false;
        for (int i = 0; i < rows.size(); i++) {
            Claimed row = rows.get(i);
            SmsSender.Outcome outcome = outcomes[i];
            if (outcome == null) {
                // not reached in this round (the provider went down, or the lease ran short): as before the claim
                changes.add(new Change(row.id(), "PENDING", null, row.attempt() - 1, row.due(), null, null, null, true));
                continue;
            }
            if (outcome.sent()) {
                changes.add(new Change(row.id(), "SENT", null, row.attempt(), now, now, outcome.providerId(), null, false));
                // the attempt that sent it is its state (sent_at, provider id): the log view sms_attempts shows it (V061)
                sent++;
                continue;
            }
            Optional<Duration> retry = policy.retryAfter(row.attempt());
            if (retry.isPresent()) {
                changes.add(new Change(row.id(), "PENDING", null, row.attempt(), now.plus(retry.get()), null, null,
                        outcome.error(), true));
                retrying++;
            } else {
                changes.add(new Change(row.id(), "FAILED", "no attempt left after " + row.attempt() + ": " + outcome.error(),
                        row.attempt(), now, null, null, outcome.error(), true));
                failed++;
            }
            attempts.add(new Attempt(row.id(), row.attempt(), now, "FAILED", outcome.error()));
            unavailable |= outcome.unavailable();
        }
        Map<Long, Claimed> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        for (int tryNo = 1;; tryNo++) {
            try {
                inTransaction(c -> record(c, token, changes, attempts, byId, sender.name(), claim.batches()));
                break;
            } catch (IllegalStateException e) {
                if (tryNo >= RECORD_TRIES) {
                    LOG.warnf("SMS results of %d messages not recorded; they are sent again, with the same id, when"
                            + " their lease ends: %s", rows.size(), e.getMessage());
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L * tryNo);
            }
        }
        return new Round(claim.claimed(), sent, failed, claim.held(), claim.suppressed(), retrying, unavailable);
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
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

    // ---- 1. claim -------------------------------------------------------------------------------

    private Claim claim(Connection c, UUID token, Instant now, Duration lease, DispatchPolicy policy, int batchSize,
            String[] firms) throws SQLException {
        List<Claimed> rows = new ArrayList<>();
        List<Attempt> lost = new ArrayList<>();
        // the due rows are locked here and changed once, below, when the policy has decided each of them
        // the states are locked and changed; a message's content (sms_messages) is only read
        try (PreparedStatement ps = c.prepareStatement("select s.id, m.mobile, m.text, m.template_code, m.params::text,"
                + " m.urgent, s.attempts + 1, m.accepted_at, s.next_attempt_at, s.counted_on, s.claim_token is not null,"
                + " s.claimed_by, s.claimed_at"
                + " from sms_states s join sms_messages m on m.id = s.id where s.status = 'PENDING' and s.next_attempt_at <= ?"
                + (firms == null ? "" : " and m.uscc = any(?)")
                + " order by s.next_attempt_at, s.id limit ? for update of s skip locked")) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(now));
            if (firms != null) {
                ps.setArray(i++, c.createArrayOf("text", firms));
            }
            ps.setInt(i, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Claimed r = new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            params(rs.getString(5)), rs.getBoolean(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                            rs.getTimestamp(9).toInstant(), rs.getObject(10, LocalDate.class));
                    rows.add(r);
                    if (rs.getBoolean(11)) {
                        Timestamp at = rs.getTimestamp(13);
                        lost.add(new Attempt(r.id(), r.attempt() - 1, at == null ? now : at.toInstant(), "UNRECORDED",
                                "claimed by " + rs.getString(12) + "; no result recorded before its lease ended"
                                        + " (the provider may have it); taken again with the same id"));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            observeLag(firms, Duration.ZERO);
            return new Claim(0, List.of(), 0, 0, null);
        }
        rows.sort(Comparator.comparing(Claimed::due).thenComparingLong(Claimed::id));
        observeLag(firms, Duration.between(rows.get(0).due(), now));
        if (!lost.isEmpty()) {
            LOG.warnf("%d SMS whose result was never recorded are taken again (same provider id)", lost.size());
            insertAttempts(c, lost);
        }
        Decided d = decide(c, rows, now, policy);
        markClaimed(c, token, now, now.plus(lease), d.toSend(), d.reserved(), d.day(), d.settled());
        return new Claim(rows.size(), d.toSend(), d.held(), d.suppressed(), null);
    }

    /**
     * The quiet hours and the daily cap applied to the rows a round took: held rows get the hour they
     * may go, rows over the cap are suppressed, every other row takes a slot of its number's counter
     * of the day (unless the lost round that took it before already did, today).
     */
    private static Decided decide(Connection c, List<Claimed> rows, Instant now, DispatchPolicy policy) throws SQLException {
        LocalDate day = DispatchPolicy.parkDay(now);
        List<Change> settled = new ArrayList<>();
        List<Claimed> candidates = new ArrayList<>(rows.size());
        int held = 0, suppressed = 0;
        for (Claimed row : rows) {
            Optional<Instant> hold = policy.heldUntil(now, row.urgent());
            if (hold.isPresent()) {
                settled.add(new Change(row.id(), "PENDING", "held in the quiet hours " + policy.quietStart() + "–"
                        + policy.quietEnd() + " until " + hold.get(), row.attempt() - 1, hold.get(), null, null, null, false));
                held++;
            } else {
                candidates.add(row);
            }
        }
        TreeMap<String, Integer> wanted = new TreeMap<>();
        candidates.stream().filter(r -> !day.equals(r.countedOn())).forEach(r -> wanted.merge(r.mobile(), 1, Integer::sum));
        Map<String, Integer> counts = wanted.isEmpty() ? Map.of() : reserveSlots(c, wanted, day);
        Map<String, Integer> taken = new HashMap<>();
        List<Claimed> toSend = new ArrayList<>(candidates.size());
        Set<Long> reserved = new HashSet<>();
        for (Claimed row : candidates) {
            if (day.equals(row.countedOn())) {
                toSend.add(row); // its slot of today was taken by the claim whose result was lost
                continue;
            }
            int count = counts.getOrDefault(row.mobile(), 0) + taken.getOrDefault(row.mobile(), 0);
            if (!policy.withinCap(count)) {
                settled.add(new Change(row.id(), "SUPPRESSED", "daily cap of " + policy.dailyCap() + " SMS per number reached on "
                        + day, row.attempt() - 1, now, null, null, null, false));
                suppressed++;
                continue;
            }
            taken.merge(row.mobile(), 1, Integer::sum);
            reserved.add(row.id());
            toSend.add(row.counted(day));
        }
        returnUnusedSlots(c, wanted, taken, day);
        return new Decided(toSend, reserved, settled, held, suppressed, day);
    }

    /** At most this many batches are looked at for one round (their messages are bounded by the batch size). */
    private static final int MAX_BATCHES_PER_ROUND = 64;

    /**
     * Takes due batches, oldest first, as long as their messages fit the batch size (at least one
     * batch), applies the policy to their messages, writes the state rows of the ones held or
     * suppressed, and stamps each batch with the round's token and lease, its messages narrowed to the
     * ones to send (a batch left with none is deleted). Null when no batch is due.
     */
    private Claim claimBatches(Connection c, UUID token, Instant now, Duration lease, DispatchPolicy policy, int batchSize,
            String[] firms) throws SQLException {
        List<Long> batchIds = new ArrayList<>();
        List<Claimed> rows = new ArrayList<>();
        List<Attempt> lost = new ArrayList<>();
        Instant oldest = null;
        int room = Math.max(1, batchSize);
        record Batch(long id, long[] messages, Instant due, int attempts, boolean lost, String by, Timestamp at,
                LocalDate countedOn) {
        }
        List<Batch> taken = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, message_ids, due_at, attempts, claim_token is not null,"
                + " claimed_by, claimed_at, counted_on from sms_batches b where due_at <= ? and id <> all(?)"
                + " and (cardinality(message_ids) <= ? or ?)"
                + (firms == null ? "" : " and exists (select 1 from sms_messages m where m.id = any(b.message_ids) and m.uscc = any(?))")
                + " order by due_at, id limit 1 for update skip locked")) {
            while (room > 0 && taken.size() < MAX_BATCHES_PER_ROUND) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setArray(2, c.createArrayOf("bigint", batchIds.toArray()));
                ps.setInt(3, room);
                ps.setBoolean(4, taken.isEmpty());
                if (firms != null) {
                    ps.setArray(5, c.createArrayOf("text", firms));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                    Batch b = new Batch(rs.getLong(1), MonitoringPass.toLongs(rs.getArray(2)), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                            rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7), rs.getObject(8, LocalDate.class));
                    taken.add(b);
                    batchIds.add(b.id());
                    room -= b.messages().length;
                }
            }
        }
        if (taken.isEmpty()) {
            return null;
        }
        Map<Long, Batch> batchOfMessage = new HashMap<>();
        List<Long> all = new ArrayList<>();
        for (Batch b : taken) {
            for (long id : b.messages()) {
                batchOfMessage.put(id, b);
                all.add(id);
            }
            oldest = oldest == null || b.due().isBefore(oldest) ? b.due() : oldest;
        }
        try (PreparedStatement ps = c.prepareStatement("select m.id, m.mobile, m.text, m.template_code, m.params::text,"
                + " m.urgent, m.accepted_at from sms_messages m where m.id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", all.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Batch b = batchOfMessage.get(rs.getLong(1));
                    Claimed r = new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            params(rs.getString(5)), rs.getBoolean(6), b.attempts() + 1, rs.getTimestamp(7).toInstant(),
                            b.due(), b.countedOn());
                    rows.add(r);
                    if (b.lost()) {
                        lost.add(new Attempt(r.id(), b.attempts(), b.at() == null ? now : b.at().toInstant(), "UNRECORDED",
                                "claimed by " + b.by() + "; no result recorded before its lease ended"
                                        + " (the provider may have it); taken again with the same id"));
                    }
                }
            }
        }
        observeLag(firms, Duration.between(oldest, now));
        rows.sort(Comparator.comparing(Claimed::acceptedAt).thenComparingLong(Claimed::id));
        if (!lost.isEmpty()) {
            LOG.warnf("%d SMS whose result was never recorded are taken again (same provider id)", lost.size());
            insertAttempts(c, lost);
        }
        Decided d = decide(c, rows, now, policy);
        if (!d.settled().isEmpty()) {
            Map<Long, Claimed> byId = new HashMap<>();
            rows.forEach(r -> byId.put(r.id(), r));
            insertStates(c, d.settled(), byId, null, null, null);
        }
        Map<Long, List<Long>> sendOf = new HashMap<>();
        for (Claimed r : d.toSend()) {
            sendOf.computeIfAbsent(batchOfMessage.get(r.id()).id(), k -> new ArrayList<>()).add(r.id());
        }
        try (PreparedStatement stamp = c.prepareStatement("update sms_batches set message_ids = ?, due_at = ?,"
                + " attempts = attempts + 1, claim_token = ?, claimed_by = ?, claimed_at = ?, counted_on = ? where id = ?");
                PreparedStatement drop = c.prepareStatement("delete from sms_batches where id = ?")) {
            for (Batch b : taken) {
                List<Long> send = sendOf.get(b.id());
                if (send == null) {
                    drop.setLong(1, b.id());
                    drop.addBatch();
                    continue;
                }
                stamp.setArray(1, c.createArrayOf("bigint", send.toArray()));
                stamp.setTimestamp(2, Timestamp.from(now.plus(lease)));
                stamp.setObject(3, token);
                stamp.setString(4, NODE);
                stamp.setTimestamp(5, Timestamp.from(now));
                stamp.setObject(6, d.day());
                stamp.setLong(7, b.id());
                stamp.addBatch();
            }
            stamp.executeBatch();
            drop.executeBatch();
        }
        long[] ids = batchIds.stream().mapToLong(Long::longValue).toArray();
        return new Claim(rows.size(), d.toSend(), d.held(), d.suppressed(), ids);
    }

    /**
     * A round over some firms only (an operator's or a test's): the due batches holding messages of
     * those firms are undone, every message of them getting the state row it would have had (same
     * attempts, claim and counted day), so that the round takes them one by one like any state row.
     */
    private static void splitBatches(Connection c, Instant now, String[] firms) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("with b as (select b.id from sms_batches b where b.due_at <= ?"
                + " and exists (select 1 from sms_messages m where m.id = any(b.message_ids) and m.uscc = any(?))"
                + " for update skip locked),"
                + " gone as (delete from sms_batches x using b where x.id = b.id returning x.*)"
                + " insert into sms_states (id, attempts, next_attempt_at, claim_token, claimed_by, claimed_at, counted_on)"
                + " select unnest(message_ids), attempts, due_at, claim_token, claimed_by, claimed_at, counted_on from gone"
                + " on conflict (id) do nothing")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", firms));
            ps.executeUpdate();
        }
    }

    /**
     * Writes the first state row of messages taken in batches: the ones the claim settled (held,
     * suppressed) or, at the record, every result. With {@code token}, only the messages of batches that
     * still carry it, which are deleted in the same statement (a batch whose lease ended and that another
     * round took is that round's to record). Returns the ids written.
     */
    private static Set<Long> insertStates(Connection c, List<Change> changes, Map<Long, Claimed> rows, String provider,
            UUID token, long[] batches) throws SQLException {
        // the day whose cap slot a message keeps (none when the round gives it back)
        Object[][] v = columns(changes, ch -> {
            LocalDate day = ch.release() ? null : rows.get(ch.id()).countedOn();
            return day == null ? null : day.toString();
        });
        String ours = token == null ? "" : " and v.id in (select unnest(message_ids) from gone)";
        Set<Long> written = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement((token == null ? "with "
                : "with gone as (delete from sms_batches where id = any(?) and claim_token = ? returning message_ids), ")
                + "v as (select * from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::timestamptz[],"
                + " ?::timestamptz[], ?::text[], ?::text[], ?::date[])"
                + " v (id, status, reason, attempts, next, sent_at, provider_id, error, counted_on))"
                + " insert into sms_states (id, status, reason, attempts, next_attempt_at, sent_at, provider, provider_id,"
                + " last_error, counted_on) select v.id, v.status, v.reason, v.attempts, v.next, v.sent_at,"
                + " case when v.sent_at is null then null else ? end, v.provider_id, v.error, v.counted_on from v"
                + " where true" + ours + " on conflict (id) do nothing returning id")) {
            int i = 1;
            if (token != null) {
                ps.setArray(i++, c.createArrayOf("bigint", java.util.Arrays.stream(batches).boxed().toArray()));
                ps.setObject(i++, token);
            }
            i = bind(c, ps, i, v, "text");
            ps.setString(i, provider);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getLong(1));
                }
            }
        }
        return written;
    }

    /**
     * The claim's one change of the rows it locked: the ones to send carry this round's token and
     * lease (and the day whose cap slot they took), the held and suppressed ones their new state.
     */
    private static void markClaimed(Connection c, UUID token, Instant now, Instant leaseEnd, List<Claimed> toSend,
            Set<Long> reserved, LocalDate day, List<Change> settled) throws SQLException {
        int n = toSend.size() + settled.size();
        Object[] ids = new Object[n], statuses = new Object[n], reasons = new Object[n], attempts = new Object[n],
                nexts = new Object[n], tokens = new Object[n], counted = new Object[n];
        int i = 0;
        for (Claimed row : toSend) {
            ids[i] = row.id();
            statuses[i] = "PENDING";
            attempts[i] = row.attempt();
            nexts[i] = Timestamp.from(leaseEnd);
            tokens[i] = token;
            counted[i++] = reserved.contains(row.id());
        }
        for (Change ch : settled) {
            ids[i] = ch.id();
            statuses[i] = ch.status();
            reasons[i] = ch.reason();
            attempts[i] = ch.attempts();
            nexts[i] = Timestamp.from(ch.next());
            counted[i++] = false;
        }
        try (PreparedStatement ps = c.prepareStatement("update sms_states o set status = v.status,"
                + " reason = coalesce(v.reason, o.reason), attempts = v.attempts, next_attempt_at = v.next,"
                + " claim_token = v.token, claimed_by = ?, claimed_at = ?,"
                + " counted_on = case when v.counted then ?::date else o.counted_on end"
                + " from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::uuid[], ?::boolean[])"
                + " v (id, status, reason, attempts, next, token, counted) where o.id = v.id")) {
            ps.setString(1, NODE);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, day);
            ps.setArray(4, c.createArrayOf("bigint", ids));
            ps.setArray(5, c.createArrayOf("text", statuses));
            ps.setArray(6, c.createArrayOf("text", reasons));
            ps.setArray(7, c.createArrayOf("integer", attempts));
            ps.setArray(8, c.createArrayOf("timestamptz", nexts));
            ps.setArray(9, c.createArrayOf("uuid", tokens));
            ps.setArray(10, c.createArrayOf("boolean", counted));
            ps.executeUpdate();
        }
    }

    private Map<String, String> params(String text) {
        try {
            return json.readValue(text, PARAMS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /**
     * Takes, for each number, as many slots of the day's counter as this round has messages for it, in
     * one upsert that locks the counters in a fixed order (no deadlock between rounds), and returns each
     * number's count before this round. The policy then decides per message from those counts; slots it
     * did not use (the cap reached) are given back by {@link #returnUnusedSlots} in the same transaction,
     * so another round never sees them. The numbers travel as {@code bpchar[]}, the column's type:
     * compared with a {@code text[]}, the column would be cast to text and its key index left unused.
     */
    private static Map<String, Integer> reserveSlots(Connection c, TreeMap<String, Integer> wanted, LocalDate day)
            throws SQLException {
        Map<String, Integer> before = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("insert into sms_daily_counts as d (mobile, day, sent)"
                + " select v.m, ?, v.n from unnest(?::bpchar[], ?::int[]) v (m, n) order by v.m"
                + " on conflict (mobile, day) do update set sent = d.sent + excluded.sent returning d.mobile, d.sent")) {
            ps.setObject(1, day);
            ps.setArray(2, c.createArrayOf("text", wanted.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("integer", wanted.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String mobile = rs.getString(1);
                    before.put(mobile, rs.getInt(2) - wanted.get(mobile));
                }
            }
        }
        return before;
    }

    /** Gives back the slots {@link #reserveSlots} took that no message used (the daily cap reached). */
    private static void returnUnusedSlots(Connection c, Map<String, Integer> wanted, Map<String, Integer> taken,
            LocalDate day) throws SQLException {
        List<String> mobiles = new ArrayList<>();
        List<Integer> unused = new ArrayList<>();
        wanted.forEach((mobile, n) -> {
            int left = n - taken.getOrDefault(mobile, 0);
            if (left > 0) {
                mobiles.add(mobile);
                unused.add(left);
            }
        });
        if (mobiles.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update sms_daily_counts d set sent = d.sent - v.n"
                + " from unnest(?::bpchar[], ?::int[]) v (mobile, n) where d.day = ? and d.mobile = v.mobile")) {
            ps.setArray(1, c.createArrayOf("text", mobiles.toArray()));
            ps.setArray(2, c.createArrayOf("integer", unused.toArray()));
            ps.setObject(3, day);
            ps.executeUpdate();
        }
    }

    // ---- 2. send --------------------------------------------------------------------------------

    /**
     * Hands the messages to the sender outside any transaction: the first call alone, then the rest on
     * the send threads. A call carries one message, or up to the sender's {@link SmsSender#batchLimit()}
     * when its provider takes batches. An entry stays null for a message not handed over (the provider
     * went down, or half the lease has passed). An {@link Error} from a sender (the JVM is failing) ends
     * the round without a record: its messages are taken again when their lease ends.
     */
    private SmsSender.Outcome[] send(SmsSender sender, List<Claimed> rows, Duration lease) {
        int n = rows.size();
        int limit;
        try {
            limit = sender.batchLimit();
        } catch (RuntimeException e) {
            limit = 1; // a sender that cannot tell (e.g. misconfigured) answers for itself, one message at a time
        }
        int per = Math.max(1, Math.min(n, limit));
        int calls = (n + per - 1) / per;
        SmsSender.Outcome[] out = new SmsSender.Outcome[n];
        long startBy = System.nanoTime() + lease.toNanos() / 2;
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Error> fatal = new AtomicReference<>();
        Runnable work = () -> {
            int call;
            while (!stop.get() && System.nanoTime() - startBy < 0 && (call = next.getAndIncrement()) < calls) {
                if (!sendCall(sender, rows, call * per, Math.min(n, (call + 1) * per), out, fatal)) {
                    stop.set(true);
                }
            }
        };
        ExecutorService pool = sendPool();
        // the first call alone: when the provider is down the round costs one call
        Runnable first = () -> {
            if (next.getAndIncrement() == 0 && !sendCall(sender, rows, 0, Math.min(n, per), out, fatal)) {
                stop.set(true);
            }
        };
        CompletableFuture.runAsync(first, pool).join();
        if (!stop.get() && calls > 1) {
            int workers = Math.min(threads(), calls - 1);
            CompletableFuture<?>[] all = new CompletableFuture<?>[workers];
            for (int w = 0; w < workers; w++) {
                all[w] = CompletableFuture.runAsync(work, pool);
            }
            CompletableFuture.allOf(all).join();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return out;
    }

    /** One call to the sender for rows [from, to); false when the round should stop (provider down, fatal error). */
    private static boolean sendCall(SmsSender sender, List<Claimed> rows, int from, int to, SmsSender.Outcome[] out,
            AtomicReference<Error> fatal) {
        List<SmsSender.Message> messages = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Claimed row = rows.get(i);
            messages.add(new SmsSender.Message(row.id(), row.mobile(), row.text(), row.templateCode(), row.params(),
                    row.acceptedAt()));
        }
        SmsSender.Outcome[] got;
        try {
            got = to - from == 1 ? new SmsSender.Outcome[] {sender.send(messages.get(0))} : sender.sendAll(messages);
        } catch (RuntimeException e) {
            got = new SmsSender.Outcome[to - from];
            got[0] = SmsSender.Outcome.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (Error e) {
            fatal.compareAndSet(null, e);
            return false;
        }
        boolean go = true;
        for (int i = 0; i < to - from; i++) {
            SmsSender.Outcome o = i < got.length ? got[i] : null;
            out[from + i] = o;
            if (o == null || o.unavailable()) {
                go = false;
            }
        }
        return go;
    }

    // ---- 3. record ------------------------------------------------------------------------------

    private static Void record(Connection c, UUID token, List<Change> changes, List<Attempt> attempts, Map<Long, Claimed> rows,
            String provider, long[] batches) throws SQLException {
        Set<Long> recorded;
        if (batches == null) {
            recorded = settle(c, token, changes, attempts, provider);
        } else {
            recorded = insertStates(c, changes, rows, provider, token, batches);
            List<Attempt> ours = attempts.stream().filter(a -> recorded.contains(a.id())).toList();
            if (!ours.isEmpty()) {
                insertAttempts(c, ours);
            }
        }
        if (recorded.size() < changes.size()) {
            LOG.warnf("%d SMS results not recorded: another round took the messages after their lease ended",
                    changes.size() - recorded.size());
        }
        TreeMap<String, Integer> release = new TreeMap<>();
        for (Change ch : changes) {
            Claimed row = rows.get(ch.id());
            if (ch.release() && row.countedOn() != null && recorded.contains(ch.id())) {
                release.merge(row.mobile() + "|" + row.countedOn(), 1, Integer::sum);
            }
        }
        if (!release.isEmpty()) {
            giveBackSlots(c, release);
        }
        return null;
    }

    /**
     * The rows' new states as the columns of an {@code unnest}: id, status, reason, attempts, next
     * attempt, sent at, provider id, error, and a last column of the caller's.
     */
    private static Object[][] columns(List<Change> changes, java.util.function.Function<Change, Object> last) {
        int n = changes.size();
        Object[][] v = new Object[9][n];
        for (int i = 0; i < n; i++) {
            Change ch = changes.get(i);
            v[0][i] = ch.id();
            v[1][i] = ch.status();
            v[2][i] = ch.reason();
            v[3][i] = ch.attempts();
            v[4][i] = Timestamp.from(ch.next());
            v[5][i] = ch.sentAt() == null ? null : Timestamp.from(ch.sentAt());
            v[6][i] = ch.providerId();
            v[7][i] = ch.error();
            v[8][i] = last.apply(ch);
        }
        return v;
    }

    /** Binds {@link #columns} from parameter {@code at} on; the next parameter's index. */
    private static int bind(Connection c, PreparedStatement ps, int at, Object[][] v, String lastType) throws SQLException {
        String[] types = {"bigint", "text", "text", "integer", "timestamptz", "timestamptz", "text", "text", lastType};
        for (int k = 0; k < types.length; k++) {
            ps.setArray(at + k, c.createArrayOf(types[k], v[k]));
        }
        return at + types.length;
    }

    /**
     * Writes the rows' new state (only rows still claimed by this round) and their attempt rows in
     * one statement; the ids written.
     */
    private static Set<Long> settle(Connection c, UUID token, List<Change> changes, List<Attempt> attempts, String provider)
            throws SQLException {
        Object[][] v = columns(changes, Change::release);
        int m = attempts.size();
        Object[] aIds = new Object[m], aNos = new Object[m], aAts = new Object[m], outcomes = new Object[m], details = new Object[m];
        for (int i = 0; i < m; i++) {
            Attempt a = attempts.get(i);
            aIds[i] = a.id();
            aNos[i] = a.attempt();
            aAts[i] = Timestamp.from(a.at());
            outcomes[i] = a.outcome();
            details[i] = a.detail();
        }
        Set<Long> written = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("with v as (select * from unnest(?::bigint[], ?::text[], ?::text[],"
                + " ?::int[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::boolean[])"
                + " v (id, status, reason, attempts, next, sent_at, provider_id, error, release)),"
                + " upd as (update sms_states o set status = v.status, reason = coalesce(v.reason, o.reason),"
                + " attempts = v.attempts, next_attempt_at = v.next, sent_at = coalesce(v.sent_at, o.sent_at),"
                + " provider = case when v.sent_at is null then o.provider else ? end,"
                + " provider_id = coalesce(v.provider_id, o.provider_id), last_error = coalesce(v.error, o.last_error),"
                + " claim_token = null, counted_on = case when v.release then null else o.counted_on end"
                + " from v where o.id = v.id and o.claim_token = ? returning o.id),"
                + " att as (insert into sms_attempt_log (outbox_id, attempt, at, outcome, detail)"
                + " select a.id, a.attempt, a.at, a.outcome, a.detail"
                + " from unnest(?::bigint[], ?::int[], ?::timestamptz[], ?::text[], ?::text[]) a (id, attempt, at, outcome, detail)"
                + " where a.id in (select id from upd) on conflict do nothing)"
                + " select id from upd")) {
            bind(c, ps, 1, v, "boolean");
            ps.setString(10, provider);
            ps.setObject(11, token);
            ps.setArray(12, c.createArrayOf("bigint", aIds));
            ps.setArray(13, c.createArrayOf("integer", aNos));
            ps.setArray(14, c.createArrayOf("timestamptz", aAts));
            ps.setArray(15, c.createArrayOf("text", outcomes));
            ps.setArray(16, c.createArrayOf("text", details));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getLong(1));
                }
            }
        }
        return written;
    }

    private static void insertAttempts(Connection c, List<Attempt> attempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into sms_attempt_log (outbox_id, attempt, at, outcome, detail)"
                + " select * from unnest(?::bigint[], ?::int[], ?::timestamptz[], ?::text[], ?::text[]) on conflict do nothing")) {
            ps.setArray(1, c.createArrayOf("bigint", attempts.stream().map(Attempt::id).toArray()));
            ps.setArray(2, c.createArrayOf("integer", attempts.stream().map(Attempt::attempt).toArray()));
            ps.setArray(3, c.createArrayOf("timestamptz", attempts.stream().map(a -> Timestamp.from(a.at())).toArray()));
            ps.setArray(4, c.createArrayOf("text", attempts.stream().map(Attempt::outcome).toArray()));
            ps.setArray(5, c.createArrayOf("text", attempts.stream().map(Attempt::detail).toArray()));
            ps.executeUpdate();
        }
    }

    /** Gives back cap slots ("mobile|day" → slots), locking the counters in the claim's order. */
    private static void giveBackSlots(Connection c, TreeMap<String, Integer> release) throws SQLException {
        int k = release.size();
        Object[] mobiles = new Object[k], days = new Object[k], slots = new Object[k];
        int i = 0;
        for (Map.Entry<String, Integer> e : release.entrySet()) {
            int bar = e.getKey().indexOf('|');
            mobiles[i] = e.getKey().substring(0, bar);
            days[i] = e.getKey().substring(bar + 1);
            slots[i++] = e.getValue();
        }
        try (PreparedStatement lock = c.prepareStatement("select d.mobile from sms_daily_counts d"
                + " join unnest(?::bpchar[], ?::date[]) v (mobile, day) on d.mobile = v.mobile and d.day = v.day"
                + " order by d.mobile, d.day for update of d");
                PreparedStatement ps = c.prepareStatement("update sms_daily_counts d set sent = greatest(d.sent - v.n, 0)"
                        + " from unnest(?::bpchar[], ?::date[], ?::int[]) v (mobile, day, n) where d.mobile = v.mobile and d.day = v.day")) {
            lock.setArray(1, c.createArrayOf("text", mobiles));
            lock.setArray(2, c.createArrayOf("text", days));
            lock.executeQuery().close();
            ps.setArray(1, c.createArrayOf("text", mobiles));
            ps.setArray(2, c.createArrayOf("text", days));
            ps.setArray(3, c.createArrayOf("integer", slots));
            ps.executeUpdate();
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
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
                PreparedStatement ps = c.prepareStatement("update sms_states set status = ?, delivered_at = ?,"
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
