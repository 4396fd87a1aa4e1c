package io.parkcredit.park;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.Action;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/** The parks page of a region-wide ADMIN (list, create, rename) and the region comparison page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ParkPages {

    @CheckedTemplate(basePath = "park")
    static class Templates {
        static native TemplateInstance parks(List<ParkService.ParkView> parks, ParkForm form, List<FieldProblem> errors,
                String saved);

        static native TemplateInstance region(RegionComparison.Comparison comparison, String day, String chartData);
    }

    /** The create form as typed. */
    public record ParkForm(String code, String name) {
    }

    @Inject
    PageContext page;

    @Inject
    ParkService parks;

    @Inject
    RegionComparison region;

    @Inject
    ObjectMapper json;

    @GET
    @Path("parks")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.PARKS_MANAGE)
    public TemplateInstance list() {
        parks.requireManage();
        return page.render(Templates.parks(parks.list(), new ParkForm("", ""), List.of(), null));
    }

    @POST
    @Path("parks")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.PARKS_MANAGE)
    public Response create(@RestForm String code, @RestForm String name) {
        try {
            ParkService.ParkView created = parks.create(code, name);
            return Response.ok(page.render(Templates.parks(parks.list(), new ParkForm("", ""), List.of(), created.code())))
                    .build();
        } catch (ProblemException e) {
            return failed(e, new ParkForm(code, name));
        }
    }

    @POST
    @Path("parks/{code}/rename")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.PARKS_MANAGE)
    public Response rename(@PathParam("code") String code, @RestForm String name) {
        try {
            ParkService.ParkView renamed = parks.rename(code, name);
            return Response.ok(page.render(Templates.parks(parks.list(), new ParkForm("", ""), List.of(), renamed.code())))
                    .build();
        } catch (ProblemException e) {
            return failed(e, new ParkForm("", ""));
        }
    }

    private Response failed(ProblemException e, ParkForm form) {
        if (e.status() != 409 && e.status() != 422) {
            throw e;
        }
        List<FieldProblem> errors = e.errors().isEmpty() ? List.of(FieldProblem.of("", e.getMessage())) : e.errors();
        return Response.status(e.status()).entity(page.render(Templates.parks(parks.list(), form, errors, null)))
                .build();
    }

    @GET
    @Path("region")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.REGION_COMPARE)
    public TemplateInstance region(@QueryParam("year") String year) {
        RegionComparison.Comparison c = region.compare(year);
        return page.render(Templates.region(c, c.gradesOn().toString(), Formats.scriptJson(json, c.parks())));
    }
}
