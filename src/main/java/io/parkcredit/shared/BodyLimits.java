package io.parkcredit.shared;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request body size per route, checked before anything reads the body. Quarkus has one global
 * limit ({@code quarkus.http.limits.max-body-size}), which must admit a park's bundle; every other
 * route takes a small one: a declared {@code Content-Length} above it is answered 413 at once, and
 * a body without a declared length (chunked) is refused with 411 outside the bundle routes, so no
 * form or JSON body can be streamed in without bound. Bundle uploads stream to a temporary file.
 */
@ApplicationScoped
public class BodyLimits {

    /** Routes that take a data bundle: the API import and the import page's upload. */
    static final Set<String> BUNDLE_ROUTES = Set.of("/api/bundles", "/admin/import");

    @ConfigProperty(name = "parkcredit.http.max-body-size", defaultValue = "2M")
    MemorySize defaultLimit;

    @ConfigProperty(name = "parkcredit.bundle.max-upload-size", defaultValue = "4G")
    MemorySize bundleLimit;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::check);
    }

    void check(RoutingContext rc) {
        HttpMethod m = rc.request().method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
            rc.next();
            return;
        }
        boolean bundle = BUNDLE_ROUTES.contains(stripSlash(rc.normalizedPath()));
        long limit = (bundle ? bundleLimit : defaultLimit).asLongValue();
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                refuse(rc, 400, "bad-request", "请求错误 Bad request", "Content-Length is not a number");
                return;
            }
            if (length > limit) {
                refuse(rc, 413, "body-too-large", "请求体过大 Payload too large", "the body has " + length
                        + " bytes; this route accepts at most " + limit + (bundle
                        ? " (parkcredit.bundle.max-upload-size)" : " (parkcredit.http.max-body-size)"));
                return;
            }
        } else if (!bundle && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            refuse(rc, 411, "length-required", "需要长度 Length required",
                    "a body without Content-Length is accepted only when uploading a bundle");
            return;
        }
        rc.next();
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void refuse(RoutingContext rc, int status, String code, String title, String detail) {
        String body = "{\"type\":\"" + Problem.TYPE_BASE + code + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + jsonText(rc.normalizedPath()) + "\"}";
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private static String jsonText(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
