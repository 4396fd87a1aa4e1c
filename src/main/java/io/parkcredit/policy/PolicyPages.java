package io.parkcredit.policy;

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
import io.quarkus.security.Authenticated;
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
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** The policy pages (DOMAIN.md §10.2): the park's policies and matches, a firm's "policies for me". */
@Path("/policies")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PolicyPages {

    @CheckedTemplate(basePath = "policy")
    static class Templates {
        static native TemplateInstance list(List<PolicyService.PolicyView> policies, boolean admin, boolean region);

        static native TemplateInstance matches(PolicyService.PolicyView policy, PageResult<PolicyService.Match> matches);

        static native TemplateInstance mine(List<PolicyService.Mine> mine);

        static native TemplateInstance applications(PageResult<PolicyService.Application> result, Pager pager,
                Filter filter, List<PolicyService.PolicyView> policies, List<String> statuses, boolean admin);
    }

    private static final int PAGE_SIZE = 50;

    /** The filter as validated, echoed into the form, the paging links and the decision forms. */
    public record Filter(Long policy, String status) {
        public boolean selects(long id) {
            return policy != null && policy == id;
        }

        String link(int page) {
            return "/policies/applications?policy=" + (policy == null ? "" : policy) + "&status="
                    + Formats.url(status == null ? "" : status) + "&page=" + page;
        }
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    PolicyService policies;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.POLICY_READ)
    public TemplateInstance list() {
        return page.render(Templates.list(policies.policies(), currentUser.has(Role.ADMIN),
                currentUser.parks().regionWide()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.POLICY_MANAGE)
    public Response create(@FormParam("title") String title, @FormParam("kind") String kind,
            @FormParam("validFrom") String validFrom, @FormParam("validTo") String validTo,
            @FormParam("benefit") String benefit, @FormParam("lists") String lists,
            @FormParam("minGrade") String minGrade, @FormParam("industries") String industries,
            @FormParam("revenueMin") String revenueMin, @FormParam("revenueMax") String revenueMax,
            @FormParam("employeesMin") String employeesMin, @FormParam("employeesMax") String employeesMax,
            @FormParam("minYears") String minYears, @FormParam("noSeriousMonths") String noSeriousMonths,
            @FormParam("parkCode") String parkCode) {
        Eligibility e = new Eligibility(words(lists), blank(minGrade), words(industries), money("revenueMin", revenueMin),
                money("revenueMax", revenueMax), integer("employeesMin", employeesMin),
                integer("employeesMax", employeesMax), integer("minYears", minYears),
                integer("noSeriousMonths", noSeriousMonths));
        PolicyService.PolicyView v = policies.create(new PolicyService.PolicyRequest(title, blank(kind),
                date("validFrom", validFrom), date("validTo", validTo), benefit, e, blank(parkCode)));
        return Response.seeOther(URI.create("/policies/" + v.id())).build();
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.POLICY_MANAGE)
    public Response publish(@PathParam("id") long id) {
        policies.publish(id);
        return Response.seeOther(URI.create("/policies/" + id)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.POLICY_READ)
    public TemplateInstance matches(@PathParam("id") long id) {
        return page.render(Templates.matches(policies.policy(id), policies.matches(id, PageRequest.of(0, 500))));
    }

    @GET
    @Path("/applications")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.POLICY_READ)
    public TemplateInstance applications(@QueryParam("policy") String policy, @QueryParam("status") String status,
            @QueryParam("page") Integer pageNo) {
        Filter filter = filter(policy, status);
        PageResult<PolicyService.Application> result = policies.applications(filter.policy(), filter.status(),
                PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.applications(result, Pager.of(result, filter::link), filter, policies.policies(),
                List.of("APPLIED", "APPROVED", "REJECTED"), currentUser.has(Role.ADMIN)));
    }

    /** The park approves or rejects an application with a reason, as {@code POST /api/policies/applications/{id}/decision}. */
    @POST
    @Path("/applications/{applicationId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.POLICY_MANAGE)
    public Response decide(@PathParam("applicationId") long applicationId, @FormParam("outcome") String outcome,
            @FormParam("reason") String reason, @FormParam("policy") String policy, @FormParam("status") String status) {
        policies.decide(applicationId, blank(outcome), reason);
        Filter back = filter(policy, status);
        return Response.seeOther(URI.create(back.link(0))).build();
    }

    private static Filter filter(String policy, String status) {
        String st = blank(status);
        if (st != null && !List.of("APPLIED", "APPROVED", "REJECTED").contains(st)) {
            throw ProblemException.invalid("status", "APPLIED, APPROVED or REJECTED");
        }
        return new Filter(PolicyService.policyFilter(policy), st);
    }

    @GET
    @Path("/mine")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.POLICY_MINE)
    public TemplateInstance mine() {
        return page.render(Templates.mine(policies.mine()));
    }

    @POST
    @Path("/{id}/apply")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.POLICY_MINE)
    public Response apply(@PathParam("id") long id) {
        policies.apply(id);
        return Response.seeOther(URI.create("/policies/mine")).build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> words(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() > 2000) {
            throw ProblemException.invalid("eligibility", "at most 2000 characters");
        }
        return Arrays.stream(s.split("[,，\\s]+")).filter(w -> !w.isBlank()).map(w -> w.strip().toUpperCase()).toList();
    }

    private static LocalDate date(String field, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "a date yyyy-MM-dd");
        }
    }

    private static BigDecimal money(String field, String s) {
        try {
            return Numbers.decimal(s);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    private static Integer integer(String field, String s) {
        try {
            return Numbers.integer(s, 0, 10_000_000);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }
}
