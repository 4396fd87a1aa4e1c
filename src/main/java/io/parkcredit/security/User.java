package io.parkcredit.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A platform user (DOMAIN.md §1). Passwords are stored as bcrypt hashes; an ENTERPRISE user is
 * bound to one USCC, a BANK or GUARANTOR user to one institution (the database enforces it).
 */
@Entity
@Table(name = "app_users")
@UserDefinition
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    @Column(nullable = false, unique = true)
    public String username;

    @Password
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Roles
    @Column(nullable = false)
    public String role;

    public String uscc;

    @Column(name = "institution_code")
    public String institutionCode;

    /** The user's park (DOMAIN.md §10.3); null only for a region-wide ADMIN or REGULATOR. */
    @Column(name = "park_id")
    public Integer parkId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A disabled user cannot sign in (README "Accounts and sessions"). */
    @Column(nullable = false)
    public boolean enabled = true;

    /** Raised by every password change, disable and enable: older sessions and remembered passwords end. */
    @Column(name = "credentials_version", nullable = false)
    public int credentialsVersion;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;

    @Version
    public long version;

    public Role role() {
        return Role.valueOf(role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && Objects.equals(username, u.username);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(username);
    }
}
