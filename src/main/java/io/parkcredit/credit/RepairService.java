package io.parkcredit.credit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.credit.CreditFacts.Negative;
import io.parkcredit.credit.CreditRules.Publication;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Reason;
import io.parkcredit.shared.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Credit repair (DOMAIN.md §8.3): a firm sees each negative record's publication window and first
 * repair day, applies with evidence and a REPAIR commitment, and the ADMIN decides within 5 working
 * days. An approved repair sets the record's {@code repaired_on}: it stops counting (§4, §5) and
 * being published, everyone told of it gets a CORRECTION and the firm's draft lists are decided again.
 */
@ApplicationScoped
public class RepairService {

    static final int MAX_EVIDENCE = 20;

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
    AttachmentService attachments;

    /** {@code POST /api/repairs} (API.md). */
    public record RepairInput(String uscc, String itemRef, List<String> evidence, Long commitmentId) {
    }

    /** {@code POST /api/repairs/{id}/decision} (API.md). */
    public record DecisionInput(String outcome, String reason) {
    }

    public record RepairView(long id, String uscc, String name, String itemRef, String severity, List<String> evidence,
            long commitmentId, String status, LocalDate submittedOn, LocalDate dueOn, String reason, String decidedBy,
            LocalDate decidedOn, LocalDate revokedOn, boolean overdue, int ruleVersion, Instant createdAt,
            List<AttachmentService.AttachmentView> attachments) {
    }

    /** One negative record of a firm with its §8.3 windows and what stands in the way of repairing it today. */
    public record RecordView(String ref, String type, String severity, String title, LocalDate occurredOn,
            LocalDate repairedOn, LocalDate publishedUntil, LocalDate firstRepairDay, boolean published, boolean counts,
            boolean underObjection, Reason repairRefusal) {
    }

    /** An approved repair whose commitment a breach may revoke. */
    record Revocable(long repairId, long eventId, String uscc, String itemRef, LocalDate decidedOn) {
    }

    /** The firm's negative records with their windows (the firm's own; the park any firm's). */
    @Transactional
    public List<RecordView> records(String uscc) {
        currentUser.require(Action.CREDIT_READ);
        String firm = CreditAccess.firm(currentUser, uscc);
        CreditAccess.requireInPark(currentUser, em, firm, "enterprise", firm);
        facts.firmName(firm);
        CreditParams p = rules.current().params();
        LocalDate today = LocalDate.now(clock);
        List<RecordView> out = new ArrayList<>();
        for (Negative n : facts.negatives(firm)) {
            Optional<Publication> pub = CreditRules.publication(n.fact().severity(), n.fact().occurredOn(), p);
            Object[] last = lastApplication(n.id());
            boolean open = last != null && "SUBMITTED".equals(last[0]);
            LocalDate rejected = last != null && "REJECTED".equals(last[0]) ? CreditSql.date(last[1]) : null;
            out.add(new RecordView(n.fact().ref(), n.fact().type().name(), n.fact().severity().name(), n.title(),
                    n.fact().occurredOn(), n.fact().repairedOn(), pub.map(Publication::lastDay).orElse(null),
                    CreditRules.firstRepairDay(n.fact(), p), CreditRules.publishedOn(n.fact(), today, p),
                    CreditRules.countsOn(n.fact(), today, p), ObjectionService.underObjection(em, "CREDIT_EVENT", n.fact().ref()),
                    CreditRules.repairRefusal(n.fact(), today, rejected, open, p).orElse(null)));
        }
        return out;
    }

