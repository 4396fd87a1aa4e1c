package io.parkcredit.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become responses: RFC 9457 {@code application/problem+json} under
 * {@code /api}, a readable page in the browser. Bad input is 400/422, conflicts 409, missing 404,
 * no right 403; anything unexpected is logged and answered 500 without internals.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    @Location("error.html")
    Template errorPage;

    @ConfigProperty(name = "quarkus.http.auth.form.login-page")
    String loginPage;

    @ConfigProperty(name = "quarkus.http.auth.form.error-page")
    String loginErrorPage;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        Problem p = Problem.of(e.status(), e.code(), e.title(), e.getMessage(), uri.getPath(), e.errors());
        if (e.totalErrors() > e.errors().size()) {
            p = p.withTotal(e.totalErrors());
        }
        Response r = respond(p, e.reason(), uri, headers);
        if (e.extensions().isEmpty() || !Problem.MEDIA_TYPE.equals(String.valueOf(r.getMediaType()))) {
            return r;
        }
        // extension members sit beside the standard ones (RFC 9457 §3.2)
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", p.instance());
        if (!p.errors().isEmpty()) {
            body.put("errors", p.errors());
        }
        e.extensions().forEach(body::putIfAbsent);
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidValueException e, UriInfo uri, HttpHeaders headers) {
        return respond(Problem.of(422, "invalid-input", "输入无效 Invalid input", e.getMessage(), uri.getPath(),
                List.of()), uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(FieldProblem.of(field(v.getPropertyPath().toString()), v.getMessage()));
        }
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(422, "invalid-input", "输入无效 Invalid input", detail, uri.getPath(), errors),
                uri, headers);
    }

    /** {@code params.lateDays} or {@code grades[0]}: where the parser stood, root first. */
    static String path(JsonStreamContext ctx) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]" : String.valueOf(c.getCurrentName()));
        }
        return parts.isEmpty() ? null : String.join(".", parts).replace(".[", "[");
    }

    /** {@code create.body.username} → {@code username}; the method and parameter names mean nothing to a caller. */
    static String field(String path) {
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", List.of(parts).subList(2, parts.length));
    }

    /** Ahead of the JSON extension's own mapper, which answers a wrong value with a bare 400. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatch(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        String field = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        } else if (e instanceof InputCoercionException c && c.getProcessor() != null) {
            // a whole number past its field's type (99999999999999999999 into an int): the parser knows where it was
            field = path(c.getProcessor().getParsingContext());
        }
        String message = e.getOriginalMessage();
        Throwable cause = e instanceof ValueInstantiationException ? e.getCause() : null;
        if (cause instanceof InvalidValueException iv) {
            message = iv.getMessage();
        }
        if (message != null && message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        List<FieldProblem> errors = field == null ? List.of() : List.of(FieldProblem.of(field, message));
        int status = field == null ? 400 : 422;
        return respond(Problem.of(status, status == 400 ? "malformed-json" : "invalid-input",
                status == 400 ? "请求格式错误 Malformed JSON" : "输入无效 Invalid input",
                field == null ? message : field + ": " + message, uri.getPath(), errors), uri, headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j, uri, headers); // the JSON reader wraps what it cannot parse in a 400
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(Problem.of(status, "http-" + status, Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), uri.getPath(),
                List.of()), uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return respond(Problem.of(403, "forbidden", "无权访问 Forbidden",
                "your role does not allow this", uri.getPath(), List.of()), Reason.of("forbidden"), uri, headers);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        if (!isApi(uri)) {
            // pages sign in through the form: a wrong password goes back to the form with its message
            String to = e instanceof AuthenticationFailedException ? loginErrorPage : loginPage;
            return Response.status(Response.Status.FOUND).location(URI.create(to)).build();
        }
        Response r = respond(Problem.of(401, "unauthorized", "未登录 Unauthorized",
                "sign in (HTTP Basic for /api)", uri.getPath(), List.of()), uri, headers);
        return Response.fromResponse(r).header("WWW-Authenticate", "Basic realm=\"ParkCredit\"").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, HttpHeaders headers) {
        LOG.error("unexpected error on " + uri.getPath(), e);
        return respond(Problem.of(500, "internal", "内部错误 Internal error",
                "an unexpected error occurred; it has been logged", uri.getPath(), List.of()), uri, headers);
    }

    private static boolean isApi(UriInfo uri) {
        return uri.getPath().startsWith("/api/") || uri.getPath().equals("/api");
    }

    private Response respond(Problem p, UriInfo uri, HttpHeaders headers) {
        return respond(p, null, uri, headers);
    }

    /** problem+json for the API and other clients; for a browser the error page, the reason in the reader's language. */
    private Response respond(Problem p, Reason reason, UriInfo uri, HttpHeaders headers) {
        boolean api = isApi(uri);
        boolean wantsHtml = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
        if (!api && wantsHtml) {
            jakarta.ws.rs.core.Cookie lang = headers.getCookies().get("lang");
            boolean english = lang != null && "en".equals(lang.getValue());
            String html = errorPage.instance().setLocale(english ? java.util.Locale.ENGLISH
                    : java.util.Locale.forLanguageTag("zh-CN")).data("lang", english ? "en" : "zh-CN").data("problem", p)
                    .data("detail", Reasons.render(ProblemMsg.class, reason, english ? "en" : "zh-CN", p.detail()))
                    .render();
            return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
        }
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
