package io.parkcredit.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a user name and password (HTTP Basic on /api, the login form on pages) against the bcrypt
 * hash in {@code app_users}, and remembers a successful check for a short while.
 *
 * <p>bcrypt costs ~100 ms of CPU by design; an integration that sends Basic credentials with every
 * call would pay it on every call. After one successful check the provider keeps, per user name, an
 * HMAC of the password under a key that lives only in this process, and accepts the same password
 * again without bcrypt until the entry is {@code parkcredit.security.login-cache} old — and only while
 * the user is enabled and its credentials version is the one seen at the check (a disable or a password
 * change on any instance ends it). A wrong password is never cached and never evicts the right one
 * (an attacker cannot push a bank's integration back onto bcrypt); every failure costs a full bcrypt
 * check, an unknown user is checked against a dummy hash so its answer takes as long as a known one's.
 *
 * <p>Every attempt goes through the {@link LoginGuard} back-off; a form sign-in opens a server-side
 * session ({@link SessionStore}).
 */
@ApplicationScoped
@Unremovable
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final int MAX_ENTRIES = 10_000;
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password-" + System.nanoTime());

    @Inject
    UserDirectory directory;

    @Inject
    LoginGuard guard;

    @Inject
    SessionStore sessions;

    /** How long a verified password is accepted without a new bcrypt check; 0 disables the cache. */
    @ConfigProperty(name = "parkcredit.security.login-cache", defaultValue = "PT5M")
    Duration ttl;

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String formPostLocation;

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;

    private record Verified(byte[] mac, String role, int credentialsVersion, long expiresAtNanos) {
    }

    public PasswordIdentityProvider() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        key = new SecretKeySpec(k, "HmacSHA256");
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of the provider security-jpa generates (it ranks itself high): this one answers every
     * user name/password request, so bcrypt is checked in one place. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    /** Forgets the remembered password of a user (disabled, or its password changed). */
    public void forget(String username) {
        verified.remove(username);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        Optional<Duration> wait = guard.waitFor(username, rc);
        if (wait.isPresent()) {
            if (rc != null) {
                rc.put(LoginGuard.RETRY_AFTER, wait.get().toSeconds());
            }
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins"));
        }
        byte[] mac = mac(username, password);
        boolean formSignIn = rc != null && rc.normalizedPath().equals(formPostLocation);
        if (!formSignIn) {
            // the common case of an integration: a remembered password of a user whose row is in memory is
            // answered here, on the I/O thread, without a query or a thread switch
            UserDirectory.Entry row = directory.cached(username);
            if (row != null && remembered(username, mac, row)) {
                guard.succeeded(username, rc);
                return Uni.createFrom().item(identity(row));
            }
        }
        return context.runBlocking(() -> verify(username, password, mac, rc, formSignIn));
    }

    private boolean remembered(String username, byte[] mac, UserDirectory.Entry row) {
        Verified hit = verified.get(username);
        return row.enabled() && hit != null && hit.expiresAtNanos - System.nanoTime() > 0
                && hit.credentialsVersion == row.credentialsVersion() && MessageDigest.isEqual(hit.mac, mac);
    }

    private SecurityIdentity verify(String username, char[] password, byte[] mac, RoutingContext rc, boolean formSignIn) {
        UserDirectory.Entry row = directory.find(username).orElse(null);
        boolean matches = row != null && remembered(username, mac, row);
        if (!matches) {
            // a password that is not remembered is checked against the stored hash as it is now
            row = directory.fresh(username).orElse(null);
            matches = BcryptUtil.matches(new String(password), row == null ? DUMMY_HASH : row.passwordHash());
            if (matches && !ttl.isZero() && !ttl.isNegative()) {
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
                verified.put(username, new Verified(mac, row.role().name(), row.credentialsVersion(),
                        System.nanoTime() + ttl.toNanos()));
            }
        }
        if (row == null || !matches || !row.enabled()) {
            guard.failed(username, rc);
            throw new AuthenticationFailedException();
        }
        guard.succeeded(username, rc);
        if (formSignIn) {
            sessions.open(rc, username, row.credentialsVersion());
        }
        return identity(row);
    }

    /** The identity of a checked user, with the bindings {@link CurrentUser} reads (no query per request). */
    static SecurityIdentity identity(UserDirectory.Entry row) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.username()))
                .addRole(row.role().name());
        if (row.uscc() != null) {
            b.addAttribute(CurrentUser.USCC, row.uscc());
        }
        if (row.institutionCode() != null) {
            b.addAttribute(CurrentUser.INSTITUTION, row.institutionCode());
        }
        if (row.parkId() != null) {
            b.addAttribute(CurrentUser.PARK, row.parkId());
        }
        return b.build();
    }

    /** One HMAC instance per thread, keyed once (looking the algorithm up per call is most of its cost). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] mac(String username, char[] password) {
        Mac m = macs.get();
        m.reset();
        m.update(username.getBytes(StandardCharsets.UTF_8));
        m.update((byte) 0);
        m.update(new String(password).getBytes(StandardCharsets.UTF_8));
        return m.doFinal();
    }
}
