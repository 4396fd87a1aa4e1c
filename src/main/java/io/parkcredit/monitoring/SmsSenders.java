package io.parkcredit.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Picks the sender named by {@code parkcredit.monitoring.sms.provider} among the SmsSender beans. */
@ApplicationScoped
public class SmsSenders {

    @Inject
    @Any
    Instance<SmsSender> all;

    @Inject
    MonitoringConfig config;

    public SmsSender configured() {
        return byName(config.sms().provider());
    }

    public SmsSender byName(String name) {
        for (SmsSender s : all) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalStateException("no SMS sender named '" + name + "'; known: "
                + StreamSupport.stream(all.spliterator(), false).map(SmsSender::name).collect(Collectors.joining(", ")));
    }
}
