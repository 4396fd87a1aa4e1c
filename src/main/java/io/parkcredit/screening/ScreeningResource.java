package io.parkcredit.screening;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api")
@RolesAllowed({Role.INVESTMENT_, Role.ADMIN_})
@Tag(name = "Screening", description = "Credit-weighted investment screening of prospects (DOMAIN.md §9)")
public class ScreeningResource {

    @Inject
    ScreeningService screenings;

    @Inject
    ShortlistService shortlist;

    @Inject
    ChainMapService chains;

    @Inject
    ShortlistExport export;

    public record ChainMapChange(@NotNull @Valid List<ChainMapService.ChainInput> chains, @NotBlank String reason) {
    }

    public record ShortlistAdd(@NotBlank String uscc, String note) {
    }

    @POST
    @Path("/screenings")
    @Operation(summary = "Exclude risky prospects, rank the rest by TOPSIS; saved with its parameters")
    @Performs(Action.SCREENING)
    public ScreeningService.Result screen(ScreeningService.Request body) {
        return screenings.screen(body == null ? new ScreeningService.Request(null, null, null) : body);
    }

    @GET
    @Path("/screenings/criteria")
    @Performs(Action.SCREENING)
    public List<ScreeningService.CriterionInfo> criteria() {
        return screenings.criteria();
    }

    @GET
    @Path("/screenings")
    @Performs(Action.SCREENING)
    public List<Map<String, Object>> saved() {
        return screenings.saved();
    }

    @POST
    @Path("/screenings/{id}/rerun")
    @Operation(summary = "Run a saved screening again with its stored parameters")
    @Performs(Action.SCREENING)
    public ScreeningService.Result rerun(@PathParam("id") long id) {
        return screenings.rerun(id);
    }

    @GET
    @Path("/screenings/{id}/shortlist")
    @Performs(Action.SCREENING)
    public List<ShortlistService.Entry> shortlist(@PathParam("id") long id) {
        return shortlist.list(id);
    }

    @GET
    @Path("/screenings/{id}/shortlist/export")
    @Produces("text/csv")
    @Operation(summary = "The shortlist as CSV (uscc, name, industry_code, rank, score, note), UTF-8 with BOM")
    @Performs(Action.SCREENING)
    public Response exportShortlist(@PathParam("id") long id) {
        return export.csv(id);
    }

    @POST
    @Path("/screenings/{id}/shortlist")
    @Performs(Action.SCREENING)
    public List<ShortlistService.Entry> addToShortlist(@PathParam("id") long id, @Valid @NotNull ShortlistAdd body) {
        return shortlist.add(id, body.uscc(), body.note());
    }

    @DELETE
    @Path("/screenings/{id}/shortlist/{uscc}")
    @Performs(Action.SCREENING)
    public List<ShortlistService.Entry> removeFromShortlist(@PathParam("id") long id, @PathParam("uscc") String uscc) {
        return shortlist.remove(id, uscc);
    }

    @GET
    @Path("/chains")
    @Operation(summary = "The industrial chain map with each segment's park firms, strength and gap")
    @Performs(Action.CHAIN_MAP_READ)
    public List<ChainMapService.ChainView> chainMap() {
        return chains.chains();
    }

    @PUT
    @Path("/chains")
    @Operation(summary = "Replace the chain map (edit or import)")
    @Performs(Action.CHAIN_MAP_CHANGE)
    public List<ChainMapService.ChainView> replaceChains(@Valid @NotNull ChainMapChange body) {
        return chains.replace(body.chains(), body.reason());
    }
}
