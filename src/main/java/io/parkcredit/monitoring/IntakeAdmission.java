package io.parkcredit.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Admission of the event intake ({@link MonitoringConfig.Intake}): a request waits while the SMS
 * dispatcher lags, so that under a flood the backlog, and with it the time from an event to its SMS,
 * stays bounded. The lag is what this instance's dispatcher saw at its last claim (how long the
 * oldest message it took had been due) while that is fresh; otherwise (a dispatcher idle or off on
 * this instance) it is read from the oldest due message, at most once per {@link #RECHECK}.
 */
@ApplicationScoped
public class IntakeAdmission {

    private static final Logger LOG = Logger.getLogger(IntakeAdmission.class);
    static final long RECHECK = Duration.ofMillis(100).toNanos();
    private static final Duration FRESH = Duration.ofSeconds(2);
    private static final long PAUSE = Duration.ofMillis(20).toNanos();

    @Inject
    DataSource dataSource;

    @Inject
    MonitoringConfig config;

    @Inject
    SmsDispatcher dispatcher;

    private volatile long checkedAt = System.nanoTime() - RECHECK;
    private volatile boolean lagging;

    /** Waits while the dispatcher lags, at most the configured time; returns the milliseconds waited. */
    public long await() {
        Duration maxLag = config.intake().maxLag();
        if (maxLag.isZero() || maxLag.isNegative()) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + config.intake().maxWait().toNanos();
        while (lagging(maxLag) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(PAUSE);
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        if (System.nanoTime() >= deadline) {
            LOG.debugf("event intake waited %d ms for the SMS dispatcher and goes on", waited);
        }
        return waited;
    }

    private boolean lagging(Duration maxLag) {
        Optional<Duration> seen = dispatcher == null ? Optional.empty() : dispatcher.recentLag(FRESH);
        if (seen.isPresent()) {
            return seen.get().compareTo(maxLag) > 0;
        }
        long now = System.nanoTime();
        if (now - checkedAt < RECHECK) {
            return lagging;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select exists (select 1 from sms_states"
                        + " where status = 'PENDING' and next_attempt_at < now() - make_interval(secs => ?))"
                        + " or exists (select 1 from sms_batches where due_at < now() - make_interval(secs => ?))")) {
            ps.setDouble(1, maxLag.toMillis() / 1000.0);
            ps.setDouble(2, maxLag.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lagging = rs.getBoolean(1);
            }
        } catch (SQLException e) {
            // admission is a pacing aid: without an answer the request goes on
            LOG.warnf("cannot read the SMS backlog for admission: %s", e.getMessage());
            lagging = false;
        }
        checkedAt = System.nanoTime();
        return lagging;
    }
}
