package io.parkcredit.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * This installation as its peers see it: its id and its Ed25519 key pair (DOMAIN.md §10.3). The pair
 * comes from configuration when {@code parkcredit.sharing.private-key} is set; otherwise the first
 * instance to start generates it and keeps it in the database, and every instance reads that one
 * (an insert that loses the race reads the winner's row).
 */
@ApplicationScoped
public class Installation {

    @Inject
    DataSource dataSource;

    @Inject
    SharingConfig config;

    private volatile Identity identity;

    record Identity(String id, String publicKey, PrivateKey privateKey) {
    }

    public String id() {
        return identity().id();
    }

    /** The public key, X.509 in base64: what a peer registers. */
    public String publicKey() {
        return identity().publicKey();
    }

    byte[] sign(byte[] data) {
        return Ed25519.sign(identity().privateKey(), data);
    }

    private Identity identity() {
        Identity i = identity;
        if (i == null) {
            synchronized (this) {
                if (identity == null) {
                    identity = load();
                }
                i = identity;
            }
        }
        return i;
    }

    private Identity load() {
        try (Connection c = dataSource.getConnection()) {
            KeyPair generated = Ed25519.generate();
            try (PreparedStatement ps = c.prepareStatement("insert into sharing_installation (installation_id, public_key,"
                    + " private_key) values (?, ?, ?) on conflict do nothing")) {
                ps.setString(1, config.installationId().orElse(UUID.randomUUID().toString()));
                ps.setString(2, Ed25519.encode(generated.getPublic()));
                ps.setString(3, Ed25519.encode(generated.getPrivate()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select installation_id, public_key, private_key from sharing_installation");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                String id = config.installationId().orElse(rs.getString(1));
                if (config.privateKey().isPresent()) {
                    KeyPair configured = Ed25519.fromPrivate(config.privateKey().get());
                    return new Identity(id, Ed25519.encode(configured.getPublic()), configured.getPrivate());
                }
                return new Identity(id, rs.getString(2), Ed25519.privateKey(rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read this installation's identity: " + e.getMessage(), e);
        }
    }
}
