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

/** Creates and lists platform users. Only ADMIN reaches it (the resource says so). */
@ApplicationScoped
public class UserService {

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public record NewUser(String username, String password, String role, String uscc, String institutionCode) {
    }

    public record UserView(long id, String username, Role role, String uscc, String institutionCode,
            Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id, u.username, u.role(), u.uscc, u.institutionCode, u.createdAt);
        }
    }

    @Transactional
    public UserView create(NewUser req) {
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
        User u = newUser(req.username(), req.password(), role, uscc, institution);
        audit.record("USER_CREATED", "user", u.username,
                "role=" + role + (uscc != null ? " uscc=" + uscc : "") + (institution != null ? " institution=" + institution : ""),
                null);
        return UserView.of(u);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    User newUser(String username, String password, Role role, String uscc, String institution) {
        User u = new User();
        u.username = username;
        u.passwordHash = BcryptUtil.bcryptHash(password);
        u.role = role.name();
        u.uscc = uscc;
        u.institutionCode = institution;
        u.createdAt = clock.instant();
        u.persist();
        return u;
    }

    @Transactional
    public PageResult<UserView> list(PageRequest page) {
        var q = User.<User>findAll(Sort.by("username"));
        return new PageResult<>(q.page(Page.of(page.page(), page.size())).list().stream().map(UserView::of).toList(),
                page.page(), page.size(), q.count());
    }
}
