package io.parkcredit.rating;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.enterprise.Uscc;
import io.parkcredit.rating.RatingService.Step;
import io.parkcredit.rating.RatingViews.ApplicationView;
import io.parkcredit.rating.RatingViews.PublishedView;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rating pages (DOMAIN.md §5): the applications a user may see (the park, evaluators, a firm
 * its own) with the published grades and the firm's apply form, and one application with its draft
 * or published grade, every dimension and indicator with the reasons, what would raise the grade,
 * the PDF report and the forms of the workflow steps the viewer may take now. Thin: every decision
 * is the services'; each form posts, the step is taken by {@link RatingService} and the browser is
 * sent back to the application (303); a refused step is shown by the ProblemMapper's page, an
 * on-site score sheet with a bad value comes back beside its field (422) with nothing stored.
 */
@Path("/rating")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RatingPages {

    /** Form fields of the on-site score sheet are named {@code onsite.<indicator code>}. */
    static final String ONSITE = "onsite.";

    @CheckedTemplate(basePath = "rating")
    static class Templates {
        static native TemplateInstance list(PageResult<ApplicationView> applications, PageResult<PublishedView> published,
                Apply apply);

        static native TemplateInstance application(ApplicationView a, Actions can, List<OnsiteField> onsite,
                String sheet, Map<String, String> form, Map<String, String> errors, String answer);
    }

    /** The apply form of the list page: for a firm its own USCC, for the ADMIN any; why it is closed, if it is. */
    @TemplateData
    public record Apply(boolean shown, String uscc, boolean ownFirm, ProblemException blocked) {
    }

    /** Which step forms the viewer sees on an application: {@link RatingService#steps}, as booleans. */
    @TemplateData
    public record Actions(boolean qualify, boolean review, boolean score, boolean object, boolean accept,
            boolean resolve, boolean approve, boolean revoke) {

        static Actions of(Set<Step> s) {
            return new Actions(s.contains(Step.QUALIFY), s.contains(Step.REVIEW), s.contains(Step.SCORE),
                    s.contains(Step.OBJECT), s.contains(Step.ACCEPT), s.contains(Step.RESOLVE),
                    s.contains(Step.APPROVE), s.contains(Step.REVOKE));
        }

        public boolean any() {
            return qualify || review || score || object || accept || resolve || approve || revoke;
        }
    }

    /** One on-site (qualitative) indicator of the current model with its maximum points. */
    @TemplateData
    public record OnsiteField(String code, String name, String group, double max, String groupCode) {
    }

    @Inject
    RatingService ratings;

    @Inject
    RatingModelService models;

    @Inject
    PublishedRatings published;

    @Inject
    RatingReport report;

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    @GET
    @Performs(Action.RATINGS_PUBLISHED_READ)
    public TemplateInstance list(@QueryParam("page") Integer p) {
        boolean reader = currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR) || currentUser.has(Role.EVALUATOR)
                || currentUser.has(Role.ENTERPRISE);
        PageResult<ApplicationView> apps = reader ? ratings.list(null, null, PageRequest.of(0, 100)) : null;
        String own = currentUser.has(Role.ENTERPRISE) ? currentUser.uscc() : null;
        PageResult<PublishedView> pub = published.list(own, today(), PageRequest.of(p, 50));
        Apply apply = own != null ? new Apply(true, own, true, ratings.applyBlocked(own, today()))
                : new Apply(currentUser.has(Role.ADMIN), "", false, null);
        return page.render(Templates.list(apps, pub, apply));
    }

    /** A firm applies for itself (its USCC is the signed-in user's), the ADMIN for the firm it names. */
    @POST
    @Path("/applications")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.RATING_APPLY)
    public Response apply(MultivaluedMap<String, String> body) {
        String uscc;
        if (currentUser.has(Role.ENTERPRISE)) {
            uscc = currentUser.uscc();
        } else {
            try {
                uscc = Uscc.parse(String.valueOf(body.getFirst("uscc")).strip()).value();
            } catch (InvalidValueException e) {
                throw ProblemException.invalid("uscc", e.getMessage());
            }
        }
        return back(ratings.apply(uscc, today()).id());
    }

    @GET
    @Path("/applications/{id}")
    @Performs(Action.RATING_APPLICATIONS_READ)
    public TemplateInstance application(@PathParam("id") long id) {
        ApplicationView a = ratings.get(id);
        return applicationPage(a, null, sheetOf(a), Map.of(), "");
    }

    @POST
    @Path("/applications/{id}/qualification")
    @Performs(Action.RATING_QUALIFY)
    public Response qualify(@PathParam("id") long id) {
        return back(ratings.qualify(id, today()).id());
    }

    @POST
    @Path("/applications/{id}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.RATING_REVIEW)
    public Response review(@PathParam("id") long id, MultivaluedMap<String, String> body) {
        return back(ratings.review(id, blankToNull(body.getFirst("note"))).id());
    }

    /** The evaluator's on-site score sheet: every on-site indicator, 0 to its maximum. */
    @POST
    @Path("/applications/{id}/scores")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.RATING_SCORE)
    public Response score(@PathParam("id") long id, MultivaluedMap<String, String> body) {
        return sheet(id, "score", body, null);
    }

    @POST
    @Path("/applications/{id}/objection")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.RATING_OBJECT)
    public Response object(@PathParam("id") long id, MultivaluedMap<String, String> body) {
        return back(ratings.object(id, body.getFirst("reason"), today()).id());
    }

    @POST
    @Path("/applications/{id}/acceptance")
    @Performs(Action.RATING_ACCEPT)
    public Response accept(@PathParam("id") long id) {
        return back(ratings.accept(id).id());
    }

    /**
     * The answer to an objection: upheld as scored, or, with {@code correct} ticked, corrected with
     * the re-entered on-site sheet, which re-scores the draft.
     */
    @POST
    @Path("/applications/{id}/resolution")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.RATING_RESOLVE)
    public Response resolve(@PathParam("id") long id, MultivaluedMap<String, String> body) {
        String answer = body.getFirst("answer");
        if (!"correct".equals(body.getFirst("decision"))) {
            return back(ratings.resolve(id, answer, null, today()).id());
        }
        return sheet(id, "resolve", body, answer == null ? "" : answer);
    }

    @POST
    @Path("/applications/{id}/approval")
    @Performs(Action.RATING_APPROVE)
    public Response approve(@PathParam("id") long id) {
        return back(ratings.approve(id, today()).id());
    }

    @POST
    @Path("/applications/{id}/revocation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.RATING_REVOKE)
    public Response revoke(@PathParam("id") long id, MultivaluedMap<String, String> body) {
        return back(ratings.revoke(id, body.getFirst("reason"), today()).id());
    }

    @GET
    @Path("/applications/{id}/report.pdf")
    @Produces("application/pdf")
    @Performs(Action.RATING_APPLICATIONS_READ)
    public Response report(@PathParam("id") long id) {
        return Response.ok(report.pdf(ratings.get(id))).type("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"rating-" + id + ".pdf\"").build();
    }

    /**
     * Scores from the sheet (the scoring form, or a correcting resolution). A value that is not a
     * number, or that the service refuses (missing, outside 0..max), comes back inline with 422 and
     * nothing is stored.
     */
    private Response sheet(long id, String which, MultivaluedMap<String, String> body, String answer) {
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (OnsiteField f : onsiteFields()) {
            String typed = body.getFirst(ONSITE + f.code());
            typed = typed == null ? "" : typed.strip();
            form.put(f.code(), typed);
            if (typed.isEmpty()) {
                errors.put(f.code(), "required");
                continue;
            }
            try {
                double v = Numbers.doubleValue(typed);
                if (v < 0 || v > f.max()) {
                    // the service refuses it too; marked here so that every bad field shows at once
                    errors.put(f.code(), "between 0 and " + f.max());
                }
                scores.put(f.code(), v);
            } catch (InvalidValueException e) {
                errors.put(f.code(), "not a number");
            }
        }
        if (errors.isEmpty()) {
            try {
                ApplicationView done = "score".equals(which) ? ratings.score(id, scores, today())
                        : ratings.resolve(id, answer, scores, today());
                return back(done.id());
            } catch (ProblemException e) {
                if (e.status() != 422) {
                    throw e;
                }
                for (FieldProblem p : e.errors()) {
                    String field = p.field() == null ? "" : p.field();
                    errors.put(field.startsWith("onsiteScores.") ? field.substring("onsiteScores.".length()) : field,
                            p.message());
                }
                if (e.errors().isEmpty()) {
                    errors.put("", e.getMessage());
                }
            }
        }
        ApplicationView a = ratings.get(id);
        return Response.status(422).entity(applicationPage(a, which, form, errors, answer == null ? "" : answer)).build();
    }

    private TemplateInstance applicationPage(ApplicationView a, String sheet, Map<String, String> form,
            Map<String, String> errors, String answer) {
        Actions can = Actions.of(ratings.steps(a, today()));
        List<OnsiteField> onsite = can.score() || can.resolve() ? onsiteFields() : List.of();
        return page.render(Templates.application(a, can, onsite, sheet == null ? "" : sheet, form, errors, answer));
    }

    /** The on-site indicators of the current model in model order, with their maximum points. */
    List<OnsiteField> onsiteFields() {
        RatingModel m = models.current().model();
        double total = m.totalWeight();
        List<OnsiteField> fields = new ArrayList<>();
        for (RatingModel.Placed p : m.indicators()) {
            if (p.indicator().metric() == Metric.ONSITE) {
                fields.add(new OnsiteField(p.indicator().code(), p.indicator().name(), p.group().name(),
                        Scorer.round(m.maxPoints(p.indicator(), total)).doubleValue(), p.group().code()));
            }
        }
        return fields;
    }

    /** The sheet prefilled with the scores already entered, if any. */
    private static Map<String, String> sheetOf(ApplicationView a) {
        Map<String, String> form = new LinkedHashMap<>();
        if (a.onsiteScores() != null) {
            a.onsiteScores().forEach((k, v) -> form.put(k, v == null ? "" : String.valueOf(v)));
        }
        return form;
    }

    private static Response back(long id) {
        return Response.seeOther(URI.create("/rating/applications/" + id)).build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
