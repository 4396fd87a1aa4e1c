package io.parkcredit.screening;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "parkcredit.screening")
public interface ScreeningConfig {

    /** Share of the entropy weights in a BLEND screening; the officer's weights take the rest. */
    @WithDefault("0.5")
    double blendAlpha();

    /**
     * How long the computed prospect criteria are reused between screenings. Imports refresh them at
     * once on this instance; the limit bounds how stale another instance can be.
     */
    @WithDefault("PT10M")
    Duration criteriaTtl();

    /** Ranked prospects returned when the request gives no limit. */
    @WithDefault("100")
    int defaultLimit();
}
