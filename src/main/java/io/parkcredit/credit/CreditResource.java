package io.parkcredit.credit;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Commitments, objections and repair (API.md, DOMAIN.md §8). Thin: every decision is the services'. */
@Path("/api")
@Authenticated
@Tag(name = "Credit", description = "Commitments, objections, credit repair (DOMAIN.md §8)")
public class CreditResource {

    @Inject
    CommitmentService commitments;

    @Inject
    ObjectionService objections;

    @Inject
    RepairService repairs;

    @Inject
    AttachmentService attachments;

    @Inject
    Corrections corrections;

    @Inject
    CreditRuleSets rules;

    @Inject
    CreditStats stats;

    @POST
    @Path("/commitments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Operation(summary = "Sign a commitment; a refused 告知承诺 is 409 naming the record")
    @Performs(Action.COMMITMENT_SIGN)
    public Response sign(CommitmentService.CommitmentInput in) {
        return Response.status(201).entity(commitments.sign(in)).build();
    }

    @GET
    @Path("/commitments")
    @Performs(Action.CREDIT_READ)
    public PageResult<CommitmentService.CommitmentView> commitments(@QueryParam("uscc") String uscc,
            @QueryParam("status") String status, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return commitments.list(uscc, status, PageRequest.of(page, size));
    }

    @GET
    @Path("/commitments/{id}")
    @Performs(Action.CREDIT_READ)
    public CommitmentService.CommitmentView commitment(@PathParam("id") long id) {
        return commitments.get(id);
    }

    @POST
    @Path("/commitments/{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Record FULFILLED or BREACHED; a breach returns the recorded credit event as event")
    @Performs(Action.COMMITMENT_VERIFY)
    public CommitmentService.CommitmentView outcome(@PathParam("id") long id, CommitmentService.OutcomeInput in) {
        return commitments.outcome(id, in);
    }

    @POST
    @Path("/objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Operation(summary = "Object to an item; a second open objection on the item is 409")
    @Performs(Action.OBJECTION_SUBMIT)
    public Response object(ObjectionService.ObjectionInput in) {
        return Response.status(201).entity(objections.submit(in)).build();
    }

    @GET
    @Path("/objections")
    @Performs(Action.CREDIT_READ)
    public PageResult<ObjectionService.ObjectionView> objections(@QueryParam("uscc") String uscc,
            @QueryParam("status") String status, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return objections.list(uscc, status, PageRequest.of(page, size));
    }

    @GET
    @Path("/objections/{id}")
    @Performs(Action.CREDIT_READ)
    public ObjectionService.ObjectionView objection(@PathParam("id") long id) {
        return objections.get(id);
    }

    @POST
    @Path("/objections/{id}/referral")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Refer the objection to the item's source (VERIFYING)")
    @Performs(Action.OBJECTION_DECIDE)
    public ObjectionService.ObjectionView refer(@PathParam("id") long id, ObjectionService.ReferralInput in) {
        return objections.refer(id, in);
    }

    @POST
    @Path("/objections/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "CORRECTED (with the item's corrected fields), REVOKED or UPHELD")
    @Performs(Action.OBJECTION_DECIDE)
    public ObjectionService.ObjectionView decide(@PathParam("id") long id, ObjectionService.DecisionInput in) {
        return objections.decide(id, in);
    }

    @POST
    @Path("/objections/{id}/attachments")
    @Consumes({"application/pdf", "image/png", "image/jpeg"})
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Operation(summary = "Attach a PDF, PNG or JPEG (the body) named by ?name=")
    @Performs(Action.OBJECTION_SUBMIT)
    public Response attachToObjection(@PathParam("id") long id, @QueryParam("name") String name,
            @jakarta.ws.rs.HeaderParam("Content-Type") String type, byte[] body) {
        return Response.status(201).entity(attachments.upload("OBJECTION", id, name, type, body)).build();
    }

    @POST
    @Path("/repairs/{id}/attachments")
    @Consumes({"application/pdf", "image/png", "image/jpeg"})
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Operation(summary = "Attach a PDF, PNG or JPEG (the body) named by ?name=")
    @Performs(Action.REPAIR_APPLY)
    public Response attachToRepair(@PathParam("id") long id, @QueryParam("name") String name,
            @jakarta.ws.rs.HeaderParam("Content-Type") String type, byte[] body) {
        return Response.status(201).entity(attachments.upload("REPAIR", id, name, type, body)).build();
    }

    @GET
    @Path("/attachments/{id}")
    @Produces(MediaType.WILDCARD)
    @Performs(Action.CREDIT_ATTACHMENT_READ)
    public Response attachment(@PathParam("id") long id) {
        AttachmentService.File f = attachments.get(id);
        return Response.ok(f.content(), f.contentType()).header("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(f.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("/credit-records")
    @Operation(summary = "A firm's negative records with their publication window and first repair day")
    @Performs(Action.CREDIT_READ)
    public List<RepairService.RecordView> records(@QueryParam("uscc") String uscc) {
        return repairs.records(uscc);
    }

    @POST
    @Path("/repairs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Operation(summary = "Apply to repair a record; before the shortest period 409 with firstDay")
    @Performs(Action.REPAIR_APPLY)
    public Response repair(RepairService.RepairInput in) {
        return Response.status(201).entity(repairs.apply(in)).build();
    }

    @GET
    @Path("/repairs")
    @Performs(Action.CREDIT_READ)
    public PageResult<RepairService.RepairView> repairs(@QueryParam("uscc") String uscc, @QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return repairs.list(uscc, status, PageRequest.of(page, size));
    }

    @GET
    @Path("/repairs/{id}")
    @Performs(Action.CREDIT_READ)
    public RepairService.RepairView repairOne(@PathParam("id") long id) {
        return repairs.get(id);
    }

    @POST
    @Path("/repairs/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "APPROVED (the record is repaired today) or REJECTED with a reason")
    @Performs(Action.REPAIR_DECIDE)
    public RepairService.RepairView decideRepair(@PathParam("id") long id, RepairService.DecisionInput in) {
        return repairs.decide(id, in);
    }

    @GET
    @Path("/corrections")
    @Operation(summary = "CORRECTION notices: a firm its own, an institution those sent to it")
    @Performs(Action.CORRECTIONS_READ)
    public PageResult<Corrections.CorrectionView> corrections(@QueryParam("uscc") String uscc,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return corrections.list(uscc, PageRequest.of(page, size));
    }

    /** A day of the holiday calendar. */
    public record CalendarInput(String kind, String name) {
    }

    @PUT
    @Path("/park-calendar/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Mark a day HOLIDAY or WORKDAY (make-up workday), or an empty kind for an ordinary day")
    @Performs(Action.PARK_CALENDAR_CHANGE)
    public CreditRuleSets.CalendarDay calendarDay(@PathParam("day") String day, CalendarInput in) {
        return rules.setDay(CreditStats.day("day", day), in == null ? null : in.kind(), in == null ? null : in.name());
    }

    @GET
    @Path("/credit-stats")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Operation(summary = "Backlog, overdue items, working days to decide and repair rates")
    @Performs(Action.CREDIT_STATS)
    public CreditStats.Stats stats() {
        return stats.stats();
    }
}
