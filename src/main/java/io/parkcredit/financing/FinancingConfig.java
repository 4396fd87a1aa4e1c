package io.parkcredit.financing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "parkcredit.financing")
public interface FinancingConfig {

    /** How long a routed request waits in the institutions' queues before its pickup deadline. */
    @WithDefault("PT48H")
    Duration pickupWindow();

    /** How long a claim holds without an offer (bank) or a guarantee (guarantor) before it is released. */
    @WithDefault("PT24H")
    Duration claimWindow();

    /**
     * How long an institution's queue total ({@code total} of a ROUTED page) is reused before it is
     * counted again; the rows of every page are always read fresh. Counting a queue of 10,000 costs
     * PostgreSQL about a millisecond of CPU, which at a thousand queue reads a second would be most of
     * the database; 0 counts on every read.
     */
    @WithDefault("PT1S")
    Duration queueTotalReuse();

    /** Days before the pickup deadline that the reminder scan alerts the routed institutions. */
    @WithDefault("1")
    int pickupReminderDays();

    /** How often the clustered sweep runs (read by its {@code @Scheduled} trigger). */
    @WithDefault("60s")
    String sweepEvery();
}
