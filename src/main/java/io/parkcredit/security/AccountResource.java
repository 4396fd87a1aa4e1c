package io.parkcredit.security;

import io.quarkus.security.Authenticated;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's own account. */
@Path("/api/account")
@Authenticated
@Tag(name = "Account", description = "The signed-in user's own password")
public class AccountResource {

    @Inject
    UserService users;

    @Inject
    RoutingContext request;

    public record PasswordChange(@NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(max = 128) String newPassword) {
    }

    @POST
    @Path("password")
    @Performs(Action.ACCOUNT_PASSWORD)
    @Operation(summary = "Change your own password (the current one is required); your other sessions end")
    public Response changePassword(@Valid @NotNull PasswordChange body) {
        users.changeOwnPassword(body.currentPassword(), body.newPassword(), null, LoginGuard.address(request));
        return Response.noContent().build();
    }
}
