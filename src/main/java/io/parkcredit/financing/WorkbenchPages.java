package io.parkcredit.financing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.classification.CreditList;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workbench pages (README, "Workbench"): the decision queue with its saved filters, the lending
 * limits, the portfolio with its charts. Thin: rights and rules are the services'.
 */
@Path("/financing")
@Produces(MediaType.TEXT_HTML)
public class WorkbenchPages {

    private static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "financing")
    static class Templates {
        static native TemplateInstance queue(PageResult<QueueService.QueueRow> rows, Pager pager, QueueFilter filter,
                Map<String, String> form, String query, List<QueueService.SavedFilter> saved,
                List<QueueFilter.Sort> sorts, List<Grade> grades, List<CreditList> lists);

        static native TemplateInstance limits(LimitService.Limits limits, List<LimitService.LimitChange> history,
                boolean edit, List<LimitService.Kind> kinds, List<Map<String, String>> institutions);

        static native TemplateInstance portfolio(PortfolioService.Portfolio p, String chartData,
                List<Map<String, String>> institutions, String csvLink);

        static native TemplateInstance choose(String title, String action, List<Map<String, String>> institutions);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    QueueService queue;

    @Inject
    LimitService limits;

    @Inject
    PortfolioService portfolio;

    @Inject
    DealService deals;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/queue")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_QUEUE)
    public TemplateInstance queuePage(@Context UriInfo uri, @QueryParam("page") Integer pageNo) {
        QueueFilter filter = QueueFilter.parse(uri.getQueryParameters());
        PageResult<QueueService.QueueRow> rows = queue.queue(filter, PageRequest.of(pageNo, PAGE_SIZE));
        String query = filter.query();
        return page.render(Templates.queue(rows, Pager.of(rows, p -> "/financing/queue?" + query
                + (query.isEmpty() ? "" : "&") + "page=" + p), filter, filter.form(), query, queue.filters(),
                List.of(QueueFilter.Sort.values()), List.of(Grade.EXCELLENT, Grade.MIXED, Grade.POOR),
                List.of(CreditList.RED, CreditList.WHITE, CreditList.NONE, CreditList.YELLOW)));
    }

    @POST
    @Path("/queue/{id}/claim")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_CLAIM)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("id") long id, @FormParam("back") String back) {
        URI to = queueLink(back);
        deals.claim(id);
        return Response.seeOther(to).build();
    }

    @POST
    @Path("/queue/filters")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_QUEUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveFilter(@FormParam("name") String name, @FormParam("query") String query) {
        QueueService.SavedFilter f = queue.save(new QueueService.FilterInput(name, query));
        return Response.seeOther(queueLink(f.query())).build();
    }

    @POST
    @Path("/queue/filters/{id}/delete")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_QUEUE)
    public Response deleteFilter(@PathParam("id") long id) {
        queue.delete(id);
        return Response.seeOther(URI.create("/financing/queue")).build();
    }

    /** Back to the queue with a filter, re-read so only the filter's own parameters go into the link. */
    private static URI queueLink(String query) {
        String q = query == null ? "" : QueueFilter.parse(query.startsWith("?") ? query.substring(1) : query).query();
        return URI.create("/financing/queue" + (q.isEmpty() ? "" : "?" + q));
    }

    @GET
    @Path("/limits")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_LIMITS_VIEW)
    public TemplateInstance limitsPage(@QueryParam("institution") String institution) {
        if (currentUser.institutionCode() == null && (institution == null || institution.isBlank())) {
            return page.render(Templates.choose("limits", "/financing/limits", institutions()));
        }
        return page.render(Templates.limits(limits.limits(institution), limits.history(institution),
                currentUser.may(Action.FINANCING_LIMITS_EDIT) && currentUser.institutionCode() != null,
                List.of(LimitService.Kind.values()), institutions()));
    }

    @POST
    @Path("/limits")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_LIMITS_EDIT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setLimit(@FormParam("kind") String kind, @FormParam("subject") String subject,
            @FormParam("amount") String amount, @FormParam("reason") String reason) {
        BigDecimal value;
        try {
            value = amount == null || amount.isBlank() ? null : Numbers.decimal(amount);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("amount", e.getMessage());
        }
        limits.set(new LimitService.LimitInput(kind, subject, value, reason));
        return Response.seeOther(URI.create("/financing/limits")).build();
    }

    @GET
    @Path("/portfolio")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.PORTFOLIO_VIEW)
    public TemplateInstance portfolioPage(@QueryParam("institution") String institution) {
        if (currentUser.institutionCode() == null && (institution == null || institution.isBlank())) {
            return page.render(Templates.choose("portfolio", "/financing/portfolio", institutions()));
        }
        PortfolioService.Portfolio p = portfolio.portfolio(institution);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("byStatus", p.byStatus());
        chart.put("byDebtor", p.byDebtor());
        String csv = "/api/financing/portfolio/export" + (currentUser.institutionCode() == null
                ? "?institution=" + Formats.url(p.institutionCode()) : "");
        return page.render(Templates.portfolio(p, Formats.scriptJson(json, chart), institutions(), csv));
    }

    /** The institutions the park may pick from; empty for a bank or a guarantor (it sees its own). */
    private List<Map<String, String>> institutions() {
        if (currentUser.institutionCode() != null) {
            return List.of();
        }
        return limits.institutions();
    }
}
