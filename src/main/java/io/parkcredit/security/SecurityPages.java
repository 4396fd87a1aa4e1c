package io.parkcredit.security;

import io.parkcredit.shared.Formats;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Sign-in, sign-out, language switch, the own-password page, and the ADMIN pages of the audit log and
 * the users.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SecurityPages {

    private static final int PAGE_SIZE = 50;

    @CheckedTemplate(basePath = "security")
    static class Templates {
        static native TemplateInstance login(boolean error, long wait);

        static native TemplateInstance password(List<FieldProblem> errors, boolean done);

        static native TemplateInstance audit(PageResult<AuditLog.Line> result, AuditQuery query, Pager pager);

        static native TemplateInstance users(PageResult<UserService.UserView> result, Pager pager,
                List<Role> roles, UserForm form, List<FieldProblem> errors, String created);
    }

    /** Filters of the audit page, echoed back into the form and the paging links. */
    public record AuditQuery(String actor, String targetType, String targetKey) {
        String link(int page) {
            return "/admin/audit?actor=" + Formats.url(actor) + "&targetType=" + Formats.url(targetType) + "&targetKey="
                    + Formats.url(targetKey) + "&page=" + page;
        }
    }

    /** The create-user form as typed; the password is never echoed back. */
    public record UserForm(String username, String role, String uscc, String institutionCode, String parkCode) {
    }

    @Inject
    PageContext page;

    @Inject
    AuditLog audit;

    @Inject
    UserService users;

    @Inject
    CurrentUser currentUser;

    @Inject
    Validator validator;

    @Inject
    SessionStore sessions;

    @Inject
    RoutingContext request;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @GET
    @Performs(Action.START)
    public Response start() {
        return Response.seeOther(URI.create("/enterprises")).build();
    }

    @GET
    @Path("login")
    @Performs(Action.SIGN_IN)
    public TemplateInstance login(@QueryParam("error") boolean error, @QueryParam("wait") Long wait) {
        return page.render(Templates.login(error, wait == null || wait < 0 ? 0 : Math.min(wait, 86_400)));
    }

    /** Ends the session on the server (a copied cookie no longer works) and clears the browser's cookies. */
    @GET
    @Path("logout")
    @Performs(Action.SIGN_IN)
    public Response logout() {
        sessions.endCurrent(request, SessionStore.LOGOUT);
        return Response.seeOther(URI.create("/login")).cookie(expired(sessionCookie), expired(SessionStore.COOKIE))
                .build();
    }

    @GET
    @Path("account/password")
    @Authenticated
    @Performs(Action.ACCOUNT_PASSWORD)
    public TemplateInstance passwordPage() {
        return page.render(Templates.password(List.of(), false));
    }

    /** The same rules as POST /api/account/password; this page's own session stays signed in. */
    @POST
    @Path("account/password")
    @Authenticated
    @Performs(Action.ACCOUNT_PASSWORD)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@RestForm String currentPassword, @RestForm String newPassword) {
        try {
            users.changeOwnPassword(currentPassword, newPassword, sessions.currentHash(request),
                    LoginGuard.address(request));
            return Response.ok(page.render(Templates.password(List.of(), true))).build();
        } catch (ProblemException e) {
            List<FieldProblem> errors = e.errors().isEmpty() ? List.of(FieldProblem.of("", e.getMessage())) : e.errors();
            return Response.status(e.status()).entity(page.render(Templates.password(errors, false))).build();
        }
    }

    @POST
    @Path("admin/users/{username}/disable")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.USERS_MANAGE)
    public Response disable(@PathParam("username") String username) {
        users.setEnabled(username, false, null);
        return Response.seeOther(URI.create("/admin/users")).build();
    }

    @POST
    @Path("admin/users/{username}/enable")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.USERS_MANAGE)
    public Response enable(@PathParam("username") String username) {
        users.setEnabled(username, true, null);
        return Response.seeOther(URI.create("/admin/users")).build();
    }

    @GET
    @Path("lang/{tag}")
    @Performs(Action.SIGN_IN)
    public Response language(@PathParam("tag") String tag, @QueryParam("back") String back) {
        String lang = "en".equalsIgnoreCase(tag) ? "en" : "zh-CN";
        NewCookie cookie = new NewCookie.Builder(PageContext.LANG_COOKIE).value(lang).path("/")
                .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(PageContext.safeBack(back))).cookie(cookie).build();
    }

    @GET
    @Path("admin/audit")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.AUDIT_READ)
    public TemplateInstance audit(@QueryParam("actor") String actor, @QueryParam("targetType") String targetType,
            @QueryParam("targetKey") String targetKey, @QueryParam("page") Integer pageNo) {
        AuditQuery query = new AuditQuery(actor, targetType, targetKey);
        PageResult<AuditLog.Line> result = audit.search(actor, targetType, targetKey, PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.audit(result, query, Pager.of(result, query::link)));
    }

    @GET
    @Path("admin/users")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.USERS_MANAGE)
    public TemplateInstance users(@QueryParam("page") Integer pageNo) {
        return usersPage(pageNo, new UserForm("", Role.ENTERPRISE.name(), "", "", ""), List.of(), null);
    }

    @POST
    @Path("admin/users")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.USERS_MANAGE)
    public Response createUser(@RestForm String username, @RestForm String password, @RestForm String role,
            @RestForm String uscc, @RestForm String institutionCode, @RestForm String parkCode) {
        UserForm form = new UserForm(username, role, uscc, institutionCode, parkCode);
        // the same checks as POST /api/users: its body constraints first, then the service's rules
        var body = new UserResource.CreateUser(username, password, role, blankToNull(uscc), blankToNull(institutionCode),
                blankToNull(parkCode));
        List<FieldProblem> errors = validator.validate(body).stream()
                .map((ConstraintViolation<UserResource.CreateUser> v) -> FieldProblem.of(v.getPropertyPath().toString(),
                        v.getMessage()))
                .toList();
        if (errors.isEmpty()) {
            try {
                var created = users.create(new UserService.NewUser(body.username(), body.password(), body.role(),
                        body.uscc(), body.institutionCode(), body.parkCode()));
                return Response.ok(usersPage(0, new UserForm("", role, "", "", ""), List.of(), created.username())).build();
            } catch (ProblemException e) {
                errors = e.errors().isEmpty() ? List.of(FieldProblem.of("", e.getMessage())) : e.errors();
                return Response.status(e.status()).entity(usersPage(0, form, errors, null)).build();
            }
        }
        return Response.status(422).entity(usersPage(0, form, errors, null)).build();
    }

    private TemplateInstance usersPage(Integer pageNo, UserForm form, List<FieldProblem> errors, String created) {
        PageResult<UserService.UserView> result = users.list(PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.users(result, Pager.of(result, p -> "/admin/users?page=" + p),
                Arrays.asList(Role.values()), form, errors, created));
    }

    private static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).build();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
