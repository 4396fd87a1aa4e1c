package io.parkcredit.monitoring;

import io.parkcredit.enterprise.RegistryChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * The clustered Quartz jobs of monitoring (one firing runs on one instance): the pass over queued
 * events (bundle imports), the daily reminder scans and the SMS outbox. Each is a thin call into an
 * idempotent service; intervals are configuration ({@code off} disables one).
 */
@ApplicationScoped
public class MonitoringJobs {

    private static final Logger LOG = Logger.getLogger(MonitoringJobs.class);

    @Inject
    MonitoringPass pass;

    @Inject
    ReminderScan scan;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    MonitoringConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "monitoring-pass", every = "${parkcredit.monitoring.pass.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void passJob() {
        drainQueue();
    }

    @Scheduled(identity = "monitoring-scan", cron = "${parkcredit.monitoring.scan.cron}", timeZone = "${parkcredit.park-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scanJob() {
        scan.scan(LocalDate.now(clock));
    }

    @Scheduled(identity = "sms-dispatch", every = "${parkcredit.monitoring.sms.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchJob() {
        if (config.sms().dispatch()) {
            dispatcher.wake();
        }
    }

    private final java.util.concurrent.ExecutorService afterImport = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "monitoring-pass");
        t.setDaemon(true);
        return t;
    });

    /** A bundle import committed: its new events are queued; alert on them now rather than at the next firing. */
    void registryChanged(@Observes RegistryChanged change) {
        afterImport.submit(() -> {
            try {
                drainQueue();
            } catch (RuntimeException e) {
                LOG.warnf("monitoring pass after an import failed (the job retries): %s", e.getMessage());
            }
        });
    }

    void started(@Observes StartupEvent ev) {
        dispatcher.wake();
    }

    /** Drains the whole queue, one transaction per chunk. */
    public int drainQueue() {
        int total = 0;
        while (true) {
            MonitoringPass.PassResult r = QuarkusTransaction.requiringNew()
                    .call(() -> pass.processQueued(config.passBatch(), LocalDate.now(clock)));
            total += r.events();
            if (r.events() < config.passBatch()) {
                break;
            }
        }
        if (total > 0) {
            LOG.infof("monitoring pass: %d queued events checked", total);
        }
        return total;
    }
}
