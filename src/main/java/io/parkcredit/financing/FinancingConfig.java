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

    /** Days before the pickup deadline that the reminder scan alerts the routed institutions. */
    @WithDefault("1")
    int pickupReminderDays();

    /** How often the clustered sweep runs (read by its {@code @Scheduled} trigger). */
    @WithDefault("60s")
    String sweepEvery();
}
