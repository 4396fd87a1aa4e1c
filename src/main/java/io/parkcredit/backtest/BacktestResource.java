package io.parkcredit.backtest;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/backtests")
@Authenticated
@Tag(name = "Back-testing", description = "Grades and lists of a year against the next year's outcome (DOMAIN.md §10.4)")
public class BacktestResource {

    @Inject
    BacktestService backtests;

    @Inject
    BacktestExport export;

    @GET
    @Path("/{year}")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Operation(summary = "Count and bad rate per grade and list, AUC and KS of the score, PSI of the grades, monotonicity")
    @Performs(Action.BACKTEST_READ)
    public BacktestService.Backtest backtest(@PathParam("year") int year) {
        return backtests.backtest(year);
    }

    @GET
    @Path("/{year}/export")
    @Produces("text/csv")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Operation(summary = "Every firm of the back-test as CSV: grade, score, list, outcome and why")
    @Performs(Action.BACKTEST_READ)
    public Response csv(@PathParam("year") int year) {
        return export.csv(year);
    }
}
