package io.parkcredit.security;

import io.parkcredit.enterprise.Uscc;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Creates, lists, disables and enables platform users (ADMIN), and changes a user's own password.
 * Every change is audited; a disable or a password change ends the user's sessions and remembered
 * passwords at once (README "Accounts and sessions").
 */
@ApplicationScoped
public class UserService {

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PasswordIdentityProvider passwords;

    @Inject
    UserDirectory directory;

    @Inject
    LoginGuard guard;

    public record NewUser(String username, String password, String role, String uscc, String institutionCode) {
    }

    public record UserView(long id, String username, Role role, String uscc, String institutionCode,
            Instant createdAt, boolean enabled) {
        static UserView of(User u) {
            return new UserView(u.id, u.username, u.role(), u.uscc, u.institutionCode, u.createdAt, u.enabled);
        }
    }

    @Transactional
    public UserView create(NewUser req) {
        currentUser.require(Action.USERS_MANAGE);
        checkStrength("password", req.username(), req.password());
        Role role;
        try {
            role = Role.valueOf(req.role().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("role", "unknown role " + req.role()
                    + "; one of ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT");
        }
        String uscc = null;
        String institution = null;
        if (role.boundToEnterprise()) {
            if (req.uscc() == null || req.uscc().isBlank()) {
                throw ProblemException.invalid("uscc", "required for role ENTERPRISE");
            }
            try {
                uscc = Uscc.parse(req.uscc()).value();
            } catch (InvalidValueException e) {
                throw ProblemException.invalid("uscc", e.getMessage());
            }
            Long n = (Long) em.createNativeQuery("select count(*) from enterprises where uscc = ?1", Long.class)
                    .setParameter(1, uscc).getSingleResult();
            if (n == 0) {
                throw ProblemException.invalid("uscc", "no enterprise " + uscc + " in the registry");
            }
        } else if (req.uscc() != null && !req.uscc().isBlank()) {
            throw ProblemException.invalid("uscc", "only ENTERPRISE users are bound to a USCC");
        }
        if (role.boundToInstitution()) {
            if (req.institutionCode() == null || req.institutionCode().isBlank()) {
                throw ProblemException.invalid("institutionCode", "required for role " + role);
            }
            institution = req.institutionCode().strip();
            @SuppressWarnings("unchecked")
            var kinds = (java.util.List<String>) em
                    .createNativeQuery("select kind from institutions where code = ?1", String.class)
                    .setParameter(1, institution).getResultList();
            if (kinds.isEmpty()) {
                throw ProblemException.invalid("institutionCode", "no institution " + institution);
            }
            if (!kinds.get(0).equals(role.name())) {
                throw ProblemException.invalid("institutionCode",
                        "institution " + institution + " is a " + kinds.get(0) + ", not a " + role);
            }
        } else if (req.institutionCode() != null && !req.institutionCode().isBlank()) {
            throw ProblemException.invalid("institutionCode", "only BANK and GUARANTOR users are bound to an institution");
        }
        if (User.count("username", req.username()) > 0) {
            throw ProblemException.conflict("username-taken", "user " + req.username() + " already exists",
                    "username", req.username());
        }
        User u = newUser(req.username(), req.password(), role, uscc, institution, parkOfNewUser(currentUser.parks(), role));
        audit.record("USER_CREATED", "user", u.username,
                "role=" + role + (uscc != null ? " uscc=" + uscc : "") + (institution != null ? " institution=" + institution : ""),
                null);
        return UserView.of(u);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    /**
     * The park a new user belongs to: the creating ADMIN's park; a region-wide ADMIN creates
     * region-wide ADMINs and REGULATORs, and everyone else in the default park.
     */
    static io.parkcredit.park.ParkId parkOfNewUser(io.parkcredit.park.ParkScope creator, Role role) {
        io.parkcredit.park.ParkId own = creator.park();
        if (own != null || role == Role.ADMIN || role == Role.REGULATOR) {
            return own;
        }
        return io.parkcredit.park.ParkId.DEFAULT;
    }

    User newUser(String username, String password, Role role, String uscc, String institution,
            io.parkcredit.park.ParkId park) {
        User u = new User();
        u.parkId = park == null ? null : park.value();
        u.username = username;
        u.passwordHash = BcryptUtil.bcryptHash(password);
        u.role = role.name();
        u.uscc = uscc;
        u.institutionCode = institution;
        u.createdAt = clock.instant();
        u.persist();
        return u;
    }

    /** Refuses a password that breaks {@link PasswordRules}, naming every reason. */
    static void checkStrength(String field, String username, String password) {
        var problems = PasswordRules.problems(username, password);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(field + ": " + String.join("; ", problems),
                    problems.stream().map(m -> io.parkcredit.shared.FieldProblem.of(field, m)).toList());
        }
    }

    /**
     * The signed-in user changes its own password; the current one is required. Every other session
     * of the user ends; the one given by {@code keepSession} (the page's own, or null) stays signed in.
     * A wrong current password counts as a failed sign-in from {@code clientAddress}.
     */
    @Transactional
    public void changeOwnPassword(String current, String next, String keepSession, String clientAddress) {
        currentUser.require(Action.ACCOUNT_PASSWORD);
        User u = currentUser.user();
        if (u == null) {
            throw ProblemException.forbidden("sign in first");
        }
        if (current == null || !BcryptUtil.matches(current, u.passwordHash)) {
            guard.failedFrom(u.username, clientAddress);
            throw ProblemException.invalid("currentPassword", "is not your current password");
        }
        checkStrength("newPassword", u.username, next);
        if (next.equals(current)) {
            throw ProblemException.invalid("newPassword", "must differ from the current password");
        }
        u.passwordHash = BcryptUtil.bcryptHash(next);
        u.passwordChangedAt = clock.instant();
        u.credentialsVersion++;
        int ended = endSessions(u.username, SessionStore.PASSWORD_CHANGED, keepSession);
        if (keepSession != null) {
            em.createNativeQuery("update user_sessions set credentials_version = ?1 where token_hash = ?2 and username = ?3")
                    .setParameter(1, u.credentialsVersion).setParameter(2, keepSession).setParameter(3, u.username)
                    .executeUpdate();
        }
        audit.record("PASSWORD_CHANGED", "user", u.username, "other sessions ended: " + ended, null);
        passwords.forget(u.username);
        directory.forget(u.username);
        guard.forgetAccount(u.username);
    }

    /** ADMIN disables or enables a user; disabling ends its sessions and remembered password at once. */
    @Transactional
    public UserView setEnabled(String username, boolean enabled, String reason) {
        currentUser.require(Action.USERS_MANAGE);
        User u = User.find("username", username).firstResult();
        if (u == null) {
            throw ProblemException.notFound("user", username);
        }
        if (!enabled && username.equals(currentUser.name())) {
            throw ProblemException.conflict("own-account", "an ADMIN cannot disable its own account");
        }
        if (u.enabled == enabled) {
            return UserView.of(u);
        }
        u.enabled = enabled;
        u.credentialsVersion++;
        int ended = enabled ? 0 : endSessions(username, SessionStore.DISABLED, null);
        audit.record(enabled ? "USER_ENABLED" : "USER_DISABLED", "user", username,
                enabled ? null : "sessions ended: " + ended, reason == null || reason.isBlank() ? null : reason.strip());
        passwords.forget(username);
        directory.forget(username);
        return UserView.of(u);
    }

    private int endSessions(String username, String why, String except) {
        return em.createNativeQuery("update user_sessions set ended_at = ?1, end_reason = ?2 where username = ?3"
                + " and ended_at is null and token_hash <> ?4")
                .setParameter(1, java.sql.Timestamp.from(clock.instant())).setParameter(2, why)
                .setParameter(3, username).setParameter(4, except == null ? "" : except).executeUpdate();
    }

    @Transactional
    public PageResult<UserView> list(PageRequest page) {
        currentUser.require(Action.USERS_MANAGE);
        var q = User.<User>findAll(Sort.by("username"));
        return new PageResult<>(q.page(Page.of(page.page(), page.size())).list().stream().map(UserView::of).toList(),
                page.page(), page.size(), q.count());
    }
}
