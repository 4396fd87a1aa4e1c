package io.parkcredit.monitoring;

import java.util.Map;

/**
 * Hands one SMS to a provider. Implementations are CDI beans named by {@link #name()}; the
 * configured one ({@code parkcredit.monitoring.sms.provider}) is used. A sender never throws for a
 * provider's refusal or outage: it answers {@link Outcome#failed}.
 */
public interface SmsSender {

    /** The configuration name: {@code log}, {@code http}, {@code smpp}. */
    String name();

    Outcome send(Message message);

    /**
     * What is sent: the outbox id (the provider's idempotency key), the rendered text, the template
     * form, and when the alert behind it was accepted (for latency metrics).
     */
    record Message(long id, String mobile, String text, String templateCode, Map<String, String> params,
            java.time.Instant acceptedAt) {
    }

    /**
     * The provider's answer. {@code unavailable} means the provider could not be reached or failed
     * as a whole (connection, timeout, 5xx): the dispatcher stops the round instead of spending an
     * attempt of every queued message on an outage.
     */
    record Outcome(boolean sent, String providerId, String error, boolean unavailable) {
        public static Outcome sent(String providerId) {
            return new Outcome(true, providerId, null, false);
        }

        public static Outcome failed(String error) {
            return new Outcome(false, null, error, false);
        }

        public static Outcome unavailable(String error) {
            return new Outcome(false, null, error, true);
        }
    }
}
