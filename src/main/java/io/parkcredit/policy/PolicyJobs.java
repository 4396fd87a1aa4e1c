package io.parkcredit.policy;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The clustered Quartz job that matches open policies again (DOMAIN.md §10.2: a change of a firm's
 * list or grade re-matches and notifies new matches once). A firing runs on one instance; a second
 * pass, or two instances at once, add nothing because each match, alert and SMS has a unique key.
 * One job covers every way a firm's facts change: a published classification run, a rating
 * published, expired or revoked, a serious record ageing out, a firm imported. The interval is
 * {@code parkcredit.policy.rematch.every} ({@code off} disables it).
 */
@ApplicationScoped
public class PolicyJobs {

    private static final Logger LOG = Logger.getLogger(PolicyJobs.class);

    @Inject
    PolicyService policies;

    @Scheduled(identity = "policy-rematch", every = "${parkcredit.policy.rematch.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rematchJob() {
        int n = policies.rematchOpen();
        if (n > 0) {
            LOG.infof("policy re-match: %d firms newly matched and notified", n);
        }
    }
}
