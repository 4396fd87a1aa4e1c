package io.parkcredit.shared;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Text hygiene for what JSON does not cover: path and query parameters and page form fields (JSON
 * strings pass {@link JsonLimits}). Every value is checked by {@link Text#problem} before any
 * resource runs: no control characters, bidirectional overrides or unpaired surrogates; a path or
 * query parameter is at most {@link Text#MAX_LENGTH} characters. A form field may be as long as
 * {@code quarkus.http.limits.max-form-attribute-size} admits (the chain-map editor posts the whole map
 * in one field); each service holds its own fields to their columns' lengths. A refused value is a
 * 422 naming the parameter, as an HTML error page for a page and problem+json for the API.
 * Uploaded files are not text and are left to their readers.
 */
public class InputGuard {

    @ServerRequestFilter(readBody = true)
    public void check(ResteasyReactiveContainerRequestContext ctx) {
        params(ctx.getUriInfo().getPathParameters());
        params(ctx.getUriInfo().getQueryParameters());
        if (ctx.getServerRequestContext() instanceof ResteasyReactiveRequestContext rc) {
            FormData form = rc.getFormData();
            if (form == null) {
                return;
            }
            for (String name : form) {
                check(name, Text.MAX_LENGTH);
                for (FormValue v : form.get(name)) {
                    if (!v.isFileItem()) {
                        refuse(name, Text.problem(v.getValue(), Integer.MAX_VALUE));
                    }
                }
            }
        }
    }

    private static void params(MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            check(e.getKey(), Text.MAX_LENGTH);
            for (String v : e.getValue()) {
                refuse(e.getKey(), Text.problem(v, Text.MAX_LENGTH));
            }
        }
    }

    private static void check(String name, int max) {
        String p = Text.problem(name, max);
        if (p != null) {
            throw ProblemException.invalid(Numbers.shorten(name), "parameter name " + p);
        }
    }

    private static void refuse(String name, String problem) {
        if (problem != null) {
            throw ProblemException.invalid(name, problem);
        }
    }
}
