package io.parkcredit.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** Lifecycle monitoring and SMS settings (DOMAIN.md §6); env names in README and deploy/parkcredit.env. */
@ConfigMapping(prefix = "parkcredit.monitoring")
public interface MonitoringConfig {

    /** Events that occurred more than this many days before they are stored raise no alert (a bulk load of history). */
    @WithDefault("90")
    int recentDays();

    /** Queued events one monitoring pass turns into alerts per transaction. */
    @WithDefault("5000")
    int passBatch();

    Sms sms();

    Pass pass();

    Intake intake();

    /**
     * Admission of {@code POST /api/credit-events}: while the oldest SMS due has waited longer than
     * {@link #maxLag()}, a request waits (up to {@link #maxWait()}) before it stores its events, so
     * that the dispatcher keeps up and an event's SMS leaves within about that lag, instead of a
     * backlog that grows without bound under a sustained flood of events. Rescheduled messages (a
     * failed attempt, quiet hours, a provider outage) are not due and do not hold the intake back.
     */
    interface Intake {
        /** How long the oldest due SMS may have waited before requests wait ({@code 0S} turns admission off). */
        @WithDefault("500ms")
        Duration maxLag();

        /** The longest a request waits; it is then stored anyway. */
        @WithDefault("5S")
        Duration maxWait();
    }

    Scan scan();

    interface Pass {
        /** How often the clustered pass looks for events queued by bundle imports ({@code off} disables it). */
        @WithDefault("30s")
        String every();
    }

    interface Scan {
        /** When the reminder scans run (Quartz cron; {@code off} disables them). */
        @WithDefault("0 30 7 * * ?")
        String cron();
    }

    interface Sms {
        /** How often the clustered job looks for due messages ({@code off} disables it). */
        @WithDefault("5s")
        String every();

        /** Which sender delivers: {@code log} (the admin page shows the messages), {@code http} or {@code smpp}. */
        @WithDefault("log")
        String provider();

        /** Whether this instance sends from the outbox (the clustered job and the wake-up after new rows). */
        @WithDefault("true")
        boolean dispatch();

        /** Dispatcher threads per instance: rounds run at once, and provider calls in parallel. */
        @WithDefault("4")
        int threads();

        /** Messages one dispatcher round claims (and then sends in parallel on the threads). */
        @WithDefault("500")
        int batchSize();

        /**
         * How long a round holds the messages it claimed. A message whose result is not recorded by
         * then (the instance died) is claimed again by the next round and resent with the same id.
         * A round starts no send after half of it; keep it above twice the provider timeout.
         */
        @WithDefault("PT1M")
        Duration lease();

        /** Messages one number receives per park day at most; the rest are SUPPRESSED. */
        @WithDefault("10")
        int dailyCap();

        /** Quiet hours (Beijing time): non-SERIOUS messages are held until they end. */
        @WithDefault("22:00")
        LocalTime quietStart();

        @WithDefault("08:00")
        LocalTime quietEnd();

        /** Attempts before a message is FAILED. */
        @WithDefault("8")
        int maxAttempts();

        /** Delay after the first failed attempt; doubled after each further one. */
        @WithDefault("PT10S")
        Duration backoffInitial();

        /** Longest delay between attempts. */
        @WithDefault("PT1H")
        Duration backoffMax();

        Http http();

        Smpp smpp();
    }

    /** An HTTP SMS gateway in the style of the big Chinese cloud SMS APIs (JSON, HMAC-SHA256 signature header). */
    interface Http {
        /** Endpoint URL, e.g. https://sms.example.com/v1/send. */
        Optional<String> url();

        /** Access key id sent in the X-Sms-Access-Key header. */
        Optional<String> accessKey();

        /** Secret that signs each request (HMAC-SHA256); only from the environment. */
        Optional<String> secret();

        /** Registered SMS sign name (签名). */
        @WithDefault("园区信用通")
        String signName();

        @WithDefault("PT5S")
        Duration timeout();

        /**
         * The gateway's batch endpoint (e.g. https://sms.example.com/v1/batch). When set, messages go
         * in batches of up to {@link #batchSize()}, each message with its own outId and result.
         */
        Optional<String> batchUrl();

        /** Most messages per batch call (the provider's limit; the cloud gateways take 100). */
        @WithDefault("100")
        int batchSize();
    }

    /** An SMPP 3.4 connection to the operator's SMS centre. */
    interface Smpp {
        @WithDefault("localhost")
        String host();

        @WithDefault("2775")
        int port();

        Optional<String> systemId();

        /** Only from the environment. */
        Optional<String> password();

        /** Sender address (service number). */
        @WithDefault("106900000000")
        String sourceAddr();

        @WithDefault("PT10S")
        Duration timeout();

        /**
         * A vendor-specific optional parameter (0x1400–0x3FFF, agreed with the operator) that carries
         * the whole outbox id, so the SMS centre can drop a resent message; unset: none.
         */
        Optional<Integer> outIdTag();
    }
}
