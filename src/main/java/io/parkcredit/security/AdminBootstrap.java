package io.parkcredit.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On first start with an empty user table, creates the ADMIN user {@code admin} with the password
 * from {@code PARKCREDIT_ADMIN_PASSWORD}, or a random one written once to the log (API.md).
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    /** Password of the first admin; env PARKCREDIT_ADMIN_PASSWORD. Used only when no user exists yet. */
    @ConfigProperty(name = "parkcredit.admin.password")
    Optional<String> adminPassword;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    @Transactional
    void onStart(@Observes StartupEvent ev) {
        if (User.count() > 0) {
            return;
        }
        String password = adminPassword.filter(p -> !p.isBlank()).orElseGet(AdminBootstrap::randomPassword);
        users.newUser("admin", password, Role.ADMIN, null, null);
        audit.recordAs("system", "USER_CREATED", "user", "admin", "first start: initial ADMIN", null);
        if (adminPassword.filter(p -> !p.isBlank()).isEmpty()) {
            LOG.warnf("Created the first ADMIN user 'admin' with the generated password: %s "
                    + "(shown once; set PARKCREDIT_ADMIN_PASSWORD before the first start to choose it)", password);
        } else {
            LOG.info("Created the first ADMIN user 'admin' with the password from PARKCREDIT_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
