package io.parkcredit.credit;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.PageContext;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ParkDates;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The §8 pages: a firm's records with their windows, its repair applications, objections,
 * commitments and correction notices; the park's queues with their decision forms and statistics.
 * Thin: every right and rule is the services'; a refused form shows the page again with the reason.
 */
@Path("/credit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class CreditPages {

    private static final PageRequest RECENT = new PageRequest(0, 50);

    @CheckedTemplate(basePath = "credit")
    static class Templates {
        static native TemplateInstance firm(String uscc, String name, List<RepairService.RecordView> records,
                List<RepairService.RepairView> repairs, List<ObjectionService.ObjectionView> objections,
                List<CommitmentService.CommitmentView> commitments, List<CommitmentService.CommitmentView> repairCommitments,
                List<Corrections.CorrectionView> corrections, boolean own, List<String> itemTypes, List<String> kinds,
                ProblemException error);

        static native TemplateInstance park(CreditStats.Stats stats, List<RepairService.RepairView> repairs,
                List<ObjectionService.ObjectionView> objections, List<CommitmentService.CommitmentView> commitments,
                List<Corrections.CorrectionView> corrections, boolean admin, List<Bar> bars, String repairRate,
                ProblemException error);

        static native TemplateInstance corrections(PageResult<Corrections.CorrectionView> corrections);
    }

    /** One month of the chart, with each bar's height in percent of the highest. */
    public record Bar(String month, long objections, long repairs, long approved, long objectionsHeight, long repairsHeight,
            long approvedHeight) {
    }

    private static final List<String> ITEM_TYPES = List.of("CREDIT_EVENT", "LOAN", "FINANCIAL_STATEMENT", "CLASSIFICATION",
            "RATING");
    private static final List<String> KINDS = List.of("REPAIR", "APPLICATION", "LICENSE", "RATING", "LAND", "VOLUNTARY");

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    RepairService repairs;

    @Inject
    ObjectionService objections;

    @Inject
    CommitmentService commitments;

    @Inject
    Corrections corrections;

    @Inject
    CreditStats stats;

    @Inject
    AttachmentService attachments;

    @GET
    @Performs(Action.CREDIT_READ)
    public TemplateInstance home() {
        return currentUser.has(Role.ENTERPRISE) ? firmPage(null, null) : parkPage(null);
    }

    @GET
    @Path("/firms/{uscc}")
    @Performs(Action.CREDIT_READ)
    public TemplateInstance firm(@PathParam("uscc") String uscc) {
        return firmPage(uscc, null);
    }

    @GET
    @Path("/corrections")
    @Performs(Action.CORRECTIONS_READ)
    public TemplateInstance correctionsPage() {
        return page.render(Templates.corrections(corrections.list(null, RECENT)));
    }

    @POST
    @Path("/commitments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Performs(Action.COMMITMENT_SIGN)
    public Object sign(@FormParam("uscc") String uscc, @FormParam("kind") String kind, @FormParam("matter") String matter,
            @FormParam("text") String text, @FormParam("dueOn") String dueOn, @FormParam("public") String isPublic) {
        try {
            CommitmentService.CommitmentView c = commitments.sign(new CommitmentService.CommitmentInput(uscc, kind, matter,
                    text, null, date("dueOn", dueOn), isPublic != null));
            return back(c.uscc());
        } catch (ProblemException e) {
            return refused(e, uscc);
        }
    }

    @POST
    @Path("/commitments/{id}/outcome")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.COMMITMENT_VERIFY)
    public Object outcome(@PathParam("id") long id, @FormParam("outcome") String outcome,
            @FormParam("falseStatement") String falseStatement, @FormParam("note") String note) {
        try {
            commitments.outcome(id, new CommitmentService.OutcomeInput(outcome, falseStatement != null, note));
            return Response.seeOther(URI.create("/credit")).build();
        } catch (ProblemException e) {
            return refused(e, null);
        }
    }

    /** The objection form; with files it is posted as multipart (the body is bounded by {@code BodyLimits}). */
    @POST
    @Path("/objections")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Performs(Action.OBJECTION_SUBMIT)
    public Object object(@RestForm("uscc") String uscc, @RestForm("itemType") String itemType,
            @RestForm("itemRef") String itemRef, @RestForm("reason") String reason,
            @RestForm("files") List<FileUpload> files) {
        try {
            ObjectionService.ObjectionView o = objections.submit(new ObjectionService.ObjectionInput(uscc, itemType, itemRef,
                    reason), uploads(files));
            return back(o.uscc());
        } catch (ProblemException e) {
            return refused(e, uscc);
        }
    }

    @POST
    @Path("/objections/{id}/referral")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.OBJECTION_DECIDE)
    public Object refer(@PathParam("id") long id, @FormParam("note") String note) {
        try {
            objections.refer(id, new ObjectionService.ReferralInput(note));
            return Response.seeOther(URI.create("/credit")).build();
        } catch (ProblemException e) {
            return refused(e, null);
        }
    }

    @POST
    @Path("/objections/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.OBJECTION_DECIDE)
    public Object decideObjection(@PathParam("id") long id, @FormParam("outcome") String outcome,
            @FormParam("reason") String reason, @FormParam("correction") String correction) {
        try {
            objections.decide(id, new ObjectionService.DecisionInput(outcome, reason, fields(correction)));
            return Response.seeOther(URI.create("/credit")).build();
        } catch (ProblemException e) {
            return refused(e, null);
        }
    }

    /** The repair form; with evidence files it is posted as multipart (the body is bounded by {@code BodyLimits}). */
    @POST
    @Path("/repairs")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RolesAllowed({Role.ADMIN_, Role.ENTERPRISE_})
    @Performs(Action.REPAIR_APPLY)
    public Object apply(@RestForm("uscc") String uscc, @RestForm("itemRef") String itemRef,
            @RestForm("evidence") String evidence, @RestForm("commitmentId") String commitmentId,
            @RestForm("files") List<FileUpload> files) {
        try {
            RepairService.RepairView r = repairs.apply(new RepairService.RepairInput(uscc, itemRef, lines(evidence),
                    id("commitmentId", commitmentId)), uploads(files));
            return back(r.uscc());
        } catch (ProblemException e) {
            return refused(e, uscc);
        }
    }

    @POST
    @Path("/repairs/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Role.ADMIN_)
    @Performs(Action.REPAIR_DECIDE)
    public Object decideRepair(@PathParam("id") long id, @FormParam("outcome") String outcome,
            @FormParam("reason") String reason) {
        try {
            repairs.decide(id, new RepairService.DecisionInput(outcome, reason));
            return Response.seeOther(URI.create("/credit")).build();
        } catch (ProblemException e) {
            return refused(e, null);
        }
    }

    /** An evidence file, for its firm and the park only (another firm gets 404). */
    @GET
    @Path("/attachments/{id}")
    @Produces(MediaType.WILDCARD)
    @Performs(Action.CREDIT_ATTACHMENT_READ)
    public Response attachment(@PathParam("id") long id) {
        AttachmentService.File f = attachments.get(id);
        return Response.ok(f.content(), f.contentType()).header("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(f.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * The chosen files of a form, read after their size is checked (a file input left empty posts a
     * nameless empty part, which is no file). The service checks type, content and count.
     */
    private static List<AttachmentService.Upload> uploads(List<FileUpload> files) {
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        if (files.size() > AttachmentService.MAX_PER_OWNER) {
            throw ProblemException.invalid("files", "at most " + AttachmentService.MAX_PER_OWNER + " files");
        }
        List<AttachmentService.Upload> out = new java.util.ArrayList<>();
        for (FileUpload f : files) {
            String name = f.fileName();
            if ((name == null || name.isBlank()) && f.size() == 0) {
                continue;
            }
            if (f.size() > AttachmentService.MAX_BYTES) {
                throw ProblemException.invalid("files", (name == null ? "" : name + ": ") + "at most "
                        + AttachmentService.MAX_BYTES + " bytes");
            }
            byte[] content;
            try {
                content = java.nio.file.Files.readAllBytes(f.uploadedFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("reading an uploaded file failed", e);
            }
            out.add(new AttachmentService.Upload(name, f.contentType(), content));
        }
        return out;
    }

    private TemplateInstance firmPage(String uscc, ProblemException error) {
        List<RepairService.RecordView> records = repairs.records(uscc);
        String firm = uscc == null || uscc.isBlank() ? currentUser.uscc() : CreditAccess.firm(currentUser, uscc);
        List<CommitmentService.CommitmentView> all = commitments.list(firm, null, RECENT).items();
        List<CommitmentService.CommitmentView> repairPromises = all.stream()
                .filter(c -> c.kind() == CommitmentKind.REPAIR && "OPEN".equals(c.status())).toList();
        String name = all.isEmpty() ? null : all.get(0).name();
        List<RepairService.RepairView> firmRepairs = repairs.list(firm, null, RECENT).items();
        List<ObjectionService.ObjectionView> firmObjections = objections.list(firm, null, RECENT).items();
        if (name == null && !firmRepairs.isEmpty()) {
            name = firmRepairs.get(0).name();
        }
        boolean own = currentUser.has(Role.ENTERPRISE);
        List<Corrections.CorrectionView> notices = currentUser.may(Action.CORRECTIONS_READ)
                ? corrections.list(firm, RECENT).items() : List.of();
        return page.render(Templates.firm(firm, name, records, firmRepairs, firmObjections, all, repairPromises, notices,
                own, ITEM_TYPES, KINDS, error));
    }

    private TemplateInstance parkPage(ProblemException error) {
        boolean admin = currentUser.has(Role.ADMIN);
        CreditStats.Stats s = stats.stats();
        long max = Math.max(1, s.months().stream().mapToLong(m -> Math.max(m.objections(), Math.max(m.repairs(), m.approved())))
                .max().orElse(0));
        List<Bar> bars = s.months().stream().map(m -> new Bar(m.month(), m.objections(), m.repairs(), m.approved(),
                m.objections() * 100 / max, m.repairs() * 100 / max, m.approved() * 100 / max)).toList();
        String rate = s.repairRate() == null ? "—"
                : s.repairRate().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        return page.render(Templates.park(s, repairs.list(null, "SUBMITTED", RECENT).items(),
                objections.list(null, "OPEN", RECENT).items(), commitments.list(null, "OPEN", RECENT).items(),
                corrections.list(null, RECENT).items(), admin, bars, rate, error));
    }

    /** After a form: the firm's page (its own for a firm, that firm's for the park). */
    private Response back(String uscc) {
        return Response.seeOther(URI.create(currentUser.has(Role.ENTERPRISE) ? "/credit" : "/credit/firms/" + uscc)).build();
    }

    /** A refused form: the page again with the reason, with the problem's status. */
    private Response refused(ProblemException e, String uscc) {
        if (e.status() == 403 && !currentUser.has(Role.ENTERPRISE) && !currentUser.has(Role.ADMIN)) {
            throw e;
        }
        TemplateInstance t;
        if (currentUser.has(Role.ENTERPRISE)) {
            t = firmPage(null, e);
        } else if (uscc != null && !uscc.isBlank() && e.status() != 404 && validUscc(uscc)) {
            t = firmPage(uscc, e);
        } else {
            t = parkPage(e);
        }
        return Response.status(e.status()).entity(t).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static boolean validUscc(String uscc) {
        try {
            io.parkcredit.enterprise.Uscc.parse(uscc);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ParkDates.parse(text);
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    private static Long id(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return io.parkcredit.shared.Numbers.integer(text, 1, Integer.MAX_VALUE).longValue();
        } catch (InvalidValueException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
    }

    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).limit(100).toList();
    }

    /** {@code field=value} lines of a correction form; none = null (no correction). */
    private static Map<String, Object> fields(String text) {
        List<String> ls = lines(text);
        if (ls.isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String l : ls) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw ProblemException.invalid("correction", "one field=value a line: " + io.parkcredit.shared.Numbers.shorten(l));
            }
            m.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return m;
    }
}
