package io.parkcredit.supervision;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/inspections")
@Authenticated
@Tag(name = "Supervision", description = "Credit-tiered inspection draws and their results (DOMAIN.md §10.1)")
public class SupervisionResource {

    @Inject
    SupervisionService supervision;

    @POST
    @Path("/plans")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Draw a plan: every eligible firm with its tier, weight and inclusion probability; same seed, same draw")
    @Performs(Action.INSPECTION_PLAN)
    public Response plan(SupervisionService.PlanRequest body) {
        return Response.status(201).entity(supervision.plan(body)).build();
    }

    @GET
    @Path("/plans")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.INSPECTIONS_READ)
    public List<SupervisionService.PlanSummary> plans() {
        return supervision.plans();
    }

    @GET
    @Path("/plans/{planId}")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.INSPECTIONS_READ)
    public SupervisionService.PlanView plan(@PathParam("planId") long planId) {
        return supervision.view(planId, false);
    }

    @POST
    @Path("/{planId}/results")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Record a drawn firm's result once; it becomes a credit record that lists, ratings and monitoring see")
    @Performs(Action.INSPECTION_RESULT)
    public Response result(@PathParam("planId") long planId, SupervisionService.ResultRequest body) {
        return Response.status(201).entity(supervision.result(planId, body)).build();
    }
}
