package io.parkcredit.sharing;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.sharing.SharingViews.ConsentInput;
import io.parkcredit.sharing.SharingViews.ExportView;
import io.parkcredit.sharing.SharingViews.ImportView;
import io.parkcredit.sharing.SharingViews.InstallationView;
import io.parkcredit.sharing.SharingViews.LogLine;
import io.parkcredit.sharing.SharingViews.NewPeer;
import io.parkcredit.sharing.SharingViews.NewRequest;
import io.parkcredit.sharing.SharingViews.PeerView;
import io.parkcredit.sharing.SharingViews.RefusalInput;
import io.parkcredit.sharing.SharingViews.RequestView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sharing a firm's data between parks with its consent (DOMAIN.md §10.3). */
@Path("/api/sharing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sharing between parks", description = "Requests, the firm's consent, signed export and import (DOMAIN.md §10.3)")
public class SharingResource {

    @Inject
    SharingService sharing;

    @Inject
    SharingExports exports;

    @Inject
    SharingImports imports;

    @GET
    @Path("/installation")
    @Operation(summary = "This installation's id, parks and Ed25519 public key, for a peer to register")
    @Performs(Action.SHARING_INSTALLATION_READ)
    public InstallationView installation() {
        return sharing.installation();
    }

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a park (here or of a peer installation) for a firm's data; 201 with the outbound request")
    @Performs(Action.SHARING_MANAGE)
    public Response request(NewRequest in) {
        RequestView r = sharing.request(in);
        return Response.created(URI.create("/api/sharing/requests/" + r.id())).entity(r).build();
    }

    @GET
    @Path("/requests")
    @Operation(summary = "Requests the caller may see: its park's (ADMIN), those about its firm (ENTERPRISE)")
    @Performs(Action.SHARING_LOG_READ)
    public List<RequestView> requests(@QueryParam("direction") String direction, @QueryParam("status") String status) {
        return sharing.requests(direction, status);
    }

    @GET
    @Path("/requests/{id}")
    @Performs(Action.SHARING_LOG_READ)
    public RequestView request(@PathParam("id") long id) {
        return sharing.request(id);
    }

    @POST
    @Path("/requests/{id}/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The firm grants the request until expiresOn (at most parkcredit.sharing.max-consent-days ahead)")
    @Performs(Action.SHARING_CONSENT)
    public RequestView consent(@PathParam("id") long id, ConsentInput in) {
        return sharing.consent(id, in);
    }

    @POST
    @Path("/requests/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The firm refuses the request, with its reason")
    @Performs(Action.SHARING_CONSENT)
    public RequestView refuse(@PathParam("id") long id, RefusalInput in) {
        return sharing.refuse(id, in);
    }

    @POST
    @Path("/requests/{id}/export")
    @Operation(summary = "The holding park exports the firm's signed package and delivers it; 409 without a live consent")
    @Performs(Action.SHARING_MANAGE)
    public Response export(@PathParam("id") long id) {
        ExportView x = exports.export(id);
        return Response.created(URI.create("/api/sharing/exports/" + x.exportId() + "/package")).entity(x).build();
    }

    @GET
    @Path("/exports")
    @Performs(Action.SHARING_MANAGE)
    public List<ExportView> exports() {
        return exports.exports();
    }

    @GET
    @Path("/exports/{exportId}/package")
    @Produces("application/zip")
    @Operation(summary = "The signed package (manifest.json, manifest.sig and the bundle CSVs)")
    @Performs(Action.SHARING_MANAGE)
    public Response download(@PathParam("exportId") String exportId) {
        byte[] pkg = exports.download(exportId);
        return Response.ok(pkg, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"parkcredit-share-" + exportId + ".zip\"").build();
    }

    @POST
    @Path("/imports")
    @Consumes({"application/zip", "application/octet-stream"})
    @Operation(summary = "Import a signed package into the caller's park; each refusal has its own problem type")
    @Performs(Action.SHARING_MANAGE)
    public ImportView importPackage(byte[] body) {
        return imports.importPackage(body);
    }

    @GET
    @Path("/imports")
    @Operation(summary = "Packages delivered to the caller's park and those imported (with their source)")
    @Performs(Action.SHARING_MANAGE)
    public List<ImportView> imports() {
        return imports.imports();
    }

    @GET
    @Path("/imports/{id}")
    @Performs(Action.SHARING_MANAGE)
    public ImportView importView(@PathParam("id") long id) {
        return imports.importView(id);
    }

    @POST
    @Path("/imports/{id}/import")
    @Operation(summary = "Import a package waiting in the caller's park's inbox")
    @Performs(Action.SHARING_MANAGE)
    public ImportView importDelivery(@PathParam("id") long id) {
        return imports.importDelivery(id);
    }

    @GET
    @Path("/log")
    @Operation(summary = "The sharing log: the firm's own rows (ENTERPRISE), the park's rows (ADMIN)")
    @Performs(Action.SHARING_LOG_READ)
    public List<LogLine> log(@QueryParam("uscc") String uscc) {
        return sharing.log(uscc);
    }

    @GET
    @Path("/peers")
    @Performs(Action.SHARING_PEERS_MANAGE)
    public List<PeerView> peers() {
        return sharing.peers();
    }

    @POST
    @Path("/peers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A region ADMIN registers a trusted installation (its id, base URL and public key)")
    @Performs(Action.SHARING_PEERS_MANAGE)
    public Response registerPeer(NewPeer in) {
        PeerView p = sharing.registerPeer(in);
        return Response.status(201).entity(p).build();
    }
}