    @Transactional
    public RepairView apply(RepairInput in) {
        currentUser.require(Action.REPAIR_APPLY);
        if (in == null) {
            throw ProblemException.invalid("body", "required");
        }
        String uscc = CreditAccess.firm(currentUser, in.uscc());
        CreditAccess.requireInPark(currentUser, em, uscc, "enterprise", uscc);
        String itemRef = Text.required("itemRef", in.itemRef(), 200);
        facts.firmName(uscc);
        Negative record = facts.event(itemRef, uscc).orElseThrow(() -> ProblemException.notFound("credit record", itemRef));
        em.createNativeQuery("select id from credit_events where id = ?1 for update").setParameter(1, record.id()).getResultList();
        CreditRuleSets.Rules r = rules.current();
        LocalDate today = LocalDate.now(clock);
        Object[] last = lastApplication(record.id());
        boolean open = last != null && "SUBMITTED".equals(last[0]);
        LocalDate rejected = last != null && "REJECTED".equals(last[0]) ? CreditSql.date(last[1]) : null;
        Optional<Reason> refusal = CreditRules.repairRefusal(record.fact(), today, rejected, open, r.params());
        if (refusal.isPresent()) {
            Reason why = refusal.get();
            String first = why.params().get("firstDay");
            ProblemException e = ProblemException.conflict("repair-refused", why.code() + ": " + itemRef
                    + (first == null ? "" : ", the first day to apply is " + first)).withReason(Reason.list("repairRefused",
                            List.of(why))).with("code", why.code());
            if (first != null) {
                e.with("firstDay", first);
            }
            throw e;
        }
        List<String> evidence = evidence(in.evidence(), record.fact().severity());
        long commitment = repairCommitment(in.commitmentId(), uscc);
        LocalDate due = rules.calendar().plusWorkingDays(today, r.params().repairWorkingDays());
        Number id = (Number) em.createNativeQuery("""
                insert into credit_repairs (uscc, event_id, item_ref, severity, evidence, commitment_id, submitted_on, due_on,
                    rule_version, created_by)
                values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7, ?8, ?9, ?10) returning id""")
                .setParameter(1, uscc).setParameter(2, record.id()).setParameter(3, record.fact().ref())
                .setParameter(4, record.fact().severity().name()).setParameter(5, write(evidence)).setParameter(6, commitment)
                .setParameter(7, today).setParameter(8, due).setParameter(9, r.version()).setParameter(10, currentUser.name())
                .getSingleResult();
        audit.record("REPAIR_APPLIED", "repair", id.toString(), uscc + " " + record.fact().ref() + " ("
                + record.fact().severity() + "), commitment " + commitment + ", " + evidence.size() + " evidence item(s), due "
                + due, null);
        return view(id.longValue());
    }

    /**
     * The page's repair form: the application and its evidence files in one transaction, so a refused
     * file (type, size, count) leaves no application behind.
     */
    @Transactional
    public RepairView apply(RepairInput in, List<AttachmentService.Upload> files) {
        RepairView r = apply(in);
        for (AttachmentService.Upload f : files) {
            attachments.upload("REPAIR", r.id(), f.fileName(), f.contentType(), f.content());
        }
        return files.isEmpty() ? r : view(r.id());
    }

    private List<String> evidence(List<String> raw, Severity severity) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            if (raw.size() > MAX_EVIDENCE) {
                throw ProblemException.invalid("evidence", "at most " + MAX_EVIDENCE + " items");
            }
            for (int i = 0; i < raw.size(); i++) {
                String v = Text.optional("evidence[" + i + "]", raw.get(i), 2000);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        int needed = CreditRules.evidenceNeeded(severity);
        if (out.size() < needed) {
            throw ProblemException.invalid("evidence", severity == Severity.SERIOUS
                    ? "a SERIOUS record needs proof that the obligation is met and a credit report or training certificate (2 items)"
                    : "proof that the obligation is met (penalty paid, judgement performed) is required");
        }
        return out;
    }

