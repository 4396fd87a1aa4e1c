package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.MonitoringFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The SMS rules of DOMAIN.md §6 at their boundaries: quiet hours, daily cap, back-off. */
class DispatchPolicyTest {

    private final DispatchPolicy policy = MonitoringFixtures.policy(3);

    private static Instant beijing(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), io.parkcredit.shared.ClockProducer.PARK_ZONE).toInstant();
    }

    @ParameterizedTest(name = "{0} → held until {1}")
    @CsvSource({
            "2026-05-06T21:59:59, ",
            "2026-05-06T22:00:00, 2026-05-07T08:00:00",
            "2026-05-06T23:30:00, 2026-05-07T08:00:00",
            "2026-05-07T00:00:00, 2026-05-07T08:00:00",
            "2026-05-07T07:59:59, 2026-05-07T08:00:00",
            "2026-05-07T08:00:00, ",
            "2026-05-07T12:00:00, "})
    void quietHoursHoldNonUrgentMessagesUntilTheyEnd(String at, String until) {
        Optional<Instant> held = policy.heldUntil(beijing(at), false);
        assertThat(held).isEqualTo(until == null ? Optional.empty() : Optional.of(beijing(until)));
    }

    @Test
    void seriousMessagesAreNeverHeld() {
        assertThat(policy.heldUntil(beijing("2026-05-06T23:30:00"), true)).isEmpty();
    }

    @Test
    void quietHoursWithinOneDayWork() {
        DispatchPolicy lunch = new DispatchPolicy(LocalTime.of(12, 0), LocalTime.of(13, 0), 3, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(4));
        assertThat(lunch.heldUntil(beijing("2026-05-06T12:30:00"), false)).contains(beijing("2026-05-06T13:00:00"));
        assertThat(lunch.heldUntil(beijing("2026-05-06T23:30:00"), false)).isEmpty();
    }

    @Test
    void dailyCapAllowsExactlyCapMessages() {
        assertThat(policy.withinCap(0)).isTrue();
        assertThat(policy.withinCap(2)).isTrue();
        assertThat(policy.withinCap(3)).isFalse();
    }

    @Test
    void backOffDoublesUpToTheMaximumThenGivesUp() {
        DispatchPolicy p = new DispatchPolicy(LocalTime.of(22, 0), LocalTime.of(8, 0), 10, 7, Duration.ofSeconds(10),
                Duration.ofSeconds(100));
        List<Optional<Duration>> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 7; attempt++) {
            waits.add(p.retryAfter(attempt));
        }
        assertThat(waits).containsExactly(Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(20)),
                Optional.of(Duration.ofSeconds(40)), Optional.of(Duration.ofSeconds(80)), Optional.of(Duration.ofSeconds(100)),
                Optional.of(Duration.ofSeconds(100)), Optional.empty());
    }

    @Test
    void parkDayIsTheBeijingDay() {
        assertThat(DispatchPolicy.parkDay(Instant.parse("2026-05-06T16:30:00Z"))).isEqualTo("2026-05-07");
    }
}
