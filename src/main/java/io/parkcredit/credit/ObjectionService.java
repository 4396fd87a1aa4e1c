package io.parkcredit.credit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.rating.RatingService;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.EnumParam;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Objections (DOMAIN.md §8.2): a firm (its own data) or the ADMIN (anyone's) objects to one item;
 * the ADMIN refers it to the item's source and decides within 10 working days. An objection freezes
 * nothing, but the item shows as under objection; CORRECTED or REVOKED flows to the firm's draft
 * lists and to everyone told of the item.
 */
@ApplicationScoped
public class ObjectionService {

    /** Statuses of an objection still being handled. */
    static final List<String> OPEN = List.of("SUBMITTED", "VERIFYING");

    public enum Outcome { CORRECTED, REVOKED, UPHELD }

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    CreditRuleSets rules;

    @Inject
    CreditFacts facts;

    @Inject
    Corrections corrections;

    @Inject
    RatingService ratings;

    @Inject
    AttachmentService attachments;

    /** {@code POST /api/objections} (API.md). */
    public record ObjectionInput(String uscc, String itemType, String itemRef, String reason) {
    }

    /** {@code POST /api/objections/{id}/decision} (API.md); {@code correction}: the item's fields as in its bundle file. */
    public record DecisionInput(String outcome, String reason, Map<String, Object> correction) {
    }

    /** Referral to the item's source (VERIFYING). */
    public record ReferralInput(String note) {
    }

    public record ObjectionView(long id, String uscc, String name, String itemType, String itemRef, String reason,
            String status, LocalDate submittedOn, LocalDate dueOn, String referredTo, LocalDate referredOn, String referralNote,
            String decisionReason, String correction, String decidedBy, LocalDate decidedOn, boolean overdue,
            List<AttachmentService.AttachmentView> attachments, int ruleVersion, Instant createdAt) {
    }

    /** Whether the item has an objection being handled (异议处理中). */
    static boolean underObjection(EntityManager em, String itemType, String itemRef) {
        return !em.createNativeQuery("select 1 from credit_objections where item_type = ?1 and item_ref = ?2"
                + " and status in ('SUBMITTED', 'VERIFYING')").setParameter(1, itemType).setParameter(2, itemRef)
                .getResultList().isEmpty();
    }

    @Transactional
    public ObjectionView submit(ObjectionInput in) {
        currentUser.require(Action.OBJECTION_SUBMIT);
        if (in == null) {
            throw ProblemException.invalid("body", "required");
        }
        String uscc = CreditAccess.firm(currentUser, in.uscc());
        CreditAccess.requireInPark(currentUser, em, uscc, "enterprise", uscc);
        String type = in.itemType() == null ? null : in.itemType().strip().toUpperCase(Locale.ROOT);
        if (type == null || !ObjectionItem.TYPES.contains(type)) {
            throw ProblemException.invalid("itemType", "one of CREDIT_EVENT, LOAN, FINANCIAL_STATEMENT, CLASSIFICATION, RATING");
        }
        String ref = Text.required("itemRef", in.itemRef(), 200);
        String reason = Text.required("reason", in.reason(), 4000);
        facts.firmName(uscc);
        ObjectionItem item = ObjectionItem.find(em, type, ref);
        if (!item.uscc().equals(uscc)) {
            // a firm learns nothing about other firms' items
            throw ProblemException.notFound("item", type + " " + ref);
        }
        // one open objection per item; after UPHELD a new one needs new grounds
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "objection:" + type + ":" + ref)
                .getResultList();
        Object[] last = CreditSql.single(em.createNativeQuery("select id, status, reason from credit_objections"
                + " where item_type = ?1 and item_ref = ?2 order by id desc limit 1").setParameter(1, type).setParameter(2, ref));
        if (last != null && OPEN.contains((String) last[1])) {
            throw ProblemException.conflict("objection-open", "objection " + last[0] + " on " + type + " " + ref
                    + " is still being handled").with("objectionId", CreditSql.lng(last[0]));
        }
        if (last != null && "UPHELD".equals(last[1]) && reason.equals(last[2])) {
            throw ProblemException.conflict("objection-upheld", "objection " + last[0] + " on " + type + " " + ref
                    + " was upheld; a new objection needs new evidence").with("objectionId", CreditSql.lng(last[0]));
        }
        CreditRuleSets.Rules r = rules.current();
        LocalDate today = LocalDate.now(clock);
        LocalDate due = rules.calendar().plusWorkingDays(today, r.params().objectionWorkingDays());
        Number id = (Number) em.createNativeQuery("""
                insert into credit_objections (uscc, item_type, item_ref, reason, submitted_on, due_on, rule_version, created_by)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) returning id""")
                .setParameter(1, uscc).setParameter(2, type).setParameter(3, ref).setParameter(4, reason)
                .setParameter(5, today).setParameter(6, due).setParameter(7, r.version()).setParameter(8, currentUser.name())
                .getSingleResult();
        audit.record("OBJECTION_SUBMITTED", "objection", id.toString(), uscc + " " + type + " " + ref + ", due " + due, reason);
        return view(id.longValue());
    }

    /**
     * The page's objection form: the objection and its files in one transaction, so a refused file
     * (type, size, count) leaves no objection behind.
     */
    @Transactional
    public ObjectionView submit(ObjectionInput in, List<AttachmentService.Upload> files) {
        ObjectionView o = submit(in);
        for (AttachmentService.Upload f : files) {
            attachments.upload("OBJECTION", o.id(), f.fileName(), f.contentType(), f.content());
        }
        return files.isEmpty() ? o : view(o.id());
    }

    /** Refers the objection to the item's source: the event's source unit, the loan's lender (ADMIN). */
    @Transactional
    public ObjectionView refer(long id, ReferralInput in) {
        currentUser.require(Action.OBJECTION_DECIDE);
        String note = Text.optional("note", in == null ? null : in.note(), 2000);
        Object[] row = lock(id);
        if (!"SUBMITTED".equals(row[0])) {
            throw ProblemException.conflict("objection-state", "objection " + id + " is " + row[0] + "; only a SUBMITTED one is referred");
        }
        ObjectionItem item = ObjectionItem.find(em, (String) row[2], (String) row[3]);
        LocalDate today = LocalDate.now(clock);
        em.createNativeQuery("update credit_objections set status = 'VERIFYING', referred_to = ?2, referred_on = ?3,"
                + " referral_note = ?4, version = version + 1 where id = ?1").setParameter(1, id).setParameter(2, item.source())
                .setParameter(3, today).setParameter(4, note).executeUpdate();
        audit.record("OBJECTION_REFERRED", "objection", Long.toString(id), row[2] + " " + row[3] + " referred to "
                + item.source(), note);
        return view(id);
    }

    @Transactional
    public ObjectionView decide(long id, DecisionInput in) {
        currentUser.require(Action.OBJECTION_DECIDE);
        if (in == null) {
            throw ProblemException.invalid("body", "required");
        }
        Outcome outcome = EnumParam.parse(Outcome.class, "outcome", in.outcome());
        if (outcome == null) {
            throw ProblemException.invalid("outcome", "CORRECTED, REVOKED or UPHELD");
        }
        String reason = Text.required("reason", in.reason(), 4000);
        if (in.correction() != null && outcome != Outcome.CORRECTED) {
            throw ProblemException.invalid("correction", "only a CORRECTED decision carries a correction");
        }
        if (in.correction() != null && in.correction().size() > 40) {
            throw ProblemException.invalid("correction", "at most 40 fields");
        }
        Object[] row = lock(id);
        if (!OPEN.contains((String) row[0])) {
            throw ProblemException.conflict("objection-decided", "objection " + id + " is already " + row[0]);
        }
        String uscc = (String) row[1];
        String type = (String) row[2];
        String ref = (String) row[3];
        LocalDate today = LocalDate.now(clock);
        String detail = type + " " + ref + " " + outcome;
        String before = null;
        if (outcome != Outcome.UPHELD) {
            ObjectionItem item = ObjectionItem.find(em, type, ref);
            before = item.snapshot(em);
            if (outcome == Outcome.CORRECTED) {
                List<String> changed = item.applyCorrection(em, in.correction());
                detail += changed.isEmpty() ? "" : " " + changed;
            } else {
                item.withdraw(em);
            }
            // a rating still in its workflow that the item fed is scored again with the corrected data
            List<RatingService.Rescored> rescored = type.equals("CLASSIFICATION") ? List.of()
                    : ratings.rescoreAfterCorrection(uscc, type.equals("RATING") ? item.rowId() : null,
                            "objection " + id + " " + outcome + " on " + type + " " + ref);
            StringBuilder firmOnly = new StringBuilder();
            for (RatingService.Rescored r : rescored) {
                firmOnly.append("；评级申请 #").append(r.applicationId()).append(" 已按更正后的数据重新评分：")
                        .append(r.gradeBefore() == null ? "无等级" : r.gradeBefore()).append("（").append(r.scoreBefore())
                        .append("）→ ").append(r.gradeAfter() == null ? "无等级" : r.gradeAfter()).append("（")
                        .append(r.scoreAfter()).append("）");
                detail += ", rating application " + r.applicationId() + " re-scored " + r.gradeBefore() + " (" + r.scoreBefore()
                        + ") -> " + r.gradeAfter() + " (" + r.scoreAfter() + ")";
            }
            int sent = corrections.correct(uscc, type, ref, item.eventId(), item.lender(), "OBJECTION", id,
                    "异议处理：" + ref + (outcome == Outcome.CORRECTED ? " 已更正" : " 已撤销") + "（" + today + "）："
                            + (reason.length() > 200 ? reason.substring(0, 200) + "…" : reason), firmOnly.toString(), today);
            detail += ", " + sent + " correction notice(s)";
        }
        em.createNativeQuery("""
                update credit_objections set status = ?2, decision_reason = ?3, correction = cast(?4 as jsonb),
                    item_before = cast(?5 as jsonb), decided_by = ?6, decided_on = ?7, version = version + 1 where id = ?1""")
                .setParameter(1, id).setParameter(2, outcome.name()).setParameter(3, reason)
                .setParameter(4, in.correction() == null ? null : write(in.correction())).setParameter(5, before)
                .setParameter(6, currentUser.name()).setParameter(7, today).executeUpdate();
        audit.record("OBJECTION_" + outcome, "objection", Long.toString(id), uscc + " " + detail, reason);
        return view(id);
    }

    @Transactional
    public ObjectionView get(long id) {
        currentUser.require(Action.CREDIT_READ);
        ObjectionView v = view(id);
        CreditAccess.requireInPark(currentUser, em, v.uscc(), "objection", Long.toString(id));
        CreditAccess.requireOwn(currentUser, v.uscc());
        return v;
    }

    @Transactional
    public PageResult<ObjectionView> list(String uscc, String status, PageRequest page) {
        currentUser.require(Action.CREDIT_READ);
        String firm = currentUser.has(Role.ENTERPRISE) ? String.valueOf(currentUser.uscc())
                : uscc == null || uscc.isBlank() ? "" : uscc.strip();
        String st = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        String where = " where (?1 = '' or o.uscc = ?1) and (?2 = '' or o.status = ?2 or (?2 = 'OPEN' and o.status in"
                + " ('SUBMITTED', 'VERIFYING')))" + CreditAccess.inPark(currentUser, "o.uscc");
        long total = ((Number) em.createNativeQuery("select count(*) from credit_objections o" + where)
                .setParameter(1, firm).setParameter(2, st).getSingleResult()).longValue();
        List<ObjectionView> items = CreditSql.rows(em.createNativeQuery("select o.id from credit_objections o" + where
                + " order by o.id desc limit ?3 offset ?4").setParameter(1, firm).setParameter(2, st)
                .setParameter(3, page.size()).setParameter(4, page.offset())).stream()
                .map(x -> view(CreditSql.lng(x[0]))).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    private Object[] lock(long id) {
        Object[] row = CreditSql.single(em.createNativeQuery("select status, uscc, item_type, item_ref from credit_objections"
                + " where id = ?1 for update").setParameter(1, id));
        if (row == null) {
            throw ProblemException.notFound("objection", Long.toString(id));
        }
        CreditAccess.requireInPark(currentUser, em, (String) row[1], "objection", Long.toString(id));
        return row;
    }

    ObjectionView view(long id) {
        Object[] r = CreditSql.single(em.createNativeQuery("""
                select o.id, o.uscc, f.name, o.item_type, o.item_ref, o.reason, o.status, o.submitted_on, o.due_on,
                       o.referred_to, o.referred_on, o.referral_note, o.decision_reason, cast(o.correction as text),
                       o.decided_by, o.decided_on, o.rule_version, o.created_at
                from credit_objections o join enterprises f on f.uscc = o.uscc where o.id = ?1""").setParameter(1, id));
        if (r == null) {
            throw ProblemException.notFound("objection", Long.toString(id));
        }
        LocalDate due = CreditSql.date(r[8]);
        boolean overdue = OPEN.contains((String) r[6]) && LocalDate.now(clock).isAfter(due);
        return new ObjectionView(CreditSql.lng(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], CreditSql.date(r[7]), due, (String) r[9], CreditSql.date(r[10]),
                (String) r[11], (String) r[12], (String) r[13], (String) r[14], CreditSql.date(r[15]), overdue,
                AttachmentService.list(em, "OBJECTION", id), CreditSql.integer(r[16]), CreditSql.instant(r[17]));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
