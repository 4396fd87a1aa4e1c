package io.parkcredit.bundle;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The import page: upload a data bundle (DOMAIN.md §3) or generate a demo park. A rejected bundle
 * is answered 422 with this page and its row-error report, not with the generic error page.
 */
@Path("/admin/import")
@RolesAllowed(Role.ADMIN_)
@Produces(MediaType.TEXT_HTML)
public class BundlePages {

    static final int DEMO_FIRMS = 500;

    @CheckedTemplate(basePath = "bundle")
    static class Templates {
        static native TemplateInstance importPage(ImportResult result, Rejection rejection, int firms);
    }

    /** Why nothing was imported: the listed errors and how many there were in all. */
    public record Rejection(String message, List<FieldProblem> errors, long total) {

        static Rejection of(ProblemException e) {
            return new Rejection(e.getMessage(), e.errors(), e.totalErrors());
        }

        public boolean truncated() {
            return total > errors.size();
        }
    }

    @Inject
    BundleImporter importer;

    @Inject
    DemoParkLoader demo;

    @Inject
    CurrentUser currentUser;

    @Inject
    PageContext page;

    @GET
    @Performs(Action.BUNDLE_IMPORT)
    public TemplateInstance form() {
        return page.render(Templates.importPage(null, null, DEMO_FIRMS));
    }

    /** The upload stays in the temporary file the HTTP layer wrote; it is never read into memory. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Performs(Action.BUNDLE_IMPORT)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("dryRun") String dryRun,
            @RestForm("park") String park) {
        if (file == null || file.size() == 0) {
            return rejected(new Rejection(null, List.of(FieldProblem.of("file", "请选择 .zip 或 .xlsx 文件 / choose a .zip or .xlsx file")), 1));
        }
        try {
            ImportResult result = importer.importBundle(file.uploadedFile(), dryRun != null, currentUser.name(),
                    park == null || park.isBlank() ? null : park.strip());
            return Response.ok(page.render(Templates.importPage(result, null, DEMO_FIRMS))).build();
        } catch (ProblemException e) {
            return rejected(Rejection.of(e));
        }
    }

    @POST
    @Path("/demo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.BUNDLE_IMPORT)
    public Response demoPark(@RestForm("firms") Integer firms) {
        int n = firms == null ? DEMO_FIRMS : firms;
        try {
            ImportResult result = demo.load(n, currentUser.name());
            return Response.ok(page.render(Templates.importPage(result, null, n))).build();
        } catch (ProblemException e) {
            return rejected(Rejection.of(e));
        }
    }

    private Response rejected(Rejection rejection) {
        return Response.status(422).entity(page.render(Templates.importPage(null, rejection, DEMO_FIRMS))).build();
    }
}
