package io.parkcredit.policy;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/policies")
@Authenticated
@Tag(name = "Policies", description = "Policies matched to the firms that qualify, clause by clause (DOMAIN.md §10.2)")
public class PolicyResource {

    @Inject
    PolicyService policies;

    public record Decision(String outcome, String reason) {
    }

    @POST
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.POLICY_MANAGE)
    public Response create(PolicyService.PolicyRequest body) {
        return Response.status(201).entity(policies.create(body)).build();
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.POLICY_READ)
    public List<PolicyService.PolicyView> list() {
        return policies.policies();
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Publish: match the whole park and notify every matching firm once")
    @Performs(Action.POLICY_MANAGE)
    public Map<String, Integer> publish(@PathParam("id") long id) {
        return Map.of("notified", policies.publish(id).notified());
    }

    @GET
    @Path("/{id}/matches")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.POLICY_READ)
    public PageResult<PolicyService.Match> matches(@PathParam("id") long id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return policies.matches(id, PageRequest.of(page, size));
    }

    @GET
    @Path("/mine")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.POLICY_MINE)
    public List<PolicyService.Mine> mine() {
        return policies.mine();
    }

    @POST
    @Path("/{id}/applications")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.POLICY_MINE)
    public Response apply(@PathParam("id") long id) {
        return Response.status(201).entity(Map.of("id", policies.apply(id), "status", "APPLIED")).build();
    }

    @GET
    @Path("/applications")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Operation(summary = "The firms' applications, newest first, each with its clause-by-clause match when it applied")
    @Performs(Action.POLICY_READ)
    public PageResult<PolicyService.Application> applications(@QueryParam("policy") String policy,
            @QueryParam("status") String status, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return policies.applications(PolicyService.policyFilter(policy), status, PageRequest.of(page, size));
    }

    @POST
    @Path("/applications/{applicationId}/decision")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.POLICY_MANAGE)
    public Map<String, String> decide(@PathParam("applicationId") long applicationId, Decision body) {
        policies.decide(applicationId, body == null ? null : body.outcome(), body == null ? null : body.reason());
        return Map.of("status", body.outcome());
    }
}
