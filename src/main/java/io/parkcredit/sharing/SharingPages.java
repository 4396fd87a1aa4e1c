package io.parkcredit.sharing;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.ProblemException;
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
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The sharing pages (DOMAIN.md §10.3): the park ADMIN's (requests both ways, export, inbox, upload,
 * peers for a region ADMIN, the log) and the firm's (requests about it, consent or refusal, its log).
 * Same service methods as the API.
 */
@Path("/sharing")
@Produces(MediaType.TEXT_HTML)
public class SharingPages {

    @CheckedTemplate(basePath = "sharing")
    static class Templates {
        static native TemplateInstance park(List<RequestView> requests, List<ExportView> exports,
                List<ImportView> imports, List<LogLine> log, List<PeerView> peers, InstallationView installation,
                boolean region, String result);

        static native TemplateInstance mine(List<RequestView> requests, List<LogLine> log, int maxDays);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    SharingService sharing;

    @Inject
    SharingExports exports;

    @Inject
    SharingImports imports;

    @Inject
    SharingConfig config;

    @GET
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_MANAGE)
    public TemplateInstance park() {
        return parkPage(null);
    }

    private TemplateInstance parkPage(String result) {
        boolean region = currentUser.parks().regionWide();
        return page.render(Templates.park(sharing.requests(null, null), exports.exports(), imports.imports(),
                sharing.log(null), region ? sharing.peers() : List.of(), sharing.installation(), region, result));
    }

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_MANAGE)
    public Response request(@RestForm("uscc") String uscc, @RestForm("holdingPark") String holdingPark,
            @RestForm("holdingInstallation") String holdingInstallation, @RestForm("receivingPark") String receivingPark,
            @RestForm("purpose") String purpose, @RestForm("periodFrom") String periodFrom,
            @RestForm("periodTo") String periodTo) {
        sharing.request(new NewRequest(uscc, holdingPark, holdingInstallation, receivingPark, purpose, periodFrom, periodTo));
        return back("/sharing");
    }

    @POST
    @Path("/requests/{id}/export")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_MANAGE)
    public Response export(@PathParam("id") long id) {
        ExportView x = exports.export(id);
        return Response.ok(parkPage(x.delivered() ? null : x.deliveryProblem())).build();
    }

    @GET
    @Path("/exports/{exportId}/package")
    @Produces("application/zip")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_MANAGE)
    public Response download(@PathParam("exportId") String exportId) {
        return Response.ok(exports.download(exportId), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"parkcredit-share-" + exportId + ".zip\"").build();
    }

    /** The upload is bounded by the body limit before it is read; the package limit is checked again on reading. */
    @POST
    @Path("/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_MANAGE)
    public Response upload(@RestForm("file") FileUpload file) {
        if (file == null || file.size() == 0) {
            throw ProblemException.invalid("file", "choose a package (.zip)");
        }
        if (file.size() > config.maxPackageBytes()) {
            throw Refusal.PACKAGE_MALFORMED.problem("the package has " + file.size() + " bytes; at most "
                    + config.maxPackageBytes());
        }
        byte[] pkg;
        try {
            pkg = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        imports.importPackage(pkg);
        return back("/sharing");
    }

    @POST
    @Path("/imports/{id}/import")
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_MANAGE)
    public Response importDelivery(@PathParam("id") long id) {
        imports.importDelivery(id);
        return back("/sharing");
    }

    @POST
    @Path("/peers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.SHARING_PEERS_MANAGE)
    public Response registerPeer(@RestForm("installationId") String installationId, @RestForm("name") String name,
            @RestForm("baseUrl") String baseUrl, @RestForm("publicKey") String publicKey) {
        sharing.registerPeer(new NewPeer(installationId, name, baseUrl, publicKey));
        return back("/sharing");
    }

    @GET
    @Path("/mine")
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.SHARING_CONSENT)
    public TemplateInstance mine() {
        return page.render(Templates.mine(sharing.requests("INBOUND", null), sharing.log(null), config.maxConsentDays()));
    }

    @POST
    @Path("/requests/{id}/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.SHARING_CONSENT)
    public Response consent(@PathParam("id") long id, @RestForm("expiresOn") String expiresOn) {
        sharing.consent(id, new ConsentInput(expiresOn));
        return back("/sharing/mine");
    }

    @POST
    @Path("/requests/{id}/refusal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ENTERPRISE_)
    @Performs(Action.SHARING_CONSENT)
    public Response refuse(@PathParam("id") long id, @RestForm("reason") String reason) {
        sharing.refuse(id, new RefusalInput(reason));
        return back("/sharing/mine");
    }

    private static Response back(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
