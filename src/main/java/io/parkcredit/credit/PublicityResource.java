package io.parkcredit.credit;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/publicity} (API.md, DOMAIN.md §8.4): the public disclosure, without authentication. */
@Path("/api/publicity")
@Tag(name = "Publicity", description = "信用公示: what is published on a day, open to anyone")
public class PublicityResource {

    @Inject
    PublicityService publicity;

    @GET
    @Operation(summary = "Published entries on a day: RED list, valid grades, negative records in their period, public commitments; park (a park's code) narrows to one park, every entry names its park")
    @Performs(Action.PUBLICITY_READ)
    public PageResult<PublicityService.Entry> search(@QueryParam("day") String day, @QueryParam("kind") String kind,
            @QueryParam("q") String q, @QueryParam("park") String park, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return publicity.search(day == null || day.isBlank() ? null : CreditStats.day("day", day), kind, q,
                park, PageRequest.of(page, size));
    }
}
