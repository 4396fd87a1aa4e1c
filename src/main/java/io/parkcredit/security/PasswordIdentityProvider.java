package io.parkcredit.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Unremovable;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * again without bcrypt until the entry is {@code parkcredit.security.login-cache} old. A wrong
 * password is never cached (every failure costs a full bcrypt check), an unknown user is checked
 * against a dummy hash so its answer takes as long as a known one's.
 */
@ApplicationScoped
@Unremovable
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final int MAX_ENTRIES = 10_000;
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-password-" + System.nanoTime());

    @Inject
    AgroalDataSource dataSource;

    /** How long a verified password is accepted without a new bcrypt check; 0 disables the cache. */
    @ConfigProperty(name = "parkcredit.security.login-cache", defaultValue = "PT5M")
    Duration ttl;

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;

    private record Verified(byte[] mac, SecurityIdentity identity, long expiresAtNanos) {
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

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        byte[] mac = mac(username, password);
        Verified hit = verified.get(username);
        if (hit != null && hit.expiresAtNanos - System.nanoTime() > 0 && MessageDigest.isEqual(hit.mac, mac)) {
            return Uni.createFrom().item(hit.identity);
        }
        return context.runBlocking(() -> verify(username, password, mac));
    }

    private SecurityIdentity verify(String username, char[] password, byte[] mac) {
        String[] row = load(username);
        String hash = row == null ? DUMMY_HASH : row[0];
        boolean matches = BcryptUtil.matches(new String(password), hash);
        if (row == null || !matches) {
            verified.remove(username);
            throw new AuthenticationFailedException();
        }
        SecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRole(row[1])
                .build();
        if (!ttl.isZero() && !ttl.isNegative()) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(username, new Verified(mac, identity, System.nanoTime() + ttl.toNanos()));
        }
        return identity;
    }

    private String[] load(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select password_hash, role from app_users where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] { rs.getString(1), rs.getString(2) } : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the user table", e);
        }
    }

    private byte[] mac(String username, char[] password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(username.getBytes(StandardCharsets.UTF_8));
            m.update((byte) 0);
            m.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
