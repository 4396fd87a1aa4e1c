package io.parkcredit.credit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.credit.CreditRules.Tier;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.monitoring.MonitoringPass;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.EnumParam;
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
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Credit commitments (DOMAIN.md §8.1): a firm signs one; a 告知承诺 is refused while its credit does
 * not allow it, naming the record; the park sees the verification level its credit sets and records
 * the outcome; a breach becomes a COMMITMENT_BREACH credit event that lists, ratings and monitoring see.
 */
@ApplicationScoped
public class CommitmentService {

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
    MonitoringPass monitoring;

    @Inject
    Corrections corrections;

    @Inject
    RepairService repairs;

    /** {@code POST /api/commitments} (API.md). */
    public record CommitmentInput(String uscc, String kind, String matter, String text, LocalDate signedOn,
            LocalDate dueOn, @JsonProperty("public") Boolean isPublic) {
    }

    /** {@code POST /api/commitments/{id}/outcome} (API.md). */
    public record OutcomeInput(String outcome, Boolean falseStatement, String note) {
    }

    /** The recorded breach event, as the outcome answer carries it. */
    public record BreachEvent(long id, String source, String eventNo, String type, String severity, LocalDate occurredOn,
            String title) {
    }

    public record CommitmentView(long id, String uscc, String name, CommitmentKind kind, String matter, String text,
            LocalDate signedOn, LocalDate dueOn, @JsonProperty("public") boolean isPublic, Verification verification,
            Reason verificationReason, String status, Boolean falseStatement, String note, LocalDate outcomeOn,
            BreachEvent event, int ruleVersion) {
    }

    @Transactional
    public CommitmentView sign(CommitmentInput in) {
        currentUser.require(Action.COMMITMENT_SIGN);
        if (in == null) {
            throw ProblemException.invalid("body", "required");
        }
        String uscc = CreditAccess.firm(currentUser, in.uscc());
        CreditAccess.requireInPark(currentUser, em, uscc, "enterprise", uscc);
        CommitmentKind kind = EnumParam.parse(CommitmentKind.class, "kind", in.kind());
        if (kind == null) {
            throw ProblemException.invalid("kind", "required: APPLICATION, LICENSE, RATING, REPAIR, LAND or VOLUNTARY");
        }
        String matter = Text.required("matter", in.matter(), 300);
        String text = Text.required("text", in.text(), 4000);
        LocalDate today = LocalDate.now(clock);
        LocalDate signedOn = in.signedOn() == null ? today : in.signedOn();
        if (signedOn.isAfter(today)) {
            throw ProblemException.invalid("signedOn", "must not be after today (" + today + ")");
        }
        if (in.dueOn() != null && in.dueOn().isBefore(signedOn)) {
            throw ProblemException.invalid("dueOn", "must not be before signedOn (" + signedOn + ")");
        }
        String name = facts.firmName(uscc);
        CreditRuleSets.Rules r = rules.current();
        List<Reason> refusals = CreditRules.notificationRefusals(kind, facts.notificationFacts(uscc, today, r.params()));
        if (!refusals.isEmpty()) {
            String detail = "告知承诺 is not available until the firm's credit is repaired: " + refusals.stream()
                    .map(x -> x.code() + " " + x.params().values()).collect(Collectors.joining("; "));
            throw ProblemException.conflict("notification-refused", detail)
                    .withReason(Reason.list("notificationRefused", refusals)).with("reasons", refusals);
        }
        Tier tier = CreditRules.verification(facts.standing(uscc, today, r.params()), r.params());
        Number id = (Number) em.createNativeQuery("""
                insert into credit_commitments (uscc, kind, matter, text, signed_on, due_on, public, verification,
                    verification_reason, rule_version, created_by)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb), ?10, ?11) returning id""")
                .setParameter(1, uscc).setParameter(2, kind.name()).setParameter(3, matter).setParameter(4, text)
                .setParameter(5, signedOn).setParameter(6, in.dueOn()).setParameter(7, Boolean.TRUE.equals(in.isPublic()))
                .setParameter(8, tier.level().name()).setParameter(9, write(tier.reason())).setParameter(10, r.version())
                .setParameter(11, currentUser.name()).getSingleResult();
        audit.record("COMMITMENT_SIGNED", "commitment", id.toString(), uscc + " " + kind + " “" + matter + "”, verification "
                + tier.level() + " (" + tier.reason().code() + "), rules v" + r.version(), null);
        return view(id.longValue());
    }

