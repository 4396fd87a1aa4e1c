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

    @Inject
    io.parkcredit.park.ParkService parkService;

    public record NewUser(String username, String password, String role, String uscc, String institutionCode,
            String parkCode) {
        public NewUser(String username, String password, String role, String uscc, String institutionCode) {
            this(username, password, role, uscc, institutionCode, null);
        }
    }

    /** A user on the wire; {@code parkCode} is null for a region-wide ADMIN or REGULATOR. */
    public record UserView(long id, String username, Role role, String uscc, String institutionCode,
            Instant createdAt, boolean enabled, String parkCode) {
    }

    private UserView view(User u) {
        return view(u, parkCodes());
    }

    private static UserView view(User u, java.util.Map<Integer, String> parkCodes) {
        return new UserView(u.id, u.username, u.role(), u.uscc, u.institutionCode, u.createdAt, u.enabled,
                u.parkId == null ? null : parkCodes.get(u.parkId));
    }

    /** Every park's code by its number: a short table, read once per answer. */
    private java.util.Map<Integer, String> parkCodes() {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("select id, code from parks").getResultList();
        java.util.Map<Integer, String> codes = new java.util.HashMap<>();
        rows.forEach(r -> codes.put(((Number) r[0]).intValue(), (String) r[1]));
        return codes;
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
        Integer boundPark = null;
        io.parkcredit.park.ParkId given = req.parkCode() == null || req.parkCode().isBlank() ? null
                : parkService.target(req.parkCode());
        if (role.boundToEnterprise()) {
            if (req.uscc() == null || req.uscc().isBlank()) {
                throw ProblemException.invalid("uscc", "required for role ENTERPRISE");
            }
            try {
                uscc = Uscc.parse(req.uscc()).value();
            } catch (InvalidValueException e) {
                throw ProblemException.invalid("uscc", e.getMessage());
            }
            @SuppressWarnings("unchecked")
            var parks = (java.util.List<Integer>) em
                    .createNativeQuery("select park_id from enterprises where uscc = ?1", Integer.class)
                    .setParameter(1, uscc).getResultList();
            if (parks.isEmpty() || !currentUser.parks().includes(parks.get(0))) {
                throw ProblemException.invalid("uscc", "no enterprise " + uscc + " in the registry");
            }
            boundPark = parks.get(0);
        } else if (req.uscc() != null && !req.uscc().isBlank()) {
            throw ProblemException.invalid("uscc", "only ENTERPRISE users are bound to a USCC");
        }
        if (role.boundToInstitution()) {
            if (req.institutionCode() == null || req.institutionCode().isBlank()) {
                throw ProblemException.invalid("institutionCode", "required for role " + role);
            }
            institution = req.institutionCode().strip();
            @SuppressWarnings("unchecked")
            var found = (java.util.List<Object[]>) em
                    .createNativeQuery("select kind, park_id from institutions where code = ?1")
                    .setParameter(1, institution).getResultList();
            if (found.isEmpty() || !currentUser.parks().includes(((Number) found.get(0)[1]).intValue())) {
                throw ProblemException.invalid("institutionCode", "no institution " + institution);
            }
            String kind = (String) found.get(0)[0];
            if (!kind.equals(role.name())) {
                throw ProblemException.invalid("institutionCode",
                        "institution " + institution + " is a " + kind + ", not a " + role);
            }
            boundPark = ((Number) found.get(0)[1]).intValue();
        } else if (req.institutionCode() != null && !req.institutionCode().isBlank()) {
            throw ProblemException.invalid("institutionCode", "only BANK and GUARANTOR users are bound to an institution");
        }
        if (User.count("username", req.username()) > 0) {
            throw ProblemException.conflict("username-taken", "user " + req.username() + " already exists",
                    "username", req.username());
        }
        io.parkcredit.park.ParkId park = given != null ? given
                : parkOfNewUser(currentUser.parks(), role, io.parkcredit.park.ParkId.of(boundPark));
        if (boundPark != null && (park == null || park.value() != boundPark)) {
            String field = uscc != null ? "uscc" : "institutionCode";
            throw ProblemException.invalid(field, (uscc != null ? "enterprise " + uscc : "institution " + institution)
                    + " is not in park " + (park == null ? "(none)" : parkService.codeOf(park)));
        }
        User u = newUser(req.username(), req.password(), role, uscc, institution, park);
        audit.record("USER_CREATED", "user", u.username,
                "role=" + role + (uscc != null ? " uscc=" + uscc : "") + (institution != null ? " institution=" + institution : "")
                        + " park=" + (park == null ? "REGION" : parkService.codeOf(park)),
                null);
        return view(u);
    }

    /**
     * The park a new user belongs to when no {@code parkCode} is given: the creating ADMIN's park; for
     * a region-wide ADMIN, the park of the firm or institution the user is bound to, region-wide for
     * ADMIN and REGULATOR, else the default park (README "Accounts").
     */
    static io.parkcredit.park.ParkId parkOfNewUser(io.parkcredit.park.ParkScope creator, Role role,
            io.parkcredit.park.ParkId bound) {
        io.parkcredit.park.ParkId own = creator.park();
        if (own != null) {
            return own;
        }
        if (bound != null) {
            return bound;
        }
        if (role == Role.ADMIN || role == Role.REGULATOR) {
            return null;
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
        io.parkcredit.park.ParkScope scope = currentUser.parks();
        if (u == null || !scope.regionWide() && (u.parkId == null || !scope.includes(u.parkId))) {
            throw ProblemException.notFound("user", username);
        }
        if (!enabled && username.equals(currentUser.name())) {
            throw ProblemException.conflict("own-account", "an ADMIN cannot disable its own account");
        }
        if (u.enabled == enabled) {
            return view(u);
        }
        u.enabled = enabled;
        u.credentialsVersion++;
        int ended = enabled ? 0 : endSessions(username, SessionStore.DISABLED, null);
        audit.record(enabled ? "USER_ENABLED" : "USER_DISABLED", "user", username,
                enabled ? null : "sessions ended: " + ended, reason == null || reason.isBlank() ? null : reason.strip());
        passwords.forget(username);
        directory.forget(username);
        return view(u);
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
        Integer park = currentUser.parks().sqlParam();
        var q = park == null ? User.<User>findAll(Sort.by("username"))
                : User.<User>find("parkId", Sort.by("username"), park);
        var codes = parkCodes();
        return new PageResult<>(q.page(Page.of(page.page(), page.size())).list().stream().map(u -> view(u, codes)).toList(),
                page.page(), page.size(), q.count());
    }
}
