package io.parkcredit.financing;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.enterprise.EnterpriseViews.Portrait;
import io.parkcredit.security.Role;
import io.parkcredit.shared.EnumParam;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ParkDates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@Tag(name = "Financing", description = "Receivables financing: grading, routing, claims, offers (DOMAIN.md §7)")
public class FinancingResource {

    @Inject
    FinancingService financing;

    @Inject
    DealService deals;

    @Inject
    ConsentService consents;

    @Inject
    ProductService products;

    @Inject
    FunnelService funnel;

    public record OverrideInput(String route, String reason) {
    }

    public record WithdrawInput(String reason) {
    }

    public record ConsentInput(String institutionCode) {
    }

    @POST
    @Path("/financing-requests")
    @RolesAllowed(Role.ENTERPRISE_)
    @Operation(summary = "Post a receivable of your firm: checked, graded from cash flows and routed; 409 when it already backs an open request")
    @Performs(Action.FINANCING_POST)
    public Response post(FinancingInput.Receivable body) {
        return Response.status(201).entity(financing.post(body)).build();
    }

    @GET
    @Path("/financing-requests")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Requests the caller may see, newest first; for a bank or guarantor the ones routed to it")
    @Performs(Action.FINANCING_READ)
    public PageResult<RequestView> list(@QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return financing.list(EnumParam.parse(RequestStatus.class, "status", status), PageRequest.of(page, size));
    }

    @GET
    @Path("/financing-requests/{id}")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_READ)
    public RequestView get(@PathParam("id") long id) {
        return financing.get(id);
    }

    @POST
    @Path("/financing-requests/{id}/debtor-confirmation")
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Operation(summary = "The debtor (or the park) confirms the receivable; the request is regraded")
    @Performs(Action.FINANCING_CONFIRM)
    public RequestView confirm(@PathParam("id") long id) {
        return financing.confirmByDebtor(id);
    }

    @POST
    @Path("/financing-requests/{id}/override")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Route a POOR request anyway (BANKS or GUARANTORS), with a reason")
    @Performs(Action.FINANCING_OVERRIDE)
    public RequestView override(@PathParam("id") long id, OverrideInput body) {
        return financing.override(id, body == null ? null : EnumParam.parse(Route.class, "route", body.route()),
                body == null ? null : body.reason());
    }

    @POST
    @Path("/financing-requests/{id}/withdrawal")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_WITHDRAW)
    public RequestView withdraw(@PathParam("id") long id, WithdrawInput body) {
        return financing.withdraw(id, body == null ? null : body.reason());
    }

    @POST
    @Path("/financing-requests/{id}/claim")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Claim a request routed to your institution: 200 for the one winner, 409 for everyone after")
    @Performs(Action.FINANCING_CLAIM)
    public RequestView claim(@PathParam("id") long id) {
        return deals.claim(id);
    }

    @POST
    @Path("/financing-requests/{id}/guarantee")
    @RolesAllowed(Role.GUARANTOR_)
    @Operation(summary = "Commit a guarantee on a claimed MIXED request; it is routed on to banks")
    @Performs(Action.FINANCING_GUARANTEE)
    public RequestView guarantee(@PathParam("id") long id, DealService.GuaranteeInput body) {
        return deals.commitGuarantee(id, body);
    }

    @POST
    @Path("/financing-requests/{id}/offers")
    @RolesAllowed(Role.BANK_)
    @Performs(Action.FINANCING_OFFER)
    public Response offer(@PathParam("id") long id, DealService.OfferInput body) {
        return Response.status(201).entity(deals.offer(id, body)).build();
    }

    @GET
    @Path("/financing-requests/{id}/offers")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_READ)
    public List<DealService.OfferView> offers(@PathParam("id") long id) {
        return deals.offers(id);
    }

    @POST
    @Path("/financing-requests/{id}/offers/{offerId}/accept")
    @RolesAllowed(Role.ENTERPRISE_)
    @Operation(summary = "Accept one offer; the others close")
    @Performs(Action.FINANCING_ACCEPT)
    public RequestView accept(@PathParam("id") long id, @PathParam("offerId") long offerId) {
        return deals.accept(id, offerId);
    }

    @POST
    @Path("/financing-requests/{id}/disbursement")
    @RolesAllowed(Role.BANK_)
    @Performs(Action.FINANCING_DISBURSE)
    public RequestView disburse(@PathParam("id") long id, DealService.DisbursementInput body) {
        return deals.disburse(id, body);
    }

    @POST
    @Path("/financing-requests/{id}/repayment")
    @RolesAllowed(Role.BANK_)
    @Performs(Action.FINANCING_DISBURSE)
    public RequestView repay(@PathParam("id") long id, DealService.RepaymentInput body) {
        return deals.repay(id, body);
    }

    @GET
    @Path("/financing-requests/{id}/consents")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_READ)
    public List<ConsentService.ConsentView> consents(@PathParam("id") long id) {
        return consents.list(id);
    }

    @POST
    @Path("/financing-requests/{id}/consents")
    @RolesAllowed(Role.ENTERPRISE_)
    @Operation(summary = "Let one routed institution open your credit portrait for this request")
    @Performs(Action.FINANCING_CONSENT)
    public Response grant(@PathParam("id") long id, ConsentInput body) {
        return Response.status(201).entity(consents.grant(id, body == null ? null : body.institutionCode())).build();
    }

    @DELETE
    @Path("/financing-requests/{id}/consents/{code}")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_CONSENT)
    public ConsentService.ConsentView revoke(@PathParam("id") long id, @PathParam("code") String code) {
        return consents.revoke(id, code);
    }

    @GET
    @Path("/financing-requests/{id}/portrait")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "The seller's credit portrait, with its consent; every attempt is logged")
    @Performs(Action.FINANCING_PORTRAIT)
    public Portrait portrait(@PathParam("id") long id) {
        return consents.portrait(id);
    }

    @GET
    @Path("/financing-requests/{id}/portrait-access")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_READ)
    public List<ConsentService.AccessView> accesses(@PathParam("id") long id) {
        return consents.accesses(id);
    }

    @POST
    @Path("/products")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Operation(summary = "Publish a financing product of your institution; routing matches requests to it")
    @Performs(Action.PRODUCTS_MANAGE)
    public Response publish(ProductService.ProductInput body) {
        return Response.status(201).entity(products.publish(body)).build();
    }

    @GET
    @Path("/products")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.PRODUCTS_READ)
    public List<ProductService.ProductView> products() {
        return products.list();
    }

    @POST
    @Path("/products/{id}/deactivation")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.PRODUCTS_MANAGE)
    public ProductService.ProductView deactivate(@PathParam("id") long id) {
        return products.deactivate(id);
    }

    @GET
    @Path("/financing/funnel")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Operation(summary = "Posted → routed → claimed → offered → accepted → disbursed → repaid, and time-to-fund per institution")
    @Performs(Action.FINANCING_FUNNEL)
    public FunnelService.Funnel funnel(@QueryParam("from") String from, @QueryParam("to") String to) {
        return funnel.funnel(day("from", from), day("to", to));
    }

    private static java.time.LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ParkDates.parse(text);
        } catch (RuntimeException e) {
            throw io.parkcredit.shared.ProblemException.invalid(field, e.getMessage());
        }
    }
}
