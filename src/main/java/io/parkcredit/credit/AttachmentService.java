package io.parkcredit.credit;

import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evidence files of objections and repair applications (DOMAIN.md §8.2, §8.3): PDF, PNG or JPEG,
 * checked by their first bytes as well as their declared type, at most {@link #MAX_BYTES}, kept in
 * the database and served only to the firm they belong to and the park, never to other firms.
 */
@ApplicationScoped
public class AttachmentService {

    public static final int MAX_BYTES = 1_048_576;
    static final int MAX_PER_OWNER = 10;

    private static final Map<String, byte[]> MAGIC = Map.of(
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    public record AttachmentView(long id, String fileName, String contentType, int size, String uploadedBy,
            Instant uploadedAt) {
    }

    /** A file as a page form uploads it, read after its size was checked. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }

    /** A stored file as it is served. */
    public record File(String fileName, String contentType, byte[] content) {
    }

    /** Adds a file to an objection or a repair application of the caller's firm (or any, for the park). */
    @Transactional
    public AttachmentView upload(String ownerType, long ownerId, String fileName, String contentType, byte[] content) {
        currentUser.require(ownerType.equals("OBJECTION") ? Action.OBJECTION_SUBMIT : Action.REPAIR_APPLY);
        String table = ownerType.equals("OBJECTION") ? "credit_objections" : "credit_repairs";
        Object[] owner = CreditSql.single(em.createNativeQuery("select uscc, status from " + table + " where id = ?1 for update")
                .setParameter(1, ownerId));
        if (owner == null) {
            throw ProblemException.notFound(ownerType.equals("OBJECTION") ? "objection" : "repair application",
                    Long.toString(ownerId));
        }
        String uscc = (String) owner[0];
        CreditAccess.requireInPark(currentUser, em, uscc, ownerType.equals("OBJECTION") ? "objection" : "repair application",
                Long.toString(ownerId));
        CreditAccess.requireOwn(currentUser, uscc);
        if (!List.of("SUBMITTED", "VERIFYING").contains((String) owner[1])) {
            throw ProblemException.conflict("attachment-closed", ownerType.toLowerCase(Locale.ROOT) + " " + ownerId + " is "
                    + owner[1] + "; evidence is added while it is being handled");
        }
        String name = Text.required("name", fileName, 200);
        if (name.contains("/") || name.contains("\\")) {
            throw ProblemException.invalid("name", "a file name without a path");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        byte[] magic = MAGIC.get(type);
        if (magic == null) {
            throw ProblemException.invalid("contentType", "PDF, PNG or JPEG (application/pdf, image/png, image/jpeg)");
        }
        if (content == null || content.length == 0) {
            throw ProblemException.invalid("file", "empty");
        }
        if (content.length > MAX_BYTES) {
            throw ProblemException.invalid("file", "at most " + MAX_BYTES + " bytes");
        }
        if (content.length < magic.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(content, magic.length), magic)) {
            throw ProblemException.invalid("file", "the content is not " + type);
        }
        long count = ((Number) em.createNativeQuery("select count(*) from credit_attachments where owner_type = ?1"
                + " and owner_id = ?2").setParameter(1, ownerType).setParameter(2, ownerId).getSingleResult()).longValue();
        if (count >= MAX_PER_OWNER) {
            throw ProblemException.conflict("attachment-limit", "at most " + MAX_PER_OWNER + " files per " + ownerType);
        }
        Number id = (Number) em.createNativeQuery("""
                insert into credit_attachments (owner_type, owner_id, uscc, file_name, content_type, size, content, uploaded_by)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) returning id""")
                .setParameter(1, ownerType).setParameter(2, ownerId).setParameter(3, uscc).setParameter(4, name)
                .setParameter(5, type).setParameter(6, content.length).setParameter(7, content)
                .setParameter(8, currentUser.name()).getSingleResult();
        audit.record("ATTACHMENT_ADDED", ownerType.toLowerCase(Locale.ROOT), Long.toString(ownerId),
                name + " (" + type + ", " + content.length + " bytes)", null);
        return list(em, ownerType, ownerId).stream().filter(a -> a.id() == id.longValue()).findFirst().orElseThrow();
    }

    /** A file for its firm or the park; another firm gets 404, as if it did not exist. */
    @Transactional
    public File get(long id) {
        currentUser.require(Action.CREDIT_ATTACHMENT_READ);
        Object[] r = CreditSql.single(em.createNativeQuery("select uscc, file_name, content_type, content"
                + " from credit_attachments where id = ?1").setParameter(1, id));
        if (r == null || currentUser.has(io.parkcredit.security.Role.ENTERPRISE) && !r[0].equals(currentUser.uscc())) {
            throw ProblemException.notFound("attachment", Long.toString(id));
        }
        CreditAccess.requireInPark(currentUser, em, (String) r[0], "attachment", Long.toString(id));
        return new File((String) r[1], (String) r[2], (byte[]) r[3]);
    }

    static List<AttachmentView> list(EntityManager em, String ownerType, long ownerId) {
        return CreditSql.rows(em.createNativeQuery("select id, file_name, content_type, size, uploaded_by, uploaded_at"
                + " from credit_attachments where owner_type = ?1 and owner_id = ?2 order by id").setParameter(1, ownerType)
                .setParameter(2, ownerId)).stream().map(r -> new AttachmentView(CreditSql.lng(r[0]), (String) r[1],
                        (String) r[2], CreditSql.integer(r[3]), (String) r[4], CreditSql.instant(r[5]))).toList();
    }
}
