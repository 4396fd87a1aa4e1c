package io.parkcredit.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.parkcredit.park.ParkId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Lets a start-up job (the demo park's story) take workflow steps through the ordinary service
 * methods as a named actor with a role and its binding, so every rule, guard and audit line applies
 * as if that user had clicked. It opens a request context of its own and refuses to run inside an
 * existing one: every HTTP request has an active request context, so no request can borrow an
 * identity through it.
 */
@ApplicationScoped
public class StartupActor {

    /**
     * Who acts: the name written to the audit log, the role, and the USCC (ENTERPRISE) or the
     * institution (BANK, GUARANTOR) the role is bound to.
     */
    public record Actor(String name, Role role, String uscc, String institutionCode, ParkId park) {

        public Actor(String name, Role role, String uscc, String institutionCode) {
            this(name, role, uscc, institutionCode, null);
        }

        public Actor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            if (role.boundToEnterprise() != (uscc != null) || role.boundToInstitution() != (institutionCode != null)) {
                throw new IllegalArgumentException(role + " actor " + name + " has the wrong binding");
            }
        }

        public static Actor of(String name, Role role) {
            return new Actor(name, role, null, null);
        }

        public static Actor firm(String name, String uscc) {
            return new Actor(name, Role.ENTERPRISE, uscc, null);
        }

        public static Actor institution(String name, Role role, String code) {
            return new Actor(name, role, null, code);
        }
    }

    @Inject
    CurrentUser currentUser;

    /** Runs {@code work} as {@code actor}; only outside any request (IllegalStateException otherwise). */
    public <T> T call(Actor actor, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            throw new IllegalStateException("acting as " + actor.name() + " is for start-up jobs, not inside a request");
        }
        requestContext.activate();
        try {
            currentUser.actAs(actor);
            return work.get();
        } finally {
            requestContext.terminate();
        }
    }

    public void run(Actor actor, Runnable work) {
        call(actor, () -> {
            work.run();
            return null;
        });
    }
}
