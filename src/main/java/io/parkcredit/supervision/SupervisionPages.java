package io.parkcredit.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervision pages (DOMAIN.md §10.1): the plans, the plan form with each tier's expected share
 * before drawing, a draw with every firm's probability and the result entry. Thin: the service decides.
 */
@Path("/supervision")
@RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
@Produces(MediaType.TEXT_HTML)
public class SupervisionPages {

    @CheckedTemplate(basePath = "supervision")
    static class Templates {
        static native TemplateInstance plans(List<SupervisionService.PlanSummary> plans,
                List<SupervisionService.TierShare> preview, Integer count, boolean admin, boolean region);

        static native TemplateInstance plan(SupervisionService.PlanView plan, List<SupervisionService.TierShare> tiers,
                String chartData, boolean admin);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    SupervisionService supervision;

    @Inject
    ObjectMapper json;

    @GET
    @Performs(Action.INSPECTIONS_READ)
    public TemplateInstance plans(@QueryParam("count") String countText) {
        Integer count = number("count", countText, 1, 1_000_000);
        boolean admin = currentUser.has(Role.ADMIN);
        List<SupervisionService.TierShare> preview = admin && count != null ? supervision.preview(count) : List.of();
        return page.render(Templates.plans(supervision.plans(), preview, count, admin,
                currentUser.parks().regionWide()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.INSPECTION_PLAN)
    public Response draw(@FormParam("period") String period, @FormParam("count") String count,
            @FormParam("seed") String seed, @FormParam("inspectors") String inspectors,
            @FormParam("parkCode") String parkCode) {
        Integer n = number("count", count, 1, 1_000_000);
        Long s = null;
        if (seed != null && !seed.isBlank()) {
            if (!seed.strip().matches("-?[0-9]{1,18}")) {
                throw ProblemException.invalid("seed", "a whole number of at most 18 digits");
            }
            s = Long.parseLong(seed.strip());
        }
        List<SupervisionService.InspectorIn> pool = new ArrayList<>();
        if (inspectors != null) {
            String[] lines = inspectors.split("\\R");
            if (lines.length > 1000) {
                throw ProblemException.invalid("inspectors", "at most 1000 lines");
            }
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("[,，]", 3);
                pool.add(new SupervisionService.InspectorIn(cells[0], cells.length > 1 ? cells[1] : null,
                        cells.length > 2 ? cells[2] : null));
            }
        }
        SupervisionService.PlanView plan = supervision.plan(new SupervisionService.PlanRequest(period, n, s, pool,
                parkCode == null || parkCode.isBlank() ? null : parkCode));
        return Response.seeOther(URI.create("/supervision/" + plan.id())).build();
    }

    @GET
    @Path("/{planId}")
    @Performs(Action.INSPECTIONS_READ)
    public TemplateInstance plan(@PathParam("planId") long planId) {
        SupervisionService.PlanView plan = supervision.view(planId, false);
        List<SupervisionService.TierShare> tiers = supervision.tiers(planId);
        return page.render(Templates.plan(plan, tiers, Formats.scriptJson(json, tiers), currentUser.has(Role.ADMIN)));
    }

    @POST
    @Path("/{planId}/results")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.INSPECTION_RESULT)
    public Response result(@PathParam("planId") long planId, @FormParam("uscc") String uscc,
            @FormParam("outcome") String outcome, @FormParam("findings") String findings,
            @FormParam("severity") String severity) {
        supervision.result(planId, new SupervisionService.ResultRequest(uscc, outcome, findings, severity));
        return Response.seeOther(URI.create("/supervision/" + planId)).build();
    }

    private static Integer number(String field, String text, int min, int max) {
        try {
            return Numbers.integer(text, min, max);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }
}
