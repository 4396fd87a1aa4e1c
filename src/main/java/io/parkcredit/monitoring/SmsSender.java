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
     * Most messages one call to the provider may carry. 1 (the default) means one call per message;
     * a provider with a batch interface (e.g. the cloud gateways' batch send of up to 100 numbers, each
     * with its own idempotency key) takes more, and the dispatcher hands them over in groups.
     */
    default int batchLimit() {
        return 1;
    }

    /**
     * Hands several messages in one call; the outcomes in the messages' order. The default sends them
     * one by one, stopping at an unavailable provider (the rest stay null: not handed over).
     */
    default Outcome[] sendAll(java.util.List<Message> messages) {
        Outcome[] out = new Outcome[messages.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = send(messages.get(i));
            if (out[i].unavailable()) {
                break;
            }
        }
        return out;
    }

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
