package io.parkcredit.monitoring;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends over SMPP ({@link SmppClient}); a delivery receipt turns the message DELIVERED (or FAILED
 * when the centre could not deliver it). A receipt may overtake the commit of the round that sent
 * the message: it is then applied again a few times, a second apart.
 */
@ApplicationScoped
public class SmppSmsSender implements SmsSender {

    @Inject
    MonitoringConfig config;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    Clock clock;

    private SmppClient client;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smpp-receipts");
        t.setDaemon(true);
        return t;
    });

    @Override
    public String name() {
        return "smpp";
    }

    @Override
    public Outcome send(Message m) {
        return client().submit(m.mobile(), m.text());
    }

    private synchronized SmppClient client() {
        if (client == null) {
            MonitoringConfig.Smpp s = config.sms().smpp();
            client = new SmppClient(new SmppClient.Settings(s.host(), s.port(), s.systemId().orElse(""),
                    s.password().orElse(""), s.sourceAddr(), s.timeout()), this::receipt);
        }
        return client;
    }

    void receipt(String messageId, boolean delivered, String state) {
        apply(messageId, delivered, state, 0);
    }

    private void apply(String messageId, boolean delivered, String state, int tries) {
        if (!dispatcher.delivered(name(), messageId, delivered, state, clock.instant()) && tries < 10) {
            later.schedule(() -> apply(messageId, delivered, state, tries + 1), 1, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        later.shutdownNow();
        if (client != null) {
            client.close();
        }
    }
}
