package io.parkcredit.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Restores the user of a page request from the form cookie only while its server-side session is
 * live ({@link SessionStore}): signed out, older than the absolute lifetime, user disabled or password
 * changed — the cookie is refused and the browser is sent to the sign-in form.
 */
@ApplicationScoped
@Unremovable
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    SessionStore sessions;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        var rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> sessions.check(rc)
                .filter(live -> live.username().equals(request.getPrincipal()))
                .map(live -> PasswordIdentityProvider.identity(new UserDirectory.Entry(live.username(), null,
                        Role.valueOf(live.role()), true, 0, live.uscc(), live.institutionCode(), live.parkId())))
                .orElseThrow(() -> new AuthenticationFailedException("session ended")));
    }
}
