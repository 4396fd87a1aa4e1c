package io.parkcredit.classification;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.classification.ClassificationViews.NoticeView;
import io.parkcredit.classification.ClassificationViews.ResultView;
import io.parkcredit.classification.ClassificationViews.RunView;
import io.parkcredit.classification.ClassificationViews.TransitionView;
import io.parkcredit.classification.ClassificationViews.YearOverview;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.EnumParam;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/classifications")
@Authenticated
@Tag(name = "Classification", description = "Yearly red / white / yellow financial-credit lists (DOMAIN.md §4)")
public class ClassificationResource {

    @Inject
    ClassificationService classifications;

    @Inject
    RuleSetService ruleSets;

    @Inject
    ClassificationExport exporter;

    public record RuleSetChange(@NotNull @Valid RuleParams params, @NotBlank String note) {
    }

    @POST
    @Path("/{year}/runs")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Classify every park firm for the year into a new DRAFT run")
    @Performs(Action.CLASSIFICATION_RUN)
    public Response run(@PathParam("year") int year, @QueryParam("park") String park) {
        return Response.status(201).entity(classifications.run(year, park)).build();
    }

    @GET
    @Path("/{year}/runs")
    @Performs(Action.CLASSIFICATION_READ)
    public List<RunView> runs(@PathParam("year") int year, @QueryParam("park") String park) {
        return classifications.runs(year, park);
    }

    @GET
    @Path("/{year}/runs/{runId}")
    @Performs(Action.CLASSIFICATION_READ)
    public RunView runOf(@PathParam("year") int year, @PathParam("runId") long runId) {
        return classifications.run(year, runId);
    }

    @GET
    @Path("/{year}/runs/{runId}/results")
    @Operation(summary = "Page of results with every clause; banks see RED and WHITE, a firm its own entry")
    @Performs(Action.CLASSIFICATION_READ)
    public PageResult<ResultView> results(@PathParam("year") int year, @PathParam("runId") long runId,
            @QueryParam("list") String list, @QueryParam("q") String q, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return classifications.results(year, runId, EnumParam.parse(CreditList.class, "list", list), q,
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{year}/runs/{runId}/export")
    @Operation(summary = "The run's results as CSV or XLSX: list, ✓/✗ per clause and the reasons; same visibility as results")
    @Performs(Action.CLASSIFICATION_READ)
    public Response export(@PathParam("year") int year, @PathParam("runId") long runId,
            @QueryParam("format") @DefaultValue("csv") String format) {
        return exporter.export(year, runId, format);
    }

    @POST
    @Path("/{year}/runs/{runId}/publish")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Publish a DRAFT: supersedes the year's current version, records the moves, sends notices")
    @Performs(Action.CLASSIFICATION_PUBLISH)
    public RunView publish(@PathParam("year") int year, @PathParam("runId") long runId) {
        return classifications.publish(year, runId);
    }

    @GET
    @Path("/{year}/runs/{runId}/transitions")
    @Performs(Action.CLASSIFICATION_OVERVIEW)
    public List<TransitionView> transitions(@PathParam("year") int year, @PathParam("runId") long runId) {
        return classifications.transitions(year, runId);
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "A year's runs, its published version and the moves since the previous year")
    @Performs(Action.CLASSIFICATION_OVERVIEW)
    public YearOverview overview(@PathParam("year") int year, @QueryParam("park") String park) {
        return classifications.overview(year, park);
    }

    @GET
    @Path("/notices")
    @Operation(summary = "YELLOW notices and corrections sent on publication; a bank sees its own")
    @Performs(Action.CLASSIFICATION_NOTICES_READ)
    public PageResult<NoticeView> notices(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return classifications.notices(PageRequest.of(page, size));
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.CLASSIFICATION_RULES_READ)
    public RuleSetService.RuleSet rules() {
        return ruleSets.read();
    }

    @GET
    @Path("/rules/history")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.CLASSIFICATION_RULES_READ)
    public List<RuleSetService.RuleSet> ruleHistory() {
        return ruleSets.history();
    }

    @PUT
    @Path("/rules")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Store new clause parameters as the next rule-set version")
    @Performs(Action.CLASSIFICATION_RULES_CHANGE)
    public RuleSetService.RuleSet changeRules(@Valid @NotNull RuleSetChange body) {
        return ruleSets.update(body.params(), body.note());
    }
}
