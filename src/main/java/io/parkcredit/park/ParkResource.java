package io.parkcredit.park;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/parks")
@Authenticated
@Tag(name = "Parks", description = "The parks of the region (DOMAIN.md §10.3)")
public class ParkResource {

    @Inject
    ParkService parks;

    public record NewPark(String code, String name) {
    }

    public record Rename(String name) {
    }

    @GET
    @Operation(summary = "The parks the caller sees: every park for a region-wide ADMIN or REGULATOR, else its own")
    @Performs(Action.PARKS_READ)
    public List<ParkService.ParkView> list() {
        return parks.list();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One park; 404 outside the caller's parks")
    @Performs(Action.PARKS_READ)
    public ParkService.ParkView get(@PathParam("code") String code) {
        return parks.get(code);
    }

    @POST
    @Operation(summary = "Create a park (region-wide ADMIN): code ^[A-Z0-9][A-Z0-9_-]{1,31}$, name up to 100; 409 on a taken code")
    @Performs(Action.PARKS_MANAGE)
    public Response create(@Valid @NotNull NewPark body) {
        return Response.status(201).entity(parks.create(body.code(), body.name())).build();
    }

    @PUT
    @Path("{code}")
    @Operation(summary = "Rename a park (region-wide ADMIN); the code stays")
    @Performs(Action.PARKS_MANAGE)
    public ParkService.ParkView rename(@PathParam("code") String code, @Valid @NotNull Rename body) {
        return parks.rename(code, body.name());
    }
}
