package io.parkcredit.enterprise;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.enterprise.EnterpriseViews.EventView;
import io.parkcredit.enterprise.EnterpriseViews.LoanView;
import io.parkcredit.enterprise.EnterpriseViews.MonthlyFlow;
import io.parkcredit.enterprise.EnterpriseViews.Portrait;
import io.parkcredit.enterprise.EnterpriseViews.Profile;
import io.parkcredit.enterprise.EnterpriseViews.StatementView;
import io.parkcredit.shared.EnumParam;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/enterprises")
@Authenticated
@Tag(name = "Enterprises", description = "The enterprise credit registry (DOMAIN.md §2-§3)")
public class EnterpriseResource {

    @Inject
    EnterpriseService enterprises;

    @GET
    @Operation(summary = "Page of profiles; q matches a USCC prefix or part of the name")
    @Performs(Action.ENTERPRISE_SEARCH)
    public PageResult<Profile> search(@QueryParam("q") String q, @QueryParam("inPark") Boolean inPark,
            @QueryParam("industry") String industry, @QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return enterprises.search(new EnterpriseService.Filter(q, inPark, industry, EnumParam.parse(EnterpriseStatus.class, "status", status)),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{uscc}")
    @Operation(summary = "One profile with its latest classification and rating")
    @Performs(Action.ENTERPRISE_SEARCH)
    public Profile profile(@PathParam("uscc") String uscc) {
        return enterprises.profile(uscc);
    }

    @GET
    @Path("/{uscc}/portrait")
    @Operation(summary = "Credit portrait: 履约 (loans), 合规 (events), 经营 (statements, flows) and the timeline")
    @Performs(Action.ENTERPRISE_PRIVATE_READ)
    public Portrait portrait(@PathParam("uscc") String uscc) {
        return enterprises.portrait(uscc);
    }

    @GET
    @Path("/{uscc}/loans")
    @Performs(Action.ENTERPRISE_PRIVATE_READ)
    public List<LoanView> loans(@PathParam("uscc") String uscc) {
        return enterprises.loans(uscc);
    }

    @GET
    @Path("/{uscc}/credit-events")
    @Performs(Action.ENTERPRISE_PRIVATE_READ)
    public List<EventView> events(@PathParam("uscc") String uscc) {
        return enterprises.events(uscc);
    }

    @GET
    @Path("/{uscc}/statements")
    @Performs(Action.ENTERPRISE_PRIVATE_READ)
    public List<StatementView> statements(@PathParam("uscc") String uscc) {
        return enterprises.statements(uscc);
    }

    @GET
    @Path("/{uscc}/monthly-flows")
    @Operation(summary = "Monthly IN/OUT totals of the income/expense flows, oldest first")
    @Performs(Action.ENTERPRISE_PRIVATE_READ)
    public List<MonthlyFlow> flows(@PathParam("uscc") String uscc, @QueryParam("months") @DefaultValue("12") int months) {
        if (months < 1 || months > 120) {
            throw ProblemException.invalid("months", "must be between 1 and 120");
        }
        return enterprises.monthlyFlows(uscc, months);
    }
}
