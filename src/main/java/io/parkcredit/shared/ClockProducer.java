package io.parkcredit.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneId;

/** Business time. Rules take their "today" from this clock so tests can move it. */
@ApplicationScoped
public class ClockProducer {

    /** The park's time zone: day boundaries and quiet hours are Beijing time. */
    public static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.system(PARK_ZONE);
    }
}
