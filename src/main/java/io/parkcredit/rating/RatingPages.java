package io.parkcredit.rating;

import io.parkcredit.rating.RatingViews.ApplicationView;
import io.parkcredit.rating.RatingViews.PublishedView;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The rating pages (DOMAIN.md §5): the applications a user may see (the park, evaluators, a firm
 * its own) with the published grades, and one application with its draft or published grade,
 * every dimension and indicator with the reasons, what would raise the grade and the PDF report.
 * Thin: every decision is the services'; the workflow steps are the API's.
 */
@Path("/rating")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RatingPages {

    @CheckedTemplate(basePath = "rating")
    static class Templates {
        static native TemplateInstance list(PageResult<ApplicationView> applications, PageResult<PublishedView> published);

        static native TemplateInstance application(ApplicationView a);
    }

    @Inject
    RatingService ratings;

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

    @GET
    public TemplateInstance list(@QueryParam("page") Integer p) {
        boolean reader = currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR) || currentUser.has(Role.EVALUATOR)
                || currentUser.has(Role.ENTERPRISE);
        PageResult<ApplicationView> apps = reader ? ratings.list(null, null, PageRequest.of(0, 100)) : null;
        String own = currentUser.has(Role.ENTERPRISE) ? currentUser.uscc() : null;
        PageResult<PublishedView> pub = published.list(own, LocalDate.now(clock), PageRequest.of(p, 50));
        return page.render(Templates.list(apps, pub));
    }

    @GET
    @Path("/applications/{id}")
    public TemplateInstance application(@PathParam("id") long id) {
        return page.render(Templates.application(ratings.get(id)));
    }

    @GET
    @Path("/applications/{id}/report.pdf")
    @Produces("application/pdf")
    public Response report(@PathParam("id") long id) {
        return Response.ok(report.pdf(ratings.get(id))).type("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"rating-" + id + ".pdf\"").build();
    }
}