    private long repairCommitment(Long id, String uscc) {
        if (id == null) {
            throw ProblemException.invalid("commitmentId", "a REPAIR commitment (修复承诺) signed by the firm is required");
        }
        Object[] c = CreditSql.single(em.createNativeQuery("select uscc, kind, status from credit_commitments where id = ?1")
                .setParameter(1, id));
        List<FieldProblem> problems = new ArrayList<>();
        if (c == null || !uscc.equals(c[0])) {
            problems.add(FieldProblem.of("commitmentId", "no commitment " + id + " of this firm"));
        } else if (!"REPAIR".equals(c[1])) {
            problems.add(FieldProblem.of("commitmentId", "commitment " + id + " is " + c[1] + ", not a REPAIR commitment"));
        } else if (!"OPEN".equals(c[2])) {
            problems.add(FieldProblem.of("commitmentId", "commitment " + id + " is " + c[2]));
        } else if (!em.createNativeQuery("select 1 from credit_repairs where commitment_id = ?1 and status <> 'REJECTED'")
                .setParameter(1, id).getResultList().isEmpty()) {
            problems.add(FieldProblem.of("commitmentId", "commitment " + id + " already backs another repair"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.get(0).field() + ": " + problems.get(0).message(), problems);
        }
        return id;
    }

    /** The ADMIN's decision; an approval repairs the record on the decision day. */
    @Transactional
    public RepairView decide(long id, DecisionInput in) {
        currentUser.require(Action.REPAIR_DECIDE);
        if (in == null) {
            throw ProblemException.invalid("body", "required");
        }
        String outcome = in.outcome() == null ? null : in.outcome().strip().toUpperCase(java.util.Locale.ROOT);
        if (!"APPROVED".equals(outcome) && !"REJECTED".equals(outcome)) {
            throw ProblemException.invalid("outcome", "APPROVED or REJECTED");
        }
        String reason = Text.required("reason", in.reason(), 2000);
        Object[] row = CreditSql.single(em.createNativeQuery("select status, uscc, event_id, item_ref from credit_repairs"
                + " where id = ?1 for update").setParameter(1, id));
        if (row == null) {
            throw ProblemException.notFound("repair application", Long.toString(id));
        }
        CreditAccess.requireInPark(currentUser, em, (String) row[1], "repair application", Long.toString(id));
        if (!"SUBMITTED".equals(row[0])) {
            throw ProblemException.conflict("repair-decided", "repair application " + id + " is already " + row[0]);
        }
        LocalDate today = LocalDate.now(clock);
        String uscc = (String) row[1];
        long eventId = CreditSql.lng(row[2]);
        em.createNativeQuery("update credit_repairs set status = ?2, decision_reason = ?3, decided_by = ?4, decided_on = ?5,"
                + " version = version + 1 where id = ?1").setParameter(1, id).setParameter(2, outcome).setParameter(3, reason)
                .setParameter(4, currentUser.name()).setParameter(5, today).executeUpdate();
        String detail = uscc + " " + row[3] + " " + outcome;
        if (outcome.equals("APPROVED")) {
            int changed = em.createNativeQuery("update credit_events set repaired_on = ?2, updated_at = now() where id = ?1"
                    + " and (repaired_on is null or repaired_on > ?2)").setParameter(1, eventId).setParameter(2, today)
                    .executeUpdate();
            if (changed == 0) {
                throw ProblemException.conflict("repair-decided", "record " + row[3] + " is already repaired");
            }
            int sent = corrections.correct(uscc, "CREDIT_EVENT", (String) row[3], eventId, null, "REPAIR", id,
                    "信用修复：" + row[3] + " 已于 " + today + " 修复，不再计入信用评价，停止公示", today);
            detail += ", repaired on " + today + ", " + sent + " correction notice(s)";
        }
        audit.record("REPAIR_" + outcome, "repair", Long.toString(id), detail, reason);
        return view(id);
    }

    /** The approved repair a REPAIR commitment backs, if any. */
    Revocable approvedBy(long commitmentId) {
        Object[] r = CreditSql.single(em.createNativeQuery("select id, event_id, uscc, item_ref, decided_on from credit_repairs"
                + " where commitment_id = ?1 and status = 'APPROVED' for update").setParameter(1, commitmentId));
        return r == null ? null : new Revocable(CreditSql.lng(r[0]), CreditSql.lng(r[1]), (String) r[2], (String) r[3],
                CreditSql.date(r[4]));
    }

    /** Revokes a repair whose commitment was breached within its year (§8.3): the record counts again. */
    void revoke(Revocable r, long commitmentId, LocalDate today) {
        em.createNativeQuery("update credit_repairs set status = 'REVOKED', revoked_on = ?2, version = version + 1"
                + " where id = ?1").setParameter(1, r.repairId()).setParameter(2, today).executeUpdate();
        em.createNativeQuery("update credit_events set repaired_on = null, updated_at = now() where id = ?1")
                .setParameter(1, r.eventId()).executeUpdate();
        corrections.correct(r.uscc(), "CREDIT_EVENT", r.itemRef(), r.eventId(), null, "REVOCATION", r.repairId(),
                "信用修复撤销：" + r.itemRef() + " 因违背修复承诺（承诺 " + commitmentId + "）于 " + today + " 恢复计入", today);
        audit.record("REPAIR_REVOKED", "repair", Long.toString(r.repairId()), r.uscc() + " " + r.itemRef()
                + ": repair commitment " + commitmentId + " breached on " + today, null);
    }

    @Transactional
    public RepairView get(long id) {
        currentUser.require(Action.CREDIT_READ);
        RepairView v = view(id);
        CreditAccess.requireInPark(currentUser, em, v.uscc(), "repair application", Long.toString(id));
        CreditAccess.requireOwn(currentUser, v.uscc());
        return v;
    }

    @Transactional
    public PageResult<RepairView> list(String uscc, String status, PageRequest page) {
        currentUser.require(Action.CREDIT_READ);
        String firm = currentUser.has(Role.ENTERPRISE) ? String.valueOf(currentUser.uscc())
                : uscc == null || uscc.isBlank() ? "" : uscc.strip();
        String st = status == null ? "" : status.strip().toUpperCase(java.util.Locale.ROOT);
        String where = " where (?1 = '' or r.uscc = ?1) and (?2 = '' or r.status = ?2)"
                + CreditAccess.inPark(currentUser, "r.uscc");
        long total = ((Number) em.createNativeQuery("select count(*) from credit_repairs r" + where)
                .setParameter(1, firm).setParameter(2, st).getSingleResult()).longValue();
        List<RepairView> items = CreditSql.rows(em.createNativeQuery("select r.id from credit_repairs r" + where
                + " order by r.id desc limit ?3 offset ?4").setParameter(1, firm).setParameter(2, st)
                .setParameter(3, page.size()).setParameter(4, page.offset())).stream()
                .map(x -> view(CreditSql.lng(x[0]))).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    RepairView view(long id) {
        Object[] r = CreditSql.single(em.createNativeQuery("""
                select r.id, r.uscc, f.name, r.item_ref, r.severity, cast(r.evidence as text), r.commitment_id, r.status,
                       r.submitted_on, r.due_on, r.decision_reason, r.decided_by, r.decided_on, r.revoked_on, r.rule_version,
                       r.created_at
                from credit_repairs r join enterprises f on f.uscc = r.uscc where r.id = ?1""").setParameter(1, id));
        if (r == null) {
            throw ProblemException.notFound("repair application", Long.toString(id));
        }
        List<String> evidence;
        try {
            evidence = json.readValue((String) r[5], new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not readable", e);
        }
        LocalDate due = CreditSql.date(r[9]);
        boolean overdue = "SUBMITTED".equals(r[7]) && LocalDate.now(clock).isAfter(due);
        return new RepairView(CreditSql.lng(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4], evidence,
                CreditSql.lng(r[6]), (String) r[7], CreditSql.date(r[8]), due, (String) r[10], (String) r[11],
                CreditSql.date(r[12]), CreditSql.date(r[13]), overdue, CreditSql.integer(r[14]), CreditSql.instant(r[15]),
                AttachmentService.list(em, "REPAIR", id));
    }

    private Object[] lastApplication(long eventId) {
        return CreditSql.single(em.createNativeQuery("select status, decided_on from credit_repairs where event_id = ?1"
                + " order by id desc limit 1").setParameter(1, eventId));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
