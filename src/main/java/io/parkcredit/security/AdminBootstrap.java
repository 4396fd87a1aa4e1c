package io.parkcredit.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On first start with an empty user table, creates the ADMIN user {@code admin} with the password
 * from {@code PARKCREDIT_ADMIN_PASSWORD}, or a random one. A random password never reaches the log: it
 * is written once to {@code <data dir>/initial-admin-password} (mode 0600, readable only by the service
 * user) and printed to the terminal (standard output, not the log).
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    static final String FILE = "initial-admin-password";

    /** Password of the first admin; env PARKCREDIT_ADMIN_PASSWORD. Used only when no user exists yet. */
    @ConfigProperty(name = "parkcredit.admin.password")
    Optional<String> adminPassword;

    /** Where the generated first password is written (env PARKCREDIT_DATA_DIR, default ./data). */
    @ConfigProperty(name = "parkcredit.data-dir", defaultValue = "data")
    String dataDir;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    @Transactional
    void onStart(@Observes StartupEvent ev) {
        if (User.count() > 0) {
            return;
        }
        Optional<String> chosen = adminPassword.filter(p -> !p.isBlank());
        if (chosen.isPresent()) {
            var problems = PasswordRules.problems("admin", chosen.get());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("PARKCREDIT_ADMIN_PASSWORD is refused: " + String.join("; ", problems));
            }
        }
        String password = chosen.orElseGet(AdminBootstrap::randomPassword);
        users.newUser("admin", password, Role.ADMIN, null, null, null);
        audit.recordAs("system", "USER_CREATED", "user", "admin", "first start: initial ADMIN", null);
        if (chosen.isEmpty()) {
            Path file = writeOnce(Path.of(dataDir).toAbsolutePath(), password);
            System.out.println("ParkCredit: created the first ADMIN user 'admin' with the password " + password
                    + " (also in " + file + ", readable only by this user; delete it after the first sign-in)");
            LOG.warnf("Created the first ADMIN user 'admin' with a generated password, written to %s "
                    + "(set PARKCREDIT_ADMIN_PASSWORD before the first start to choose it)", file);
        } else {
            LOG.info("Created the first ADMIN user 'admin' with the password from PARKCREDIT_ADMIN_PASSWORD");
        }
    }

    /** Writes the password to {@code dir/initial-admin-password}, created with mode 0600 (no window where others may read). */
    static Path writeOnce(Path dir, String password) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin password to " + dir, e);
        }
    }

    static String randomPassword() {
        // three classes always present, so the generated password passes PasswordRules
        String lower = "abcdefghijkmnpqrstuvwxyz";
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String digits = "23456789";
        String all = lower + upper + digits;
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        sb.append(lower.charAt(r.nextInt(lower.length()))).append(upper.charAt(r.nextInt(upper.length())))
                .append(digits.charAt(r.nextInt(digits.length())));
        for (int i = 3; i < 20; i++) {
            sb.append(all.charAt(r.nextInt(all.length())));
        }
        return sb.toString();
    }
}
