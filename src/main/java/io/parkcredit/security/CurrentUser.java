package io.parkcredit.security;

import io.parkcredit.park.ParkId;
import io.parkcredit.park.ParkScope;
import io.parkcredit.shared.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The signed-in user with the bindings that limit what they see: the USCC of an ENTERPRISE user
 * and the institution of a BANK or GUARANTOR user. Loaded once per request.
 */
@RequestScoped
public class CurrentUser {

    /** Identity attributes set at sign-in: the bindings, so no request reads the user row again. */
    static final String USCC = "parkcredit.uscc";
    static final String INSTITUTION = "parkcredit.institution";
    static final String PARK = "parkcredit.park";

    @Inject
    SecurityIdentity identity;

    private User user;

    /** Set only by {@link StartupActor} in a request context it opened itself; never in a request. */
    private StartupActor.Actor actingAs;

    void actAs(StartupActor.Actor actor) {
        this.actingAs = actor;
    }

    public boolean isAnonymous() {
        return actingAs == null && identity.isAnonymous();
    }

    public String name() {
        if (actingAs != null) {
            return actingAs.name();
        }
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public User user() {
        if (user == null && !isAnonymous()) {
            user = User.find("username", name()).firstResult();
        }
        return user;
    }

    /** Whether the signed-in user's role may take {@code action} (DOMAIN.md §1, {@link Action}). */
    public boolean may(Action action) {
        if (isAnonymous()) {
            return action.anonymous();
        }
        for (Role r : action.roles()) {
            if (has(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * 403 unless the user's role may take {@code action}. Every service method that reads or
     * changes data calls this first, before any lookup, so no state leaks to a caller without the right.
     */
    public void require(Action action) {
        if (!may(action)) {
            throw ProblemException.forbidden("your role may not: " + action.label());
        }
    }

    public boolean has(Role role) {
        if (actingAs != null) {
            return actingAs.role() == role;
        }
        return identity.hasRole(role.name());
    }

    public Role role() {
        if (actingAs != null) {
            return actingAs.role();
        }
        for (Role r : Role.values()) {
            if (identity.hasRole(r.name())) {
                return r;
            }
        }
        return null;
    }

    /** The USCC an ENTERPRISE user is bound to, else null. */
    public String uscc() {
        if (actingAs != null) {
            return actingAs.uscc();
        }
        return isAnonymous() ? null : identity.getAttribute(USCC);
    }

    /** The institution a BANK or GUARANTOR user is bound to, else null. */
    public String institutionCode() {
        if (actingAs != null) {
            return actingAs.institutionCode();
        }
        return isAnonymous() ? null : identity.getAttribute(INSTITUTION);
    }

    /**
     * The parks this user sees (DOMAIN.md §10.3): the user's park, or the whole region for an ADMIN or
     * REGULATOR without one. Anonymous callers see only what is public, which is decided per feature.
     */
    public ParkScope parks() {
        if (actingAs != null) {
            return ParkScope.of(actingAs.park());
        }
        if (isAnonymous()) {
            return ParkScope.REGION;
        }
        Integer park = identity.getAttribute(PARK);
        return ParkScope.of(ParkId.of(park));
    }

    /**
     * 404 unless something of park {@code parkId} is visible to this user: outside one's park a thing
     * is as if it did not exist, so its existence does not leak.
     */
    public void requireInScope(int parkId, String what, String key) {
        if (!parks().includes(parkId)) {
            throw ProblemException.notFound(what, key);
        }
    }

    /**
     * Whether the user may read the private data of a firm (loans, events, statements, flows):
     * park-wide roles may, an enterprise user only for its own firm. Banks and guarantors get
     * access through consents granted by the firm (financing feature), not here.
     */
    public boolean mayReadPrivateDataOf(String uscc) {
        if (has(Role.ADMIN) || has(Role.REGULATOR) || has(Role.EVALUATOR)) {
            return true;
        }
        return has(Role.ENTERPRISE) && uscc != null && uscc.equals(uscc());
    }

    public void requirePrivateDataOf(String uscc) {
        if (!mayReadPrivateDataOf(uscc)) {
            throw ProblemException.forbidden("no access to the private data of " + uscc);
        }
    }
}
