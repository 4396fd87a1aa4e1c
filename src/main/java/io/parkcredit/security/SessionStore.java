package io.parkcredit.security;

import io.agroal.api.AgroalDataSource;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side sessions of the sign-in form ({@code user_sessions}). The encrypted form cookie of
 * Quarkus says who signed in; this second cookie names the session row, which the server can end.
 * A session is accepted while it is not ended, younger than {@code parkcredit.security.session-max-age}
 * (however often the form cookie was renewed), its user is enabled and the user's credentials have not
 * changed since sign-in.
 */
@ApplicationScoped
public class SessionStore {

    /** Cookie holding the session token (random, 256 bits; the table keeps only its SHA-256). */
    public static final String COOKIE = "parkcredit-sid";

    /** Why a session ended, in {@code user_sessions.end_reason}. */
    public static final String LOGOUT = "LOGOUT";
    public static final String EXPIRED = "EXPIRED";
    public static final String DISABLED = "DISABLED";
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    /** Longest life of a form session from sign-in, renewal or not. */
    @ConfigProperty(name = "parkcredit.security.session-max-age", defaultValue = "PT12H")
    Duration maxAge;

    /** The signed-in user of a live session. */
    public record Live(String username, String role, String uscc, String institutionCode, Integer parkId) {
    }

    /** Opens a session for a form sign-in and sets its cookie on the response. */
    void open(RoutingContext rc, String username, int credentialsVersion) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into user_sessions (token_hash, username,"
                        + " credentials_version, client_address, created_at, last_seen_at) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, username);
            ps.setInt(3, credentialsVersion);
            ps.setString(4, truncate(LoginGuard.address(rc), 64));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a session", e);
        }
        rc.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                .setSecure(rc.request().isSSL()).setSameSite(CookieSameSite.STRICT).setMaxAge(maxAge.toSeconds()));
    }

    /** The session named by the request's cookie if it is live; ends it when its lifetime is over. */
    Optional<Live> check(RoutingContext rc) {
        String token = token(rc);
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String h = hash(token);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select s.username, u.role, u.enabled, u.credentials_version,"
                        + " s.credentials_version, s.created_at, s.last_seen_at, s.ended_at, u.uscc, u.institution_code,"
                        + " u.park_id"
                        + " from user_sessions s"
                        + " join app_users u on u.username = s.username where s.token_hash = ?")) {
            ps.setString(1, h);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(8) != null) {
                    return Optional.empty();
                }
                if (!rs.getBoolean(3) || rs.getInt(4) != rs.getInt(5)) {
                    return Optional.empty();
                }
                Instant created = rs.getTimestamp(6).toInstant();
                if (!now.isBefore(created.plus(maxAge))) {
                    end(c, h, EXPIRED, now);
                    return Optional.empty();
                }
                if (Duration.between(rs.getTimestamp(7).toInstant(), now).compareTo(TOUCH_EVERY) >= 0) {
                    try (PreparedStatement up = c.prepareStatement(
                            "update user_sessions set last_seen_at = ? where token_hash = ?")) {
                        up.setTimestamp(1, Timestamp.from(now));
                        up.setString(2, h);
                        up.executeUpdate();
                    }
                }
                return Optional.of(new Live(rs.getString(1), rs.getString(2), rs.getString(9), rs.getString(10),
                        (Integer) rs.getObject(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the session table", e);
        }
    }

    /** Ends the session of this request's cookie (sign-out); a copied cookie is refused from now on. */
    public void endCurrent(RoutingContext rc, String reason) {
        String token = token(rc);
        if (token == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            end(c, hash(token), reason, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the session", e);
        }
    }

    /** The hash of this request's session token, or null. */
    String currentHash(RoutingContext rc) {
        String token = token(rc);
        return token == null ? null : hash(token);
    }

    private static void end(Connection c, String hash, String reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update user_sessions set ended_at = ?, end_reason = ?"
                + " where token_hash = ? and ended_at is null")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, reason);
            ps.setString(3, hash);
            ps.executeUpdate();
        }
    }

    private static String token(RoutingContext rc) {
        Cookie c = rc == null ? null : rc.request().getCookie(COOKIE);
        return c == null || c.getValue().isBlank() || c.getValue().length() > 100 ? null : c.getValue();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
