package io.parkcredit.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Back-off of password guessing (README "Accounts and sessions"). Three counters of failed sign-ins,
 * each forgotten after {@link Settings#forgetAfter} without a failure:
 *
 * <ol>
 * <li>per account and client address: after {@code pairFree} failures each further failure doubles a
 * wait from {@code base} up to {@code cap};</li>
 * <li>per client address, over all accounts (password spraying): the same after {@code addressFree}
 * failures — except for accounts that signed in successfully from that address within {@code knownFor}
 * (the colleagues behind one office NAT are not slowed down by one another's typing errors);</li>
 * <li>per account, over all addresses: after {@code accountFree} failures the account is locked for
 * {@code accountLock} (bounded, never permanent) — but not for an address from which the account signed
 * in successfully within {@code knownFor}. An attacker elsewhere cannot lock a bank's integration out
 * of its own server's address.</li>
 * </ol>
 *
 * While a wait runs, attempts are refused without looking at the password and are not counted.
 * Pure state over explicit instants; one instance per server process.
 */
public final class LoginThrottle {

    /** The limits; see the class comment. */
    public record Settings(int pairFree, int addressFree, int accountFree, Duration base, Duration cap,
            Duration accountLock, Duration forgetAfter, Duration knownFor, int maxEntries) {

        public static Settings defaults() {
            return new Settings(5, 20, 50, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15),
                    Duration.ofHours(1), Duration.ofDays(30), 100_000);
        }
    }

    private static final class Counter {
        int failures;
        Instant lastFailure;
        Instant blockedUntil = Instant.MIN;
    }

    private final Settings s;
    private final Map<String, Counter> pairs = new HashMap<>();
    private final Map<String, Counter> addresses = new HashMap<>();
    private final Map<String, Counter> accounts = new HashMap<>();
    /** account → (address → last successful sign-in). */
    private final Map<String, Map<String, Instant>> knownGood = new HashMap<>();

    public LoginThrottle(Settings settings) {
        this.s = settings;
    }

    /** How long the caller must wait before this attempt is looked at; empty when it may go ahead. */
    public synchronized Optional<Duration> waitFor(String account, String address, Instant now) {
        Instant until = Instant.MIN;
        until = later(until, active(pairs.get(pair(account, address)), now));
        if (!isKnownGood(account, address, now)) {
            until = later(until, active(addresses.get(address), now));
            until = later(until, active(accounts.get(account), now));
        }
        if (!until.isAfter(now)) {
            return Optional.empty();
        }
        long millis = Duration.between(now, until).toMillis();
        return Optional.of(Duration.ofSeconds(Math.max(1, (millis + 999) / 1000)));
    }

    public synchronized void failed(String account, String address, Instant now) {
        prune(now);
        fail(pairs, pair(account, address), s.pairFree(), now, false);
        fail(addresses, address, s.addressFree(), now, false);
        fail(accounts, account, s.accountFree(), now, true);
    }

    public synchronized void succeeded(String account, String address, Instant now) {
        pairs.remove(pair(account, address));
        knownGood.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(address, now);
    }

    /** Forgets everything about an account (its password was changed by its owner or an ADMIN). */
    public synchronized void forgetAccount(String account) {
        accounts.remove(account);
        pairs.keySet().removeIf(k -> k.startsWith(account + '\u0000'));
    }

    private void fail(Map<String, Counter> map, String key, int free, Instant now, boolean fixedLock) {
        Counter c = map.computeIfAbsent(key, k -> new Counter());
        if (c.lastFailure != null && Duration.between(c.lastFailure, now).compareTo(s.forgetAfter()) > 0) {
            c.failures = 0;
        }
        c.failures++;
        c.lastFailure = now;
        int over = c.failures - free;
        if (over > 0) {
            Duration wait = fixedLock ? s.accountLock() : backoff(over);
            c.blockedUntil = now.plus(wait);
        }
    }

    /** base × 2^(over-1), at most cap. */
    Duration backoff(int over) {
        Duration wait = s.base();
        for (int i = 1; i < over && wait.compareTo(s.cap()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(s.cap()) > 0 ? s.cap() : wait;
    }

    private boolean isKnownGood(String account, String address, Instant now) {
        Map<String, Instant> known = knownGood.get(account);
        Instant last = known == null ? null : known.get(address);
        return last != null && Duration.between(last, now).compareTo(s.knownFor()) <= 0;
    }

    private Instant active(Counter c, Instant now) {
        if (c == null || c.lastFailure == null
                || Duration.between(c.lastFailure, now).compareTo(s.forgetAfter()) > 0) {
            return Instant.MIN;
        }
        return c.blockedUntil;
    }

    /** Keeps memory bounded when many names or addresses are tried. */
    private void prune(Instant now) {
        if (pairs.size() + addresses.size() + accounts.size() < s.maxEntries()) {
            return;
        }
        for (Map<String, Counter> m : java.util.List.of(pairs, addresses, accounts)) {
            m.values().removeIf(c -> c.lastFailure == null
                    || Duration.between(c.lastFailure, now).compareTo(s.forgetAfter()) > 0);
        }
        if (pairs.size() + addresses.size() + accounts.size() >= s.maxEntries()) {
            pairs.clear();
        }
        if (knownGood.size() > s.maxEntries()) {
            knownGood.values().forEach(m -> m.values().removeIf(t -> Duration.between(t, now).compareTo(s.knownFor()) > 0));
            knownGood.values().removeIf(Map::isEmpty);
        }
    }

    private static String pair(String account, String address) {
        return account + '\u0000' + address;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
