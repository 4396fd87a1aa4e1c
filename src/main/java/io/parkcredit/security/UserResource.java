package io.parkcredit.security;

import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users")
@RolesAllowed(Role.ADMIN_)
@Tag(name = "Users", description = "Platform users and roles (DOMAIN.md §1)")
public class UserResource {

    @Inject
    UserService users;

    public record CreateUser(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}", message = "3-64 letters, digits or . _ @ -") String username,
            @NotNull @Size(max = 128, message = "must have 10 to 128 characters") String password,
            @NotBlank String role,
            String uscc,
            String institutionCode,
            String parkCode) {
        public CreateUser(String username, String password, String role, String uscc, String institutionCode) {
            this(username, password, role, uscc, institutionCode, null);
        }
    }

    @POST
    @Operation(summary = "Create a user; uscc is required for ENTERPRISE, institutionCode for BANK and GUARANTOR;"
            + " parkCode (optional) names the park: a park ADMIN's own only; absent, a region ADMIN's user takes the park"
            + " of its firm or institution, ADMIN and REGULATOR are region-wide, others the default park")
    @Performs(Action.USERS_MANAGE)
    public Response create(@Valid @NotNull CreateUser body) {
        var created = users.create(new UserService.NewUser(body.username(), body.password(), body.role(),
                body.uscc(), body.institutionCode(), body.parkCode()));
        return Response.status(201).entity(created).build();
    }

    /** Why an ADMIN disables or enables a user; kept in the audit log. */
    public record Reason(@Size(max = 500) String reason) {
    }

    @POST
    @Path("{username}/disable")
    @Performs(Action.USERS_MANAGE)
    @Operation(summary = "Disable a user: it cannot sign in, its sessions and remembered passwords end at once")
    public UserService.UserView disable(@PathParam("username") String username, @Valid Reason body) {
        return users.setEnabled(username, false, body == null ? null : body.reason());
    }

    @POST
    @Path("{username}/enable")
    @Performs(Action.USERS_MANAGE)
    @Operation(summary = "Enable a disabled user again")
    public UserService.UserView enable(@PathParam("username") String username, @Valid Reason body) {
        return users.setEnabled(username, true, body == null ? null : body.reason());
    }

    @GET
    @Performs(Action.USERS_MANAGE)
    public PageResult<UserService.UserView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return users.list(PageRequest.of(page, size));
    }
}
