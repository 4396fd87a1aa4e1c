package io.parkcredit.park;

import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parks of the region (DOMAIN.md §10.3): who sees which, and their administration by a
 * region-wide ADMIN. Also resolves the {@code park} code that region-wide actors give when a write
 * has no firm to take its park from.
 */
@ApplicationScoped
public class ParkService {

    /** A park's code: upper-case letters, digits, {@code _} and {@code -}, 2 to 32 characters. */
    public static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9_-]{1,31}$");
    public static final int NAME_MAX = 100;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    /** A park on the wire and on the page, with the number of its firms. */
    public record ParkView(int id, String code, String name, long firms, Instant createdAt) {
    }

    /** The parks the signed-in user sees: all for a region-wide user, else its own. */
    @Transactional
    public List<ParkView> list() {
        currentUser.require(Action.PARKS_READ);
        Integer park = currentUser.parks().sqlParam();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.id, p.code, p.name, (select count(*) from enterprises e where e.park_id = p.id), p.created_at
                from parks p""" + (park == null ? "" : " where p.id = " + park.intValue()) + " order by p.id")
                .getResultList();
        return rows.stream().map(ParkService::view).toList();
    }

    /** One park by code; 404 when unknown or outside the user's scope. */
    @Transactional
    public ParkView get(String code) {
        currentUser.require(Action.PARKS_READ);
        return find(code);
    }

    @Transactional
    public ParkView create(String codeText, String nameText) {
        currentUser.require(Action.PARKS_MANAGE);
        requireRegion();
        String code = code(codeText);
        String name = Text.required("name", nameText, NAME_MAX);
        Long taken = (Long) em.createNativeQuery("select count(*) from parks where code = ?1", Long.class)
                .setParameter(1, code).getSingleResult();
        if (taken > 0) {
            throw new ProblemException(409, "park-code-taken", "冲突 Conflict", "a park with code " + code + " exists",
                    List.of(FieldProblem.of("code", "taken: a park with code " + code + " exists")));
        }
        em.createNativeQuery("insert into parks (code, name) values (?1, ?2)").setParameter(1, code)
                .setParameter(2, name).executeUpdate();
        audit.record("PARK_CREATED", "park", code, "name=" + name, null);
        return find(code);
    }

    @Transactional
    public ParkView rename(String codeText, String nameText) {
        currentUser.require(Action.PARKS_MANAGE);
        requireRegion();
        ParkView before = find(codeText);
        String name = Text.required("name", nameText, NAME_MAX);
        if (name.equals(before.name())) {
            return before;
        }
        em.createNativeQuery("update parks set name = ?1 where id = ?2").setParameter(1, name)
                .setParameter(2, before.id()).executeUpdate();
        audit.record("PARK_RENAMED", "park", before.code(), "name=" + before.name() + " → " + name, null);
        return find(before.code());
    }

    /**
     * The park a write goes to when it has no firm to take its park from: a park user's own park
     * (a code naming another park is 404, as if it did not exist); for a region-wide actor the park
     * named by {@code code}, or the default park when none is given.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ParkId target(String code) {
        ParkScope scope = currentUser.parks();
        if (code == null || code.isBlank()) {
            return scope.regionWide() ? ParkId.DEFAULT : scope.park();
        }
        return new ParkId(find(code).id());
    }

    /** The park's code, for messages and audit lines. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String codeOf(ParkId park) {
        return (String) em.createNativeQuery("select code from parks where id = ?1", String.class)
                .setParameter(1, park.value()).getSingleResult();
    }

    /** 403 unless the user may create and rename parks: a region-wide ADMIN. */
    public void requireManage() {
        currentUser.require(Action.PARKS_MANAGE);
        requireRegion();
    }

    /** 403 unless the user acts for the whole region. */
    public void requireRegion() {
        if (!currentUser.parks().regionWide()) {
            throw ProblemException.forbidden("only a region-wide ADMIN or REGULATOR may do this");
        }
    }

    private ParkView find(String codeText) {
        String code = codeText == null ? "" : codeText.strip().toUpperCase(Locale.ROOT);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.id, p.code, p.name, (select count(*) from enterprises e where e.park_id = p.id), p.created_at
                from parks p where p.code = ?1""").setParameter(1, code).getResultList();
        if (rows.isEmpty() || !currentUser.parks().includes(((Number) rows.get(0)[0]).intValue())) {
            throw ProblemException.notFound("park", code);
        }
        return view(rows.get(0));
    }

    static String code(String text) {
        String code = Text.required("code", text, 32);
        if (!CODE.matcher(code).matches()) {
            throw ProblemException.invalid("code",
                    "2 to 32 upper-case letters, digits, _ or -, starting with a letter or digit");
        }
        return code;
    }

    private static ParkView view(Object[] r) {
        Object at = r[4];
        Instant created = at instanceof Instant i ? i
                : at instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) at).toInstant();
        return new ParkView(((Number) r[0]).intValue(), (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                created);
    }
}
