package io.parkcredit.testing;

import io.parkcredit.shared.ClockProducer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The business clock of the tests: the system clock in the park's zone unless a test sets the day
 * (then 10:00 Beijing time that day) to walk a story over months; every such test resets it.
 */
public final class TestClock extends Clock {

    private static final TestClock INSTANCE = new TestClock();
    private static volatile Instant fixed;

    private TestClock() {
    }

    /** From now on "today" is {@code day} until {@link #reset}. */
    public static void set(LocalDate day) {
        fixed = day.atTime(LocalTime.of(10, 0)).atZone(ClockProducer.PARK_ZONE).toInstant();
    }

    public static void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ClockProducer.PARK_ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    /** Replaces the application's clock in the tests. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @Alternative
        @Priority(10)
        @ApplicationScoped
        Clock clock() {
            return INSTANCE;
        }
    }
}
