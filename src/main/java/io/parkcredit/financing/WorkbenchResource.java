package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The banks' and guarantors' workbench on the API (README, "Workbench"): queue, limits, portfolio, offer costs. */
@Path("/api")
@Tag(name = "Financing workbench", description = "Decision queue, lending limits, portfolio, offer cost comparison")
public class WorkbenchResource {

    @Inject
    QueueService queue;

    @Inject
    LimitService limits;

    @Inject
    PortfolioService portfolio;

    @Inject
    DealService deals;

    @GET
    @Path("/financing/queue")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Your institution's queue with each seller's and debtor's credit snapshot and your headroom; "
            + "sort=POSTED|AMOUNT|REQUESTED|TERM|GRADE|PICKUP|AGE|INDUSTRY, dir=asc|desc, grade, sellerList, debtorList, "
            + "industry, minAmount, maxAmount, minRequested, maxRequested, minTerm, maxTerm, minScore, minYears, pickupWithinHours")
    @Performs(Action.FINANCING_QUEUE)
    public PageResult<QueueService.QueueRow> queue(@Context UriInfo uri, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return queue.queue(QueueFilter.parse(uri.getQueryParameters()), PageRequest.of(page, size));
    }

    @GET
    @Path("/financing/queue/filters")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_QUEUE)
    public List<QueueService.SavedFilter> filters() {
        return queue.filters();
    }

    @POST
    @Path("/financing/queue/filters")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Save a queue filter under a name (the same name replaces it)")
    @Performs(Action.FINANCING_QUEUE)
    public Response saveFilter(QueueService.FilterInput body) {
        return Response.status(201).entity(queue.save(body)).build();
    }

    @DELETE
    @Path("/financing/queue/filters/{id}")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_QUEUE)
    public Response deleteFilter(@PathParam("id") long id) {
        queue.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/financing/limits")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Lending limits with what is outstanding under each and the headroom; the park names the institution")
    @Performs(Action.FINANCING_LIMITS_VIEW)
    public LimitService.Limits limits(@QueryParam("institution") String institution) {
        return limits.limits(institution);
    }

    @POST
    @Path("/financing/limits")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Set a limit of your institution (kind TOTAL, DEBTOR, SELLER or INDUSTRY; amount null removes it)")
    @Performs(Action.FINANCING_LIMITS_EDIT)
    public LimitService.Limits setLimit(LimitService.LimitInput body) {
        return limits.set(body);
    }

    @GET
    @Path("/financing/limits/history")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_LIMITS_VIEW)
    public List<LimitService.LimitChange> limitHistory(@QueryParam("institution") String institution) {
        return limits.history(institution);
    }

    @GET
    @Path("/financing/portfolio")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "What the institution holds by status, exposure against limits, repayments due and overdue, "
            + "time to offer, win rate, guarantees and fees")
    @Performs(Action.PORTFOLIO_VIEW)
    public PortfolioService.Portfolio portfolio(@QueryParam("institution") String institution) {
        return portfolio.portfolio(institution);
    }

    @GET
    @Path("/financing/portfolio/export")
    @Produces("text/csv")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "The portfolio's requests one by one as CSV")
    @Performs(Action.PORTFOLIO_VIEW)
    public Response portfolioCsv(@QueryParam("institution") String institution) {
        return portfolio.csv(institution);
    }

    @GET
    @Path("/financing-requests/{id}/offer-costs")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "The offers compared on total cost over the term (interest + guarantee fee, annualised), cheapest marked")
    @Performs(Action.FINANCING_READ)
    public List<OfferCosts.OfferCost> offerCosts(@PathParam("id") long id) {
        return deals.offerCosts(id);
    }
}
