package io.parkcredit.rating;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Drives the rating deadlines (objection window, publicity period, expiry) on the clustered Quartz
 * store: one idempotent sweep, so a late, repeated or concurrent firing changes nothing twice.
 */
@ApplicationScoped
public class RatingJobs {

    private static final Logger LOG = Logger.getLogger(RatingJobs.class);

    @Inject
    RatingService ratings;

    @Inject
    Clock clock;

    @Scheduled(identity = "rating-deadlines", every = "${parkcredit.rating.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Map<String, Integer> done = ratings.sweep(LocalDate.now(clock));
        if (done.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("rating deadlines: %s", done);
        }
    }
}
