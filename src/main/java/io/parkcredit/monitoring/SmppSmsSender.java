package io.parkcredit.monitoring;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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

    private SmppClient client;

    @Override
    public String name() {
        return "smpp";
    }

    @Override
    public Outcome send(Message m) {
        return client().submit(m.id(), m.mobile(), m.text());
    }

    private synchronized SmppClient client() {
        if (client == null) {
            MonitoringConfig.Smpp s = config.sms().smpp();
            client = new SmppClient(new SmppClient.Settings(s.host(), s.port(), s.systemId().orElse(""),
                    s.password().orElse(""), s.sourceAddr(), s.timeout(), s.outIdTag().orElse(null)), this::receipt);
        }
        return client;
    }

    void receipt(String messageId, boolean delivered, String state) {
        dispatcher.receipt(name(), messageId, delivered, state);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (client != null) {
            client.close();
        }
    }
}
