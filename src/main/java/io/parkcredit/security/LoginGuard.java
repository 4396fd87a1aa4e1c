package io.parkcredit.security;

import io.parkcredit.shared.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies the {@link LoginThrottle} to every sign-in: HTTP Basic requests are answered 429 with
 * {@code Retry-After} before any password is looked at; a form sign-in (whose user name is in the body)
 * is checked by {@link PasswordIdentityProvider}, and its redirect back to the form carries the wait.
 */
@ApplicationScoped
public class LoginGuard {

    /** Routing-context key: seconds the client must wait, set when a sign-in was refused by back-off. */
    static final String RETRY_AFTER = "parkcredit.retry-after";

    @Inject
    Clock clock;

    /** Failures of one account from one address before the back-off starts. */
    @ConfigProperty(name = "parkcredit.security.throttle.pair-free", defaultValue = "5")
    int pairFree;

    /** Failures from one address, any account, before the back-off starts. */
    @ConfigProperty(name = "parkcredit.security.throttle.address-free", defaultValue = "20")
    int addressFree;

    /** Failures of one account, any address, before it is locked for addresses it never signed in from. */
    @ConfigProperty(name = "parkcredit.security.throttle.account-free", defaultValue = "50")
    int accountFree;

    /** Longest back-off wait. */
    @ConfigProperty(name = "parkcredit.security.throttle.max-wait", defaultValue = "PT15M")
    Duration maxWait;

    /** How long the account-wide lock lasts. */
    @ConfigProperty(name = "parkcredit.security.throttle.account-lock", defaultValue = "PT15M")
    Duration accountLock;

    @ConfigProperty(name = "quarkus.http.auth.form.error-page")
    String errorPage;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        LoginThrottle.Settings d = LoginThrottle.Settings.defaults();
        throttle = new LoginThrottle(new LoginThrottle.Settings(pairFree, addressFree, accountFree, d.base(), maxWait,
                accountLock, d.forgetAfter(), d.knownFor(), d.maxEntries()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, SecurityHandlerPriorities.AUTHENTICATION + 50);
    }

    Optional<Duration> waitFor(String account, RoutingContext rc) {
        return throttle.waitFor(account, address(rc), clock.instant());
    }

    void failed(String account, RoutingContext rc) {
        throttle.failed(account, address(rc), clock.instant());
    }

    void succeeded(String account, RoutingContext rc) {
        throttle.succeeded(account, address(rc), clock.instant());
    }

    void failedFrom(String account, String address) {
        throttle.failed(account, address, clock.instant());
    }

    void forgetAccount(String account) {
        throttle.forgetAccount(account);
    }

    /** The client's address; behind a trusted proxy Quarkus has already put the forwarded one here. */
    static String address(RoutingContext rc) {
        if (rc == null || rc.request().remoteAddress() == null) {
            return "unknown";
        }
        return rc.request().remoteAddress().hostAddress();
    }

    private void filter(RoutingContext rc) {
        String basicUser = basicUser(rc.request().getHeader("Authorization"));
        if (basicUser != null) {
            Optional<Duration> wait = waitFor(basicUser, rc);
            if (wait.isPresent()) {
                Problem p = Problem.of(429, "too-many-sign-in-failures", "请稍后再试 Too many requests",
                        "too many failed sign-ins; try again in " + wait.get().toSeconds() + " s",
                        rc.normalizedPath(), List.of());
                rc.response().setStatusCode(429)
                        .putHeader("Retry-After", String.valueOf(wait.get().toSeconds()))
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(Json.encode(p));
                return;
            }
        }
        rc.addHeadersEndHandler(v -> {
            Long seconds = rc.get(RETRY_AFTER);
            if (seconds != null) {
                rc.response().putHeader("Retry-After", String.valueOf(seconds));
                if (rc.response().getStatusCode() == 302) {
                    rc.response().putHeader("Location", errorPage + "&wait=" + seconds);
                }
            }
        });
        rc.next();
    }

    /** The user name of an HTTP Basic header, or null. */
    static String basicUser(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
