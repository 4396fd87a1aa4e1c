package io.parkcredit.security;

import io.parkcredit.shared.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The door check of every page and API method: the {@link Action} it {@link Performs} must allow the
 * caller's role, before the body is read or any input parsed. A method of the platform that names no
 * action is refused (fail closed). The services check the same table again, with ownership.
 */
public class RightsFilter {

    @Inject
    CurrentUser currentUser;

    @ServerRequestFilter
    public void check(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.getDeclaringClass().getName().startsWith("io.parkcredit.")) {
            return;
        }
        Performs performs = method.getAnnotation(Performs.class);
        if (performs == null) {
            throw ProblemException.forbidden("this route names no right");
        }
        currentUser.require(performs.value());
    }
}
