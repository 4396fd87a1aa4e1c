package io.parkcredit.screening;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.shared.Formats;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.screening.ChainMapService.ChainInput;
import io.parkcredit.screening.ChainMapService.ChainView;
import io.parkcredit.screening.ChainMapService.SegmentInput;
import io.parkcredit.screening.ChainMapService.SegmentView;
import io.parkcredit.screening.ProspectCriteria.Excluded;
import io.parkcredit.screening.ScreeningService.CriterionChoice;
import io.parkcredit.screening.ScreeningService.Ranked;
import io.parkcredit.screening.ScreeningService.Result;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages of the credit-weighted investment screening (DOMAIN.md §9): the chain map with its
 * gaps and editor, the screening form with the saved screenings, a screening's result with its
 * weights, ranking, contributions, exclusions and shortlist. Thin: every decision is the services'.
 */
@Path("/screening")
@RolesAllowed({Role.INVESTMENT_, Role.ADMIN_})
@Produces(MediaType.TEXT_HTML)
public class ScreeningPages {

    private static final int PAGE_SIZE = 20;
    private static final int CHART_TOP = 20;
    private static final Pattern CRITERION_FIELD = Pattern.compile("criteria\\[(\\d+)]\\.\\w+");

    @CheckedTemplate(basePath = "screening")
    static class Templates {
        static native TemplateInstance form(List<CriterionRow> criteria, String weighting, String limit,
                Map<String, String> errors, List<String> otherErrors, PageResult<SavedView> saved, Pager pager);

        static native TemplateInstance chains(List<ChainView> chains, String chartData, String map, String reason,
                List<String> errors, boolean saved);

        static native TemplateInstance result(Result result, PageResult<Ranked> ranked, Pager rankedPager,
                PageResult<Excluded> excluded, Pager excludedPager, List<ShortlistService.Entry> shortlist,
                Set<String> shortlisted, String chartData, List<ScreeningCriterion> criteria);
    }

    /** One criterion of the form as typed: used or not, its weight, and what was wrong with it. */
    public record CriterionRow(ScreeningCriterion criterion, boolean used, String weight, String error) {
        public String code() {
            return criterion.name();
        }
    }

    /** A saved screening in the list: when, by whom, how weighted, and how many prospects it saw. */
    public record SavedView(long id, Instant createdAt, String createdAtText, String createdBy, String weighting,
            int criteria, String limit, int candidates, int excluded) {
    }

    @Inject
    ScreeningService screenings;

    @Inject
    ShortlistService shortlists;

    @Inject
    ChainMapService chainMap;

    @Inject
    ShortlistExport export;

    @Inject
    PageContext page;

    @Inject
    ObjectMapper json;

    // ---- the screening form and the saved screenings

    @GET
    @Performs(Action.SCREENING)
    public TemplateInstance form(@QueryParam("page") Integer pageNo) {
        List<CriterionRow> rows = new ArrayList<>();
        for (ScreeningCriterion c : ScreeningCriterion.values()) {
            rows.add(new CriterionRow(c, true, weightText(c.defaultWeight()), null));
        }
        return formPage(rows, "BLEND", "100", Map.of(), List.of(), pageNo);
    }

