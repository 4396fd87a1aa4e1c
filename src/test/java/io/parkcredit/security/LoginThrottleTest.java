package io.parkcredit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sign-in back-off, step by step with explicit instants (README "Accounts and sessions"). */
class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.defaults());

    private void fail(String account, String address, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address, at);
        }
    }

    @Test
    void anAccountAndAddressPairWaitsAfterFiveFailuresDoublingUpToFifteenMinutes() {
        fail("bank", "198.51.100.7", 5, T0);
        assertThat(throttle.waitFor("bank", "198.51.100.7", T0)).isEmpty();
        fail("bank", "198.51.100.7", 1, T0);
        assertThat(throttle.waitFor("bank", "198.51.100.7", T0)).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("bank", "198.51.100.7", T0.plusSeconds(1))).isEmpty();
        fail("bank", "198.51.100.7", 1, T0.plusSeconds(1));
        assertThat(throttle.waitFor("bank", "198.51.100.7", T0.plusSeconds(1))).contains(Duration.ofSeconds(2));
        // the 16th failure: 2^10 s = 1024 s, capped at 900 s
        Instant t = T0.plusSeconds(10);
        fail("bank", "198.51.100.7", 9, t);
        assertThat(throttle.waitFor("bank", "198.51.100.7", t)).contains(Duration.ofSeconds(900));
        // never permanent: the wait ends
        assertThat(throttle.waitFor("bank", "198.51.100.7", t.plusSeconds(900))).isEmpty();
        // and another address of the same account was never slowed down
        assertThat(throttle.waitFor("bank", "203.0.113.5", t)).isEmpty();
    }

    @Test
    void backoffSequence() {
        assertThat(throttle.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.backoff(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(throttle.backoff(11)).isEqualTo(Duration.ofSeconds(900));
        assertThat(throttle.backoff(1000)).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void anAddressSprayingManyAccountsWaitsAfterTwentyFailures() {
        throttle.succeeded("colleague", "198.51.100.9", T0);
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "198.51.100.9", T0);
        }
        assertThat(throttle.waitFor("someone-else", "198.51.100.9", T0)).isEmpty();
        throttle.failed("user20", "198.51.100.9", T0);
        assertThat(throttle.waitFor("someone-else", "198.51.100.9", T0)).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("someone-else", "203.0.113.1", T0)).isEmpty();
        // an account that signed in from this address before (an office behind one NAT) is not slowed down
        assertThat(throttle.waitFor("colleague", "198.51.100.9", T0)).isEmpty();
    }

    @Test
    void anAccountLockSparesTheAddressesItSignedInFromAndEnds() {
        throttle.succeeded("bank", "203.0.113.5", T0);
        for (int i = 0; i < 50; i++) {
            throttle.failed("bank", "198.51.100." + i, T0.plusSeconds(60));
        }
        Instant t = T0.plusSeconds(60);
        assertThat(throttle.waitFor("bank", "192.0.2.1", t)).isEmpty();
        throttle.failed("bank", "198.51.100.200", t);
        assertThat(throttle.waitFor("bank", "192.0.2.1", t)).contains(Duration.ofMinutes(15));
        // the bank's own server signed in from here before: not locked out
        assertThat(throttle.waitFor("bank", "203.0.113.5", t)).isEmpty();
        assertThat(throttle.waitFor("bank", "192.0.2.1", t.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void aSuccessClearsThePairAndCountersAreForgottenAfterAnHourWithoutFailures() {
        fail("bank", "198.51.100.7", 6, T0);
        throttle.succeeded("bank", "198.51.100.7", T0);
        assertThat(throttle.waitFor("bank", "198.51.100.7", T0)).isEmpty();
        fail("firm", "198.51.100.8", 5, T0);
        Instant later = T0.plus(Duration.ofHours(1)).plusSeconds(1);
        throttle.failed("firm", "198.51.100.8", later);
        assertThat(throttle.waitFor("firm", "198.51.100.8", later)).isEqualTo(Optional.empty());
    }
}
