package io.parkcredit.park;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/region")
@Authenticated
@Tag(name = "Parks", description = "The parks of the region (DOMAIN.md §10.3)")
public class RegionResource {

    @Inject
    RegionComparison region;

    @GET
    @Path("comparison")
    @Operation(summary = "Per park: the year's published list counts, the grades valid at the year's end, the firm count (region-wide ADMIN, REGULATOR)")
    @Performs(Action.REGION_COMPARE)
    public RegionComparison.Comparison comparison(@QueryParam("year") String year) {
        return region.compare(year);
    }
}
