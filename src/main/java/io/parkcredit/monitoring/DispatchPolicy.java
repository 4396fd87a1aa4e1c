package io.parkcredit.monitoring;

import io.parkcredit.shared.ClockProducer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The SMS rules of DOMAIN.md §6 as pure functions: quiet hours (Beijing time) for non-SERIOUS
 * messages, a daily cap per number, and exponential back-off between attempts.
 */
public record DispatchPolicy(LocalTime quietStart, LocalTime quietEnd, int dailyCap, int maxAttempts,
        Duration backoffInitial, Duration backoffMax) {

    public static DispatchPolicy of(MonitoringConfig.Sms sms) {
        return new DispatchPolicy(sms.quietStart(), sms.quietEnd(), sms.dailyCap(), sms.maxAttempts(),
                sms.backoffInitial(), sms.backoffMax());
    }

    /** The park day a message sent at {@code now} counts against. */
    public static LocalDate parkDay(Instant now) {
        return now.atZone(ClockProducer.PARK_ZONE).toLocalDate();
    }

    /**
     * When a non-urgent message due at {@code now} may go: empty if now is outside the quiet hours,
     * else the end of the quiet hours (the same morning, or the next one when the hours span midnight).
     */
    public Optional<Instant> heldUntil(Instant now, boolean urgent) {
        if (urgent || quietStart.equals(quietEnd)) {
            return Optional.empty();
        }
        ZonedDateTime t = now.atZone(ClockProducer.PARK_ZONE);
        LocalTime time = t.toLocalTime();
        boolean spansMidnight = quietStart.isAfter(quietEnd);
        boolean quiet = spansMidnight ? !time.isBefore(quietStart) || time.isBefore(quietEnd)
                : !time.isBefore(quietStart) && time.isBefore(quietEnd);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate endDay = spansMidnight && !time.isBefore(quietStart) ? t.toLocalDate().plusDays(1) : t.toLocalDate();
        return Optional.of(endDay.atTime(quietEnd).atZone(ClockProducer.PARK_ZONE).toInstant());
    }

    /** Whether one more message to a number that already received {@code sentToday} today stays within the cap. */
    public boolean withinCap(int sentToday) {
        return sentToday < dailyCap;
    }

    /**
     * The wait after the given failed attempt (1 = the first): initial × 2^(attempt−1), at most
     * the maximum; empty when no attempt is left and the message is FAILED.
     */
    public Optional<Duration> retryAfter(int failedAttempt) {
        if (failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        int shift = Math.min(failedAttempt - 1, 30);
        Duration d = backoffInitial.multipliedBy(1L << shift);
        return Optional.of(d.compareTo(backoffMax) > 0 ? backoffMax : d);
    }
}
