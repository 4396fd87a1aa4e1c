package io.parkcredit.bundle;

import io.parkcredit.security.Performs;
import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/bundles")
@RolesAllowed(Role.ADMIN_)
@Tag(name = "Data bundles", description = "Import and export of data bundle v1 (DOMAIN.md §3)")
public class BundleResource {

    @Inject
    BundleImporter importer;

    @Inject
    BundleExporter exporter;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    @POST
    @Consumes({"application/zip", "application/octet-stream", "application/x-zip-compressed",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "Import a zip of CSV files (or an .xlsx with the same sheets); all-or-nothing, 422 lists every invalid row."
            + " park (optional, a park's code): the park new firms and institutions join; a park ADMIN's own park only,"
            + " absent: the ADMIN's park, or the default park for a region-wide ADMIN")
    @Performs(Action.BUNDLE_IMPORT)
    public ImportResult importBundle(InputStream body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("park") String park) {
        return importer.importWritten(body::transferTo, dryRun, currentUser.name(), park);
    }

    @GET
    @Path("/export")
    @Produces("application/zip")
    @Operation(summary = "The registry as a data bundle zip: a park ADMIN's park, or the whole region")
    @Performs(Action.BUNDLE_EXPORT)
    public Response export() {
        exporter.recordExport();
        Integer park = currentUser.parks().sqlParam();
        StreamingOutput stream = out -> exporter.export(out, park);
        return Response.ok(stream)
                .header("Content-Disposition", "attachment; filename=\"parkcredit-bundle-" + LocalDate.now(clock) + ".zip\"")
                .build();
    }
}