    /** Records the outcome of verification (ADMIN); a breach records a credit event and may revoke a repair. */
    @Transactional
    public CommitmentView outcome(long id, OutcomeInput in) {
        currentUser.require(Action.COMMITMENT_VERIFY);
        if (in == null) {
            throw ProblemException.invalid("body", "required");
        }
        String outcome = in.outcome() == null ? null : in.outcome().strip().toUpperCase(java.util.Locale.ROOT);
        if (!"FULFILLED".equals(outcome) && !"BREACHED".equals(outcome)) {
            throw ProblemException.invalid("outcome", "FULFILLED or BREACHED");
        }
        boolean falseStatement = Boolean.TRUE.equals(in.falseStatement());
        if (falseStatement && outcome.equals("FULFILLED")) {
            throw ProblemException.invalid("falseStatement", "only a BREACHED commitment can have been a false statement");
        }
        String note = Text.required("note", in.note(), 2000);
        Object[] row = CreditSql.single(em.createNativeQuery("select status, uscc, kind, matter from credit_commitments"
                + " where id = ?1 for update").setParameter(1, id));
        if (row == null) {
            throw ProblemException.notFound("commitment", Long.toString(id));
        }
        CreditAccess.requireInPark(currentUser, em, (String) row[1], "commitment", Long.toString(id));
        if (!"OPEN".equals(row[0])) {
            throw ProblemException.conflict("commitment-decided", "commitment " + id + " is already " + row[0]);
        }
        String uscc = (String) row[1];
        CommitmentKind kind = CommitmentKind.valueOf((String) row[2]);
        LocalDate today = LocalDate.now(clock);
        Long eventId = null;
        String detail = outcome;
        if (outcome.equals("BREACHED")) {
            CreditParams p = rules.current().params();
            RepairService.Revocable revocable = kind == CommitmentKind.REPAIR ? repairs.approvedBy(id) : null;
            boolean revokes = revocable != null && CreditRules.revokesRepair(revocable.decidedOn(), today, p);
            Severity severity = CreditRules.breachSeverity(falseStatement, revokes);
            eventId = ((Number) em.createNativeQuery("""
                    insert into credit_events (source, event_no, uscc, type, severity, occurred_on, title, detail)
                    values ('PARK', ?1, ?2, 'COMMITMENT_BREACH', ?3, ?4, ?5, ?6) returning id""")
                    .setParameter(1, "CMT-" + id).setParameter(2, uscc).setParameter(3, severity.name())
                    .setParameter(4, today).setParameter(5, title("违背信用承诺：" + row[3]))
                    .setParameter(6, note).getSingleResult()).longValue();
            detail += (falseStatement ? " (false statement)" : "") + ", event PARK/CMT-" + id + " " + severity;
            if (revokes) {
                repairs.revoke(revocable, id, today);
                detail += ", repair " + revocable.repairId() + " revoked";
            }
            monitoring.processEvents(new long[] {eventId}, today);
            corrections.reclassify(uscc, today);
        }
        em.createNativeQuery("""
                update credit_commitments set status = ?2, false_statement = ?3, outcome_note = ?4, outcome_on = ?5,
                    decided_by = ?6, event_id = ?7, version = version + 1 where id = ?1""")
                .setParameter(1, id).setParameter(2, outcome).setParameter(3, outcome.equals("BREACHED") ? falseStatement : null)
                .setParameter(4, note).setParameter(5, today).setParameter(6, currentUser.name()).setParameter(7, eventId)
                .executeUpdate();
        audit.record("COMMITMENT_" + outcome, "commitment", Long.toString(id), uscc + " " + detail, note);
        return view(id);
    }

    @Transactional
    public CommitmentView get(long id) {
        currentUser.require(Action.CREDIT_READ);
        CommitmentView v = view(id);
        CreditAccess.requireInPark(currentUser, em, v.uscc(), "commitment", Long.toString(id));
        CreditAccess.requireOwn(currentUser, v.uscc());
        return v;
    }

    /** Commitments the caller may see: a firm its own, the park all (or one firm's, or the open ones). */
    @Transactional
    public PageResult<CommitmentView> list(String uscc, String status, PageRequest page) {
        currentUser.require(Action.CREDIT_READ);
        String firm = currentUser.has(Role.ENTERPRISE) ? String.valueOf(currentUser.uscc())
                : uscc == null || uscc.isBlank() ? "" : uscc.strip();
        String st = status == null ? "" : status.strip().toUpperCase(java.util.Locale.ROOT);
        String where = " where (?1 = '' or c.uscc = ?1) and (?2 = '' or c.status = ?2)"
                + CreditAccess.inPark(currentUser, "c.uscc");
        long total = ((Number) em.createNativeQuery("select count(*) from credit_commitments c" + where)
                .setParameter(1, firm).setParameter(2, st).getSingleResult()).longValue();
        List<CommitmentView> items = CreditSql.rows(em.createNativeQuery("select c.id from credit_commitments c" + where
                + " order by c.id desc limit ?3 offset ?4").setParameter(1, firm).setParameter(2, st)
                .setParameter(3, page.size()).setParameter(4, page.offset())).stream()
                .map(r -> view(CreditSql.lng(r[0]))).toList();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    CommitmentView view(long id) {
        Object[] r = CreditSql.single(em.createNativeQuery("""
                select c.id, c.uscc, f.name, c.kind, c.matter, c.text, c.signed_on, c.due_on, c.public, c.verification,
                       cast(c.verification_reason as text), c.status, c.false_statement, c.outcome_note, c.outcome_on,
                       e.id, e.source, e.event_no, e.type, e.severity, e.occurred_on, e.title, c.rule_version
                from credit_commitments c join enterprises f on f.uscc = c.uscc
                left join credit_events e on e.id = c.event_id where c.id = ?1""").setParameter(1, id));
        if (r == null) {
            throw ProblemException.notFound("commitment", Long.toString(id));
        }
        BreachEvent event = r[15] == null ? null : new BreachEvent(CreditSql.lng(r[15]), (String) r[16], (String) r[17],
                (String) r[18], (String) r[19], CreditSql.date(r[20]), (String) r[21]);
        Reason reason;
        try {
            reason = json.readValue((String) r[10], Reason.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored verification reason is not readable", e);
        }
        return new CommitmentView(CreditSql.lng(r[0]), (String) r[1], (String) r[2], CommitmentKind.valueOf((String) r[3]),
                (String) r[4], (String) r[5], CreditSql.date(r[6]), CreditSql.date(r[7]), Boolean.TRUE.equals(r[8]),
                Verification.valueOf((String) r[9]), reason, (String) r[11], (Boolean) r[12], (String) r[13],
                CreditSql.date(r[14]), event, CreditSql.integer(r[22]));
    }

    private static String title(String t) {
        return t.length() <= 300 ? t : t.substring(0, 299) + "…";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
