package io.parkcredit.classification;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.shared.Formats;
import io.parkcredit.classification.ClassificationViews.NoticeView;
import io.parkcredit.classification.ClassificationViews.ResultView;
import io.parkcredit.classification.ClassificationViews.RunView;
import io.parkcredit.classification.ClassificationViews.TransitionView;
import io.parkcredit.classification.ClassificationViews.YearOverview;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Role;
import io.parkcredit.shared.EnumParam;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of the yearly red / white / yellow lists (DOMAIN.md §4): the year overview and its
 * runs, a run's results, a firm's clause card, the rule parameters, and the published lists as
 * each role may read them. Thin: every decision is the services'.
 */
@Path("/classification")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ClassificationPages {

    private static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "classification")
    static class Templates {
        static native TemplateInstance overview(YearOverview overview, String chartData,
                PageResult<TransitionView> moved, Pager movedPager);

        static native TemplateInstance confirm(ClassificationViews.PublishPreview preview);

        static native TemplateInstance run(RunView run, PageResult<ResultView> result, RunQuery query, Pager pager,
                List<CreditList> lists, List<TransitionView> transitions, String error);

        static native TemplateInstance firm(RunView run, ResultView result);

        static native TemplateInstance rules(RuleSetService.RuleSet current, List<RuleField> fields,
                Map<String, String> form, String note, Map<String, String> errors, List<String> otherErrors,
                List<RuleSetService.RuleSet> history, List<String> grades, Integer saved);

        static native TemplateInstance published(String mode, RunView run, PageResult<ResultView> red, Pager redPager,
                PageResult<ResultView> white, Pager whitePager, PageResult<NoticeView> notices, ResultView own,
                PageResult<ResultView> all, Pager allPager, String list, String q, List<CreditList> lists);
    }

    /** The run page's filters as typed, echoed into the form and the paging links. */
    public record RunQuery(int year, long runId, String list, String q) {
        String link(int page) {
            return "/classification/" + year + "/runs/" + runId + "?list=" + Formats.url(list) + "&q=" + Formats.url(q) + "&page=" + page;
        }
    }

    @Inject
    ClassificationService classifications;

    @Inject
    RuleSetService ruleSets;

    @Inject
    ClassificationExport exporter;

    @Inject
    CurrentUser currentUser;

    @Inject
    PageContext page;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The chosen year, else the latest year with a run, else last calendar year. */
    @GET
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.CLASSIFICATION_OVERVIEW)
    public TemplateInstance overview(@QueryParam("year") Integer year, @QueryParam("page") Integer pageNo) {
        int y = year != null ? year
                : classifications.latestYear().orElse(LocalDate.now(clock).getYear() - 1);
        YearOverview overview = classifications.overviewHead(y);
        PageResult<TransitionView> moved = classifications.moved(y, PageRequest.of(pageNo == null ? 0 : pageNo, PAGE_SIZE));
        return page.render(Templates.overview(overview, chartData(overview), moved,
                Pager.of(moved, p -> "/classification?year=" + y + "&page=" + p + "#moved")));
    }

    /** The confirmation before a publication: counts per list and the moves it makes; its form posts the real publication. */
    @GET
    @Path("/{year}/runs/{runId}/publish")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.CLASSIFICATION_PUBLISH)
    public TemplateInstance confirmPublish(@PathParam("year") int year, @PathParam("runId") long runId) {
        return page.render(Templates.confirm(classifications.publishPreview(year, runId)));
    }

    @POST
    @Path("/{year}/runs")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.CLASSIFICATION_RUN)
    public Response run(@PathParam("year") int year) {
        RunView run = classifications.run(year);
        return Response.seeOther(URI.create("/classification/" + year + "/runs/" + run.runId())).build();
    }

    @GET
    @Path("/{year}/runs/{runId}")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.CLASSIFICATION_OVERVIEW)
    public TemplateInstance runPage(@PathParam("year") int year, @PathParam("runId") long runId,
            @QueryParam("list") String list, @QueryParam("q") String q, @QueryParam("page") Integer pageNo) {
        return runPage(year, runId, list, q, pageNo, null);
    }

    /** A run that cannot be published (no longer a draft) shows why on its own page, answered 409. */
    @POST
    @Path("/{year}/runs/{runId}/publish")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.CLASSIFICATION_PUBLISH)
    public Response publish(@PathParam("year") int year, @PathParam("runId") long runId) {
        try {
            classifications.publish(year, runId);
            return Response.seeOther(URI.create("/classification/" + year + "/runs/" + runId)).build();
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            return Response.status(409).entity(runPage(year, runId, null, null, 0, e.getMessage())).build();
        }
    }

    /** The export for the browser, which signs in with the session cookie rather than HTTP Basic. */
    @GET
    @Path("/{year}/runs/{runId}/export")
    @Performs(Action.CLASSIFICATION_READ)
    public Response export(@PathParam("year") int year, @PathParam("runId") long runId,
            @QueryParam("format") String format) {
        return exporter.export(year, runId, format);
    }

    @GET
    @Path("/{year}/runs/{runId}/firms/{uscc}")
    @Performs(Action.CLASSIFICATION_READ)
    public TemplateInstance firm(@PathParam("year") int year, @PathParam("runId") long runId,
            @PathParam("uscc") String uscc) {
        RunView run = classifications.run(year, runId);
        return page.render(Templates.firm(run, classifications.result(year, runId, uscc)));
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Role.ADMIN_, Role.REGULATOR_})
    @Performs(Action.CLASSIFICATION_RULES_READ)
    public TemplateInstance rules() {
        RuleSetService.RuleSet current = ruleSets.read();
        return rulesPage(current, formOf(current.params()), "", Map.of(), List.of(), null);
    }

    /** Saves the typed parameters as the next rule-set version; invalid values come back inline with 422. */
    @POST
    @Path("/rules")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.CLASSIFICATION_RULES_CHANGE)
    public Response saveRules(MultivaluedMap<String, String> body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (RuleField f : RuleField.values()) {
            form.put(f.field(), body.getFirst(f.field()) == null ? "" : body.getFirst(f.field()));
        }
        String note = body.getFirst("note") == null ? "" : body.getFirst("note");
        Map<String, String> errors = new LinkedHashMap<>();
        RuleParams params = RuleField.parse(form, errors);
        List<String> other = List.of();
        if (errors.isEmpty()) {
            try {
                RuleSetService.RuleSet saved = ruleSets.update(params, note);
                return Response.ok(rulesPage(saved, formOf(saved.params()), "", Map.of(), List.of(), saved.version()))
                        .build();
            } catch (ProblemException e) {
                if (e.status() != 422) {
                    throw e;
                }
                e.errors().forEach(p -> errors.put(p.field() == null ? "" : p.field(), p.message()));
                other = e.errors().isEmpty() ? List.of(e.getMessage()) : List.of();
            }
        }
        return Response.status(422).entity(rulesPage(ruleSets.read(), form, note, errors, other, null)).build();
    }

    /**
     * The published lists as the signed-in role may read them: banks and guarantors the RED
     * recommendations, the WHITE pool and their notices; a firm its own entry; the park all four lists.
     */
    @GET
    @Path("/published")
    @Performs(Action.CLASSIFICATION_READ)
    public TemplateInstance published(@QueryParam("year") Integer year, @QueryParam("list") String list,
            @QueryParam("q") String q,
            @QueryParam("page") Integer pageNo, @QueryParam("redPage") Integer redPage,
            @QueryParam("whitePage") Integer whitePage) {
        boolean park = currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR);
        boolean institution = currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR);
        if (currentUser.has(Role.ENTERPRISE)) {
            var entry = classifications.latestPublishedList(String.valueOf(currentUser.uscc()));
            RunView run = entry.flatMap(e -> classifications.published(e.getKey())).orElse(null);
            ResultView own = run == null ? null : classifications.result(run.year(), run.runId(), currentUser.uscc());
            return publishedPage("ENTERPRISE", run, null, null, null, null, null, own, null, null, "", q);
        }
        // the latest published year unless an earlier one is asked for
        RunView run = !park && !institution ? null
                : year == null ? classifications.latestPublished().orElse(null) : classifications.published(year).orElse(null);
        if (run == null) {
            return publishedPage(park || institution ? "NONE" : "FORBIDDEN", null, null, null, null, null, null, null,
                    null, null, "", q);
        }
        if (institution) {
            String base = "/classification/published?year=" + run.year() + "&q=" + Formats.url(q);
            var red = classifications.results(run.year(), run.runId(), CreditList.RED, q, PageRequest.of(redPage, PAGE_SIZE));
            var white = classifications.results(run.year(), run.runId(), CreditList.WHITE, q,
                    PageRequest.of(whitePage, PAGE_SIZE));
            int r = red.page();
            int w = white.page();
            return publishedPage("INSTITUTION", run, red, Pager.of(red, p -> base + "&redPage=" + p + "&whitePage=" + w),
                    white, Pager.of(white, p -> base + "&redPage=" + r + "&whitePage=" + p),
                    classifications.notices(PageRequest.of(0, 50)), null, null, null, "", q);
        }
        CreditList chosen = EnumParam.parse(CreditList.class, "list", list);
        var all = classifications.results(run.year(), run.runId(), chosen, q, PageRequest.of(pageNo, PAGE_SIZE));
        String shown = chosen == null ? "" : chosen.name();
        return publishedPage("PARK", run, null, null, null, null, null, null, all,
                Pager.of(all, p -> "/classification/published?year=" + run.year() + "&list=" + shown + "&q=" + Formats.url(q) + "&page=" + p), shown, q);
    }

    private TemplateInstance publishedPage(String mode, RunView run, PageResult<ResultView> red, Pager redPager,
            PageResult<ResultView> white, Pager whitePager, PageResult<NoticeView> notices, ResultView own,
            PageResult<ResultView> all, Pager allPager, String list, String q) {
        return page.render(Templates.published(mode, run, red, redPager, white, whitePager, notices, own, all, allPager,
                list, q, Arrays.asList(CreditList.values())));
    }

    private TemplateInstance runPage(int year, long runId, String list, String q, Integer pageNo, String error) {
        RunView run = classifications.run(year, runId);
        RunQuery query = new RunQuery(year, runId, list == null ? "" : list.strip().toUpperCase(), q);
        PageResult<ResultView> result = classifications.results(year, runId, EnumParam.parse(CreditList.class, "list", list), q,
                PageRequest.of(pageNo, PAGE_SIZE));
        List<TransitionView> transitions = run.supersedesRunId() == null ? List.of()
                : classifications.transitions(year, runId);
        return page.render(Templates.run(run, result, query, Pager.of(result, query::link),
                Arrays.asList(CreditList.values()), transitions, error));
    }

    private TemplateInstance rulesPage(RuleSetService.RuleSet current, Map<String, String> form, String note,
            Map<String, String> errors, List<String> other, Integer saved) {
        return page.render(Templates.rules(current, Arrays.asList(RuleField.values()), form, note, errors, other,
                ruleSets.history(), RuleParams.GRADES, saved));
    }

    private static Map<String, String> formOf(RuleParams p) {
        Map<String, String> form = new LinkedHashMap<>();
        for (RuleField f : RuleField.values()) {
            form.put(f.field(), String.valueOf(f.valueIn(p)));
        }
        return form;
    }

    /** The lists chart and the Sankey of moves since last year, embedded as JSON; the page supplies the labels. */
    String chartData(YearOverview o) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("year", o.year());
        data.put("previousYear", o.year() - 1);
        data.put("counts", o.published() == null ? Map.of() : o.published().counts());
        data.put("flows", o.flowsFromPreviousYear());
        return Formats.scriptJson(json, data);
    }
}
