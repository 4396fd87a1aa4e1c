package io.parkcredit.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The default sender: writes each message to the log; the SMS log page shows every one. */
@ApplicationScoped
public class LogSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(LogSmsSender.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Outcome send(Message m) {
        LOG.debugf("SMS %d to %s****%s: %s", m.id(), m.mobile().substring(0, 3), m.mobile().substring(7), m.text());
        return Outcome.sent("log-" + m.id());
    }
}
