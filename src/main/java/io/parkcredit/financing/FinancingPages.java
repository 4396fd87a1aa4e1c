package io.parkcredit.financing;

import io.parkcredit.shared.Formats;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.EnumParam;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The financing pages (DOMAIN.md §7): a firm posts receivables and compares offers, banks and
 * guarantors work their queue, the park and the regulator watch the funnel. Thin: every rule and
 * right is the services'; their refusals become the error page.
 */
@Path("/financing")
@RolesAllowed({Role.ADMIN_, Role.REGULATOR_, Role.ENTERPRISE_, Role.BANK_, Role.GUARANTOR_})
@Produces(MediaType.TEXT_HTML)
public class FinancingPages {

    private static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "financing")
    static class Templates {
        static native TemplateInstance list(PageResult<RequestView> requests, Pager pager, String status,
                List<RequestStatus> statuses, boolean firm, boolean institution, boolean park,
                Map<String, String> form, List<FieldProblem> errors);

        static native TemplateInstance detail(RequestView r, List<DealService.OfferView> offers,
                List<ConsentService.ConsentView> consents, boolean seller, boolean debtor, boolean institution,
                boolean bank, boolean guarantor, boolean admin, boolean claimant, LocalDate offerExpiry,
                List<OfferCosts.OfferCost> costs, DealService.GuaranteeInfo guarantee);

        static native TemplateInstance funnel(FunnelService.Funnel funnel, String chartData);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    FinancingService financing;

    @Inject
    DealService deals;

    @Inject
    ConsentService consents;

    @Inject
    FunnelService funnel;

    @Inject
    ObjectMapper json;

    @Inject
    java.time.Clock clock;

    @GET
    @Performs(Action.FINANCING_READ)
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("page") Integer pageNo) {
        return listPage(status, pageNo, Map.of(), List.of());
    }

    private TemplateInstance listPage(String status, Integer pageNo, Map<String, String> form, List<FieldProblem> errors) {
        RequestStatus filter = EnumParam.parse(RequestStatus.class, "status", status);
        PageResult<RequestView> result = financing.list(filter, PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.list(result, Pager.of(result,
                p -> "/financing?status=" + (filter == null ? "" : filter.name()) + "&page=" + p),
                filter == null ? "" : filter.name(), List.of(RequestStatus.values()), currentUser.has(Role.ENTERPRISE),
                currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR),
                currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR), form, errors));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_POST)
    public Object post(@FormParam("debtorUscc") String debtorUscc, @FormParam("debtorName") String debtorName,
            @FormParam("invoiceNo") String invoiceNo, @FormParam("invoiceDate") String invoiceDate,
            @FormParam("amount") String amount, @FormParam("dueDate") String dueDate,
            @FormParam("contractNo") String contractNo, @FormParam("requestedAmount") String requestedAmount,
            @FormParam("termDays") String termDays) {
        Map<String, String> form = new java.util.HashMap<>();
        form.put("debtorUscc", debtorUscc);
        form.put("debtorName", debtorName);
        form.put("invoiceNo", invoiceNo);
        form.put("invoiceDate", invoiceDate);
        form.put("amount", amount);
        form.put("dueDate", dueDate);
        form.put("contractNo", contractNo);
        form.put("requestedAmount", requestedAmount);
        form.put("termDays", termDays);
        try {
            RequestView r = financing.post(new FinancingInput.Receivable(debtorUscc, debtorName, invoiceNo, invoiceDate,
                    decimal(amount, "amount"), dueDate, contractNo, decimal(requestedAmount, "requestedAmount"),
                    integer(termDays)));
            return Response.seeOther(URI.create("/financing/" + r.id())).build();
        } catch (ProblemException e) {
            List<FieldProblem> errors = e.errors().isEmpty() ? List.of(FieldProblem.of(null, e.getMessage())) : e.errors();
            return listPage(null, 0, form, errors);
        }
    }

    @GET
    @Path("/{id}")
    @Performs(Action.FINANCING_READ)
    public TemplateInstance detail(@PathParam("id") long id) {
        RequestView r = financing.get(id);
        boolean institution = currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR);
        String own = currentUser.uscc();
        boolean seller = own != null && own.equals(r.sellerUscc());
        return page.render(Templates.detail(r, deals.offers(id), consents.list(id), seller,
                own != null && own.equals(r.debtorUscc()), institution, currentUser.has(Role.BANK),
                currentUser.has(Role.GUARANTOR), currentUser.has(Role.ADMIN),
                institution && currentUser.institutionCode().equals(r.claimedBy()), LocalDate.now(clock).plusDays(7),
                deals.offerCosts(id), deals.guarantee(id)));
    }

    // One route per action, each with the roles of its action: a page can never admit more than the
    // service it calls, and the service checks the right again (Action).

    @POST
    @Path("/{id}/claim")
    @RolesAllowed({Role.BANK_, Role.GUARANTOR_})
    @Performs(Action.FINANCING_CLAIM)
    public Response claim(@PathParam("id") long id) {
        deals.claim(id);
        return back(id);
    }

    @POST
    @Path("/{id}/confirm")
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Performs(Action.FINANCING_CONFIRM)
    public Response confirm(@PathParam("id") long id) {
        financing.confirmByDebtor(id);
        return back(id);
    }

    @POST
    @Path("/{id}/offer")
    @RolesAllowed(Role.BANK_)
    @Performs(Action.FINANCING_OFFER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response offer(@PathParam("id") long id, @FormParam("amount") String amount, @FormParam("rate") String rate,
            @FormParam("termDays") String termDays, @FormParam("expiresOn") String expiresOn) {
        deals.offer(id, new DealService.OfferInput(decimal(amount, "amount"), decimal(rate, "rate"), integer(termDays),
                date(expiresOn), null));
        return back(id);
    }

    @POST
    @Path("/{id}/guarantee")
    @RolesAllowed(Role.GUARANTOR_)
    @Performs(Action.FINANCING_GUARANTEE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response guarantee(@PathParam("id") long id, @FormParam("letterNo") String letterNo,
            @FormParam("amount") String amount, @FormParam("rate") String rate) {
        deals.commitGuarantee(id, new DealService.GuaranteeInput(letterNo, decimal(amount, "amount"),
                decimal(rate, "feeRate")));
        return back(id);
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_ACCEPT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@PathParam("id") long id, @FormParam("offerId") Long offerId) {
        deals.accept(id, offerId == null ? -1 : offerId);
        return back(id);
    }

    @POST
    @Path("/{id}/disburse")
    @RolesAllowed(Role.BANK_)
    @Performs(Action.FINANCING_DISBURSE)
    public Response disburse(@PathParam("id") long id) {
        deals.disburse(id, null);
        return back(id);
    }

    @POST
    @Path("/{id}/repay")
    @RolesAllowed(Role.BANK_)
    @Performs(Action.FINANCING_DISBURSE)
    public Response repay(@PathParam("id") long id) {
        deals.repay(id, null);
        return back(id);
    }

    @POST
    @Path("/{id}/grant")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_CONSENT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grant(@PathParam("id") long id, @FormParam("institutionCode") String institutionCode) {
        consents.grant(id, institutionCode);
        return back(id);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_CONSENT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") long id, @FormParam("institutionCode") String institutionCode) {
        consents.revoke(id, institutionCode);
        return back(id);
    }

    @POST
    @Path("/{id}/override")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.FINANCING_OVERRIDE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response override(@PathParam("id") long id, @FormParam("route") String route,
            @FormParam("reason") String reason) {
        financing.override(id, EnumParam.parse(Route.class, "route", route), reason);
        return back(id);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.FINANCING_WITHDRAW)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@PathParam("id") long id, @FormParam("reason") String reason) {
        financing.withdraw(id, reason);
        return back(id);
    }

    private static Response back(long id) {
        return Response.seeOther(URI.create("/financing/" + id)).build();
    }

    @GET
    @Path("/funnel")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.FINANCING_FUNNEL)
    public TemplateInstance funnelPage(@QueryParam("from") String from, @QueryParam("to") String to) {
        FunnelService.Funnel f = funnel.funnel(from == null || from.isBlank() ? null : date(from),
                to == null || to.isBlank() ? null : date(to));
        return page.render(Templates.funnel(f, Formats.scriptJson(json, f)));
    }

    private static BigDecimal decimal(String text, String field) {
        try {
            return Numbers.decimal(text);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    private static Integer integer(String text) {
        try {
            return Numbers.integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid("termDays", e.getMessage());
        }
    }

    private static LocalDate date(String text) {
        try {
            return io.parkcredit.shared.ParkDates.parse(text);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("date", e.getMessage());
        }
    }
}
