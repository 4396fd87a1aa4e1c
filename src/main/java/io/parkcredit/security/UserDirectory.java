package io.parkcredit.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The user rows that sign-in checks need (role, enabled, credentials version, bindings), kept in
 * memory so that an API call with HTTP Basic or a page with a session cookie costs no query for
 * who the caller is.
 *
 * <p>The copy is only trusted while this instance listens to the database: every change to
 * {@code app_users} is announced at commit on the channel {@code app_users_changed} (trigger, V011),
 * and the listener drops that user's copy. While the listening connection is down (database
 * restart, network), every lookup reads the row, and the whole copy is dropped when listening
 * resumes, so no change can be missed. A read that raced with a change is not kept (change counter).
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final int MAX_ENTRIES = 50_000;

    /** What the sign-in checks know of a user. */
    public record Entry(String username, String passwordHash, Role role, boolean enabled, int credentialsVersion,
            String uscc, String institutionCode, Integer parkId) {
    }

    @Inject
    AgroalDataSource dataSource;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Raised by every change notice; a row read before a notice is not kept. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        listener = new Thread(this::listen, "user-directory-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The user's row, from memory while listening, else from the database; empty for an unknown name. */
    public Optional<Entry> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        if (listening) {
            Entry hit = entries.get(username);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        long before = changes.get();
        boolean trusted = listening;
        Entry row = load(username);
        if (row != null && trusted && listening && changes.get() == before) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(username, row);
        }
        return Optional.ofNullable(row);
    }

    /** The user's row if this instance holds it and is listening for changes; never queries (I/O threads). */
    public Entry cached(String username) {
        return listening && username != null ? entries.get(username) : null;
    }

    /** The user's row read now from the database (a sign-in that checks the password reads it fresh). */
    public Optional<Entry> fresh(String username) {
        changes.incrementAndGet();
        entries.remove(username);
        return Optional.ofNullable(load(username));
    }

    /** Drops the copy of one user at once on this instance (the notice does it on every instance at commit). */
    public void forget(String username) {
        changes.incrementAndGet();
        entries.remove(username);
    }

    boolean listening() {
        return listening;
    }

    private Entry load(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select password_hash, role, enabled, credentials_version,"
                        + " uscc, institution_code, park_id from app_users where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Entry(username, rs.getString(1), Role.valueOf(rs.getString(2)), rs.getBoolean(3),
                        rs.getInt(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the user table", e);
        }
    }

    private void listen() {
        while (!stopped) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                st.execute("listen app_users_changed");
                PGConnection pg = c.unwrap(PGConnection.class);
                // anything cached before this connection listened may have missed a notice
                changes.incrementAndGet();
                entries.clear();
                listening = true;
                while (!stopped) {
                    PGNotification[] notices = pg.getNotifications(10_000);
                    if (notices == null || notices.length == 0) {
                        // a cheap round trip proves the connection is still alive
                        st.execute("select 1");
                        continue;
                    }
                    for (PGNotification n : notices) {
                        changes.incrementAndGet();
                        entries.remove(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    LOG.warnf("user change notices interrupted (%s); user rows are read per request until they resume",
                            e.getMessage());
                }
            } finally {
                listening = false;
                changes.incrementAndGet();
                entries.clear();
            }
            if (!stopped) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
