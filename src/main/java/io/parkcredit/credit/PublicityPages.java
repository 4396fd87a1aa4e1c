package io.parkcredit.credit;

import io.parkcredit.security.Action;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.Pager;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The public disclosure page 信用公示 (DOMAIN.md §8.4), open without sign-in. */
@Path("/publicity")
@Produces(MediaType.TEXT_HTML)
public class PublicityPages {

    private static final int PAGE_SIZE = 50;

    @CheckedTemplate(basePath = "credit")
    static class Templates {
        static native TemplateInstance publicity(PageResult<PublicityService.Entry> result, Pager pager, Query query,
                java.util.List<String> kinds, java.util.List<PublicityService.PublicPark> parks);
    }

    /** The search as typed, echoed into the form and the paging links. */
    public record Query(String day, String kind, String q, String park) {
        String link(int page) {
            return "/publicity?day=" + Formats.url(day) + "&kind=" + Formats.url(kind) + "&q=" + Formats.url(q)
                    + "&park=" + Formats.url(park) + "&page=" + page;
        }
    }

    @Inject
    PublicityService publicity;

    @Inject
    PageContext page;

    @GET
    @Performs(Action.PUBLICITY_READ)
    public TemplateInstance search(@QueryParam("day") String day, @QueryParam("kind") String kind, @QueryParam("q") String q,
            @QueryParam("park") String park, @QueryParam("page") Integer pageNo) {
        Query query = new Query(day, kind, q, park);
        PageResult<PublicityService.Entry> result = publicity.search(day == null || day.isBlank() ? null
                : CreditStats.day("day", day), kind, q, park, PageRequest.of(pageNo, PAGE_SIZE));
        java.util.List<PublicityService.PublicPark> parks = publicity.parks();
        return page.render(Templates.publicity(result, Pager.of(result, query::link), query,
                PublicityService.KIND_ORDER, parks));
    }
}
