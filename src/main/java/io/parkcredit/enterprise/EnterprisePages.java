package io.parkcredit.enterprise;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.shared.Formats;
import io.parkcredit.enterprise.EnterpriseViews.EventView;
import io.parkcredit.enterprise.EnterpriseViews.LoanView;
import io.parkcredit.enterprise.EnterpriseViews.MonthlyFlow;
import io.parkcredit.enterprise.EnterpriseViews.Portrait;
import io.parkcredit.enterprise.EnterpriseViews.Profile;
import io.parkcredit.enterprise.EnterpriseViews.YearFigures;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.shared.EnumParam;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The enterprise list and the profile with its credit portrait (DOMAIN.md §3). */
@Path("/enterprises")
@Produces(MediaType.TEXT_HTML)
public class EnterprisePages {

    private static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "enterprise")
    static class Templates {
        static native TemplateInstance list(PageResult<Profile> result, ListQuery query, Pager pager,
                List<EnterpriseStatus> statuses);

        static native TemplateInstance profile(Profile profile, Portrait portrait, List<LoanView> loans,
                List<EventView> events, String chartData);
    }

    /** The list's search form as typed; {@code inPark} is {@code yes}, {@code no} or blank for all. */
    public record ListQuery(String q, String industry, String status, String inPark) {

        Boolean inParkFilter() {
            return "yes".equals(inPark) ? Boolean.TRUE : "no".equals(inPark) ? Boolean.FALSE : null;
        }

        String link(int page) {
            return "/enterprises?q=" + Formats.url(q) + "&industry=" + Formats.url(industry) + "&status=" + Formats.url(status) + "&inPark="
                    + Formats.url(inPark) + "&page=" + page;
        }
    }

    @Inject
    EnterpriseService enterprises;

    @Inject
    CurrentUser currentUser;

    @Inject
    PageContext page;

    @Inject
    ObjectMapper json;

    @GET
    @Performs(Action.ENTERPRISE_SEARCH)
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("industry") String industry,
            @QueryParam("status") String status, @QueryParam("inPark") String inPark,
            @QueryParam("page") Integer pageNo) {
        ListQuery query = new ListQuery(q, industry, status, inPark);
        PageResult<Profile> result = enterprises.search(new EnterpriseService.Filter(q, query.inParkFilter(), industry,
                EnumParam.parse(EnterpriseStatus.class, "status", status)), PageRequest.of(pageNo, PAGE_SIZE));
        return page.render(Templates.list(result, query, Pager.of(result, query::link),
                Arrays.asList(EnterpriseStatus.values())));
    }

    /** Registration for everyone who may see the firm; the portrait only for those who may read its private data. */
    @GET
    @Path("/{uscc}")
    @Performs(Action.ENTERPRISE_SEARCH)
    public TemplateInstance profile(@PathParam("uscc") String uscc) {
        Profile profile = enterprises.profile(uscc);
        if (!currentUser.mayReadPrivateDataOf(profile.uscc())) {
            return page.render(Templates.profile(profile, null, List.of(), List.of(), "{}"));
        }
        Portrait portrait = enterprises.portrait(profile.uscc());
        return page.render(Templates.profile(profile, portrait, portrait.loans(), portrait.events(),
                chartData(portrait)));
    }

    /** The chart series, embedded in the page as JSON so the browser needs no second request. */
    String chartData(Portrait p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("years", p.operations().stream().map(YearFigures::year).toList());
        data.put("revenue", p.operations().stream().map(YearFigures::revenue).toList());
        data.put("netProfit", p.operations().stream().map(YearFigures::netProfit).toList());
        data.put("operatingCashFlow", p.operations().stream().map(YearFigures::operatingCashFlow).toList());
        data.put("months", p.flows().stream().map(MonthlyFlow::month).toList());
        data.put("inflow", p.flows().stream().map(MonthlyFlow::inflow).toList());
        data.put("outflow", p.flows().stream().map(MonthlyFlow::outflow).toList());
        return Formats.scriptJson(json, data);
    }
}