    /** Runs the screening as typed and shows its result; invalid input comes back inline with 422. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.SCREENING)
    public Response screen(MultivaluedMap<String, String> body) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<CriterionRow> rows = new ArrayList<>();
        List<CriterionChoice> choices = new ArrayList<>();
        for (ScreeningCriterion c : ScreeningCriterion.values()) {
            boolean used = body.getFirst("use_" + c.name()) != null;
            String weight = text(body.getFirst("weight_" + c.name()));
            String error = null;
            if (used) {
                try {
                    choices.add(new CriterionChoice(c.name(), Numbers.doubleValue(weight)));
                } catch (InvalidValueException e) {
                    error = "a weight of 0 or more";
                }
            }
            if (error != null) {
                errors.put("weight_" + c.name(), error);
            }
            rows.add(new CriterionRow(c, used, weight, error));
        }
        if (choices.isEmpty() && errors.isEmpty()) {
            errors.put("criteria", "at least one criterion");
        }
        String weighting = text(body.getFirst("weighting"));
        String limitText = text(body.getFirst("limit"));
        Integer limit = null;
        if (!limitText.isEmpty()) {
            try {
                limit = Numbers.integer(limitText, Integer.MIN_VALUE, Integer.MAX_VALUE);
            } catch (InvalidValueException e) {
                errors.put("limit", "between 1 and 100000");
            }
        }
        List<String> other = new ArrayList<>();
        if (errors.isEmpty()) {
            try {
                Result result = screenings.screen(new ScreeningService.Request(choices, weighting, limit));
                return Response.seeOther(URI.create("/screening/" + result.screeningId())).build();
            } catch (ProblemException e) {
                if (e.status() != 422) {
                    throw e;
                }
                for (FieldProblem p : e.errors()) {
                    Matcher m = p.field() == null ? null : CRITERION_FIELD.matcher(p.field());
                    if (m != null && m.matches() && Integer.parseInt(m.group(1)) < choices.size()) {
                        String code = choices.get(Integer.parseInt(m.group(1))).code();
                        errors.put("weight_" + code, p.message());
                        rows.replaceAll(r -> r.code().equals(code) ? new CriterionRow(r.criterion(), r.used(), r.weight(),
                                p.message()) : r);
                    } else if (p.field() != null) {
                        errors.put(p.field(), p.message());
                    } else {
                        other.add(p.message());
                    }
                }
                if (e.errors().isEmpty()) {
                    other.add(e.getMessage());
                }
            }
        }
        return Response.status(422).entity(formPage(rows, weighting, limitText, errors, other, 0)).build();
    }

    private TemplateInstance formPage(List<CriterionRow> rows, String weighting, String limit, Map<String, String> errors,
            List<String> other, Integer pageNo) {
        PageRequest req = PageRequest.of(pageNo, PAGE_SIZE);
        List<SavedView> all = screenings.saved().stream().map(this::savedView).toList();
        PageResult<SavedView> saved = slice(all, req);
        return page.render(Templates.form(rows, weighting.isEmpty() ? "BLEND" : weighting.toUpperCase(Locale.ROOT), limit,
                errors, other, saved, Pager.of(saved, p -> "/screening?page=" + p)));
    }

    private SavedView savedView(Map<String, Object> m) {
        JsonNode params = (JsonNode) m.get("params");
        JsonNode summary = (JsonNode) m.get("summary");
        String at = String.valueOf(m.get("createdAt"));
        JsonNode weighting = params.path("weighting");
        JsonNode limit = params.path("limit");
        JsonNode criteria = params.path("criteria");
        return new SavedView((Long) m.get("id"), instant(at), at.length() > 19 ? at.substring(0, 19) : at,
                (String) m.get("createdBy"), weighting.isTextual() && !weighting.asText().isBlank()
                        ? weighting.asText().toUpperCase(Locale.ROOT) : "BLEND",
                criteria.isArray() && criteria.size() > 0 ? criteria.size() : ScreeningCriterion.values().length,
                limit.isNumber() ? limit.asText() : "", summary.path("candidates").asInt(),
                summary.path("excluded").asInt());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    // ---- a screening's result and shortlist

    /** A saved screening recomputed with its stored parameters; nothing new is saved. */
    @GET
    @Path("/{id: \\d+}")
    @Performs(Action.SCREENING)
    public TemplateInstance result(@PathParam("id") long id, @QueryParam("page") Integer pageNo,
            @QueryParam("xpage") Integer excludedPage) {
        Result result = screenings.view(id);
        List<ShortlistService.Entry> shortlist = shortlists.list(id);
        PageRequest rankedReq = PageRequest.of(pageNo, PAGE_SIZE);
        PageRequest excludedReq = PageRequest.of(excludedPage, PAGE_SIZE);
        PageResult<Ranked> ranked = slice(result.ranked(), rankedReq);
        PageResult<Excluded> excluded = slice(result.excluded(), excludedReq);
        String base = "/screening/" + id;
        return page.render(Templates.result(result, ranked,
                Pager.of(ranked, p -> base + "?page=" + p + "&xpage=" + excludedReq.page() + "#ranked"), excluded,
                Pager.of(excluded, p -> base + "?page=" + rankedReq.page() + "&xpage=" + p + "#excluded"), shortlist,
                shortlist.stream().map(ShortlistService.Entry::uscc).collect(Collectors.toSet()), resultChart(result),
                List.of(ScreeningCriterion.values())));
    }

