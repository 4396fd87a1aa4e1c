package io.parkcredit.rating;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.rating.RatingViews.ApplicationView;
import io.parkcredit.rating.RatingViews.PublishedView;
import io.parkcredit.rating.RatingViews.ReviewResultView;
import io.parkcredit.rating.RatingViews.ReviewView;
import io.parkcredit.security.Role;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/ratings")
@Authenticated
@Tag(name = "Rating", description = "Enterprise credit rating AAA..C and its workflow (DOMAIN.md §5)")
public class RatingResource {

    @Inject
    RatingService ratings;

    @Inject
    RatingModelService models;

    @Inject
    RatingReviewRunner reviews;

    @Inject
    RatingReport report;

    @Inject
    PublishedRatings published;

    @Inject
    Clock clock;

    public record ApplyRequest(String uscc) {
    }

    public record NoteRequest(String note) {
    }

    public record ScoresRequest(Map<String, Double> onsiteScores) {
    }

    public record ReasonRequest(String reason) {
    }

    public record ResolutionRequest(String answer, Map<String, Double> onsiteScores) {
    }

    public record ModelChange(RatingModel model, String note) {
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    @POST
    @Path("/applications")
    @Operation(summary = "Apply for a rating (the firm for itself, or ADMIN); 409 while barred, open or outside the re-rating window")
    @Performs(Action.RATING_APPLY)
    public Response apply(ApplyRequest body) {
        if (body == null || body.uscc() == null) {
            throw ProblemException.invalid("uscc", "required");
        }
        String uscc;
        try {
            uscc = Uscc.parse(body.uscc()).value();
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("uscc", e.getMessage());
        }
        return Response.status(201).entity(ratings.apply(uscc, today())).build();
    }

    @GET
    @Path("/applications")
    @Performs(Action.RATING_APPLICATIONS_READ)
    public PageResult<ApplicationView> list(@QueryParam("uscc") String uscc, @QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return ratings.list(uscc, status, PageRequest.of(page, size));
    }

    @GET
    @Path("/applications/{id}")
    @Performs(Action.RATING_APPLICATIONS_READ)
    public ApplicationView get(@PathParam("id") long id) {
        return ratings.get(id);
    }

    @POST
    @Path("/applications/{id}/qualification")
    @Operation(summary = "Check the qualifications (ADMIN): QUALIFIED, or NOT_QUALIFIED with the reasons")
    @Performs(Action.RATING_QUALIFY)
    public ApplicationView qualify(@PathParam("id") long id) {
        return ratings.qualify(id, today());
    }

    @POST
    @Path("/applications/{id}/review")
    @Operation(summary = "Preliminary review of the materials passed (ADMIN): to the evaluator")
    @Performs(Action.RATING_REVIEW)
    public ApplicationView review(@PathParam("id") long id, NoteRequest body) {
        return ratings.review(id, body == null ? null : body.note());
    }

    @POST
    @Path("/applications/{id}/scores")
    @Operation(summary = "On-site scores (EVALUATOR): every indicator is computed and the draft grade proposed")
    @Performs(Action.RATING_SCORE)
    public ApplicationView score(@PathParam("id") long id, ScoresRequest body) {
        return ratings.score(id, body == null ? null : body.onsiteScores(), today());
    }

    @POST
    @Path("/applications/{id}/objection")
    @Operation(summary = "The firm objects to its draft within the objection window")
    @Performs(Action.RATING_OBJECT)
    public ApplicationView object(@PathParam("id") long id, ReasonRequest body) {
        return ratings.object(id, body == null ? null : body.reason(), today());
    }

    @POST
    @Path("/applications/{id}/acceptance")
    @Operation(summary = "The firm accepts its draft, closing the objection window")
    @Performs(Action.RATING_ACCEPT)
    public ApplicationView accept(@PathParam("id") long id) {
        return ratings.accept(id);
    }

    @POST
    @Path("/applications/{id}/objection/resolution")
    @Operation(summary = "Answer the objection (ADMIN, EVALUATOR): upheld, or corrected with new on-site scores")
    @Performs(Action.RATING_RESOLVE)
    public ApplicationView resolve(@PathParam("id") long id, ResolutionRequest body) {
        if (body == null) {
            throw ProblemException.invalid("answer", "required");
        }
        return ratings.resolve(id, body.answer(), body.onsiteScores(), today());
    }

    @POST
    @Path("/applications/{id}/approval")
    @Operation(summary = "Approve (ADMIN): the publicity period starts; publication follows when it ends")
    @Performs(Action.RATING_APPROVE)
    public ApplicationView approve(@PathParam("id") long id) {
        return ratings.approve(id, today());
    }

    @POST
    @Path("/applications/{id}/revocation")
    @Operation(summary = "Revoke a published grade (ADMIN) for a serious breach; bars a new application for 3 years")
    @Performs(Action.RATING_REVOKE)
    public ApplicationView revoke(@PathParam("id") long id, ReasonRequest body) {
        return ratings.revoke(id, body == null ? null : body.reason(), today());
    }

    @GET
    @Path("/applications/{id}/report.pdf")
    @Produces("application/pdf")
    @Operation(summary = "The credit evaluation report (企业信用评价报告) of a scored application, with the certificate page once published")
    @Performs(Action.RATING_APPLICATIONS_READ)
    public Response report(@PathParam("id") long id) {
        ApplicationView v = ratings.get(id);
        return Response.ok(report.pdf(v)).type("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"rating-" + id + ".pdf\"").build();
    }

    @GET
    @Path("/published")
    @Operation(summary = "Published grades (every signed-in role), newest first; ?uscc= for one firm")
    @Performs(Action.RATINGS_PUBLISHED_READ)
    public PageResult<PublishedView> published(@QueryParam("uscc") String uscc, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return published.list(uscc, LocalDate.now(clock), PageRequest.of(page, size));
    }

    @GET
    @Path("/model")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.EVALUATOR_, Role.ENTERPRISE_})
    @Operation(summary = "The current indicator model: dimensions, groups, 45 indicators with weights and rules")
    @Performs(Action.RATING_MODEL_READ)
    public RatingModelService.Version model() {
        return models.read();
    }

    @GET
    @Path("/model/history")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.EVALUATOR_})
    @Performs(Action.RATING_MODEL_HISTORY)
    public List<RatingModelService.Version> history() {
        return models.history();
    }

    @PUT
    @Path("/model")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Store an edited indicator model as the next version, with the reason")
    @Performs(Action.RATING_MODEL_CHANGE)
    public RatingModelService.Version update(ModelChange body) {
        if (body == null) {
            throw ProblemException.invalid("model", "required");
        }
        return models.update(body.model(), body.note());
    }

    @POST
    @Path("/reviews/{year}")
    @RolesAllowed({Role.ADMIN_, Role.EVALUATOR_})
    @Operation(summary = "Yearly review (年审): score every park firm for the year, set-based")
    @Performs(Action.RATING_ANNUAL_REVIEW)
    public Response review(@PathParam("year") int year) {
        return Response.status(201).entity(reviews.run(year)).build();
    }

    @GET
    @Path("/reviews/{id}/results")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.EVALUATOR_})
    @Performs(Action.RATING_ANNUAL_REVIEW_READ)
    public PageResult<ReviewResultView> reviewResults(@PathParam("id") long id, @QueryParam("uscc") String uscc,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return reviews.results(id, uscc, PageRequest.of(page, size));
    }
}