    @POST
    @Path("/{id: \\d+}/shortlist")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.SCREENING)
    public Response addToShortlist(@PathParam("id") long id, @FormParam("uscc") String uscc,
            @FormParam("note") String note) {
        shortlists.add(id, uscc, note == null || note.isBlank() ? null : note.strip());
        return Response.seeOther(URI.create("/screening/" + id + "#shortlist")).build();
    }

    @POST
    @Path("/{id: \\d+}/shortlist/{uscc}/remove")
    @Performs(Action.SCREENING)
    public Response removeFromShortlist(@PathParam("id") long id, @PathParam("uscc") String uscc) {
        shortlists.remove(id, uscc);
        return Response.seeOther(URI.create("/screening/" + id + "#shortlist")).build();
    }

    /** The shortlist CSV for the browser, which signs in with the session cookie rather than HTTP Basic. */
    @GET
    @Path("/{id: \\d+}/shortlist.csv")
    @Produces("text/csv")
    @Performs(Action.SCREENING)
    public Response shortlistCsv(@PathParam("id") long id) {
        return export.csv(id);
    }

    /** The weights used and the top prospects' contributions per criterion, embedded as JSON; the page supplies the labels. */
    String resultChart(Result r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("weights", r.weights());
        data.put("top", r.ranked().stream().limit(CHART_TOP).map(x -> Map.of("name", x.name(), "uscc", x.uscc(),
                "contributions", x.contributions())).toList());
        return embed(data);
    }

    // ---- the chain map

    @GET
    @Path("/chains")
    @Performs(Action.CHAIN_MAP_READ)
    public TemplateInstance chains(@QueryParam("saved") boolean saved) {
        List<ChainView> chains = chainMap.chains();
        return page.render(Templates.chains(chains, embed(chains), mapJson(chains), "", List.of(), saved));
    }

    /** Replaces the whole map with the JSON typed in; unreadable JSON or an invalid map comes back inline with 422. */
    @POST
    @Path("/chains")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Performs(Action.CHAIN_MAP_CHANGE)
    public Response saveChains(@FormParam("map") String map, @FormParam("reason") String reason) {
        List<String> errors = new ArrayList<>();
        String why = text(reason);
        if (why.isEmpty()) {
            errors.add("reason: required");
        }
        List<ChainInput> input = null;
        try {
            input = json.readValue(map == null ? "" : map, new TypeReference<List<ChainInput>>() { });
        } catch (JsonProcessingException e) {
            errors.add("map: not a JSON list of chains: " + e.getOriginalMessage());
        }
        if (errors.isEmpty()) {
            try {
                chainMap.replace(input, why);
                return Response.seeOther(URI.create("/screening/chains?saved=true")).build();
            } catch (ProblemException e) {
                if (e.status() != 422) {
                    throw e;
                }
                e.errors().forEach(p -> errors.add((p.field() == null ? "" : p.field() + ": ") + p.message()));
                if (e.errors().isEmpty()) {
                    errors.add(e.getMessage());
                }
            }
        }
        List<ChainView> chains = chainMap.chains();
        return Response.status(422).entity(page.render(Templates.chains(chains, embed(chains), map == null ? "" : map,
                why, errors, false))).build();
    }

    /** The current map as the editor takes it back: chains of segments with their industry codes. */
    String mapJson(List<ChainView> chains) {
        List<ChainInput> input = chains.stream().map(c -> new ChainInput(c.code(), c.name(), c.description(),
                c.segments().stream().map(s -> new SegmentInput(s.code(), s.name(), s.stage(), s.industryCodes()))
                        .toList())).toList();
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers

    private String embed(Object data) {
        return Formats.scriptJson(json, data);
    }

    private static <T> PageResult<T> slice(List<T> all, PageRequest req) {
        int from = Math.min(req.offset(), all.size());
        int to = Math.min(from + req.size(), all.size());
        return new PageResult<>(all.subList(from, to), req.page(), req.size(), all.size());
    }

    private static String text(String v) {
        return v == null ? "" : v.strip();
    }

    private static String weightText(double w) {
        return String.format(Locale.ROOT, "%.2f", w);
    }

    /** A TOPSIS closeness to four decimals. */
    @TemplateExtension
    static String score4(Ranked r) {
        return String.format(Locale.ROOT, "%.4f", r.score());
    }

    /** A segment's gap, 0..1, to two decimals. */
    @TemplateExtension
    static String gapText(SegmentView s) {
        return String.format(Locale.ROOT, "%.2f", s.gap());
    }

    /** How big a segment's gap is, for its colour: high from 2/3, mid from 1/3, else low. */
    @TemplateExtension
    static String gapLevel(SegmentView s) {
        return s.gap() >= 2.0 / 3 ? "high" : s.gap() >= 1.0 / 3 ? "mid" : "low";
    }

    /** A segment's strength (Σ credit score / 100 of its park firms) to two decimals. */
    @TemplateExtension
    static String strengthText(SegmentView s) {
        return String.format(Locale.ROOT, "%.2f", s.strength());
    }

    /** A segment's codes joined for display. */
    @TemplateExtension
    static String codes(SegmentView s) {
        return String.join(", ", s.industryCodes());
    }
}
