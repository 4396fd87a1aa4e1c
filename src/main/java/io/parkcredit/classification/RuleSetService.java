package io.parkcredit.classification;

import io.parkcredit.security.Action;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.AuditLog;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.db.VersionedJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The versioned classification rule sets (DOMAIN.md §4 parameters). Editing never changes a
 * version: it adds the next one, so every run keeps pointing at the rules it used.
 */
@ApplicationScoped
public class RuleSetService {

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    public record RuleSet(long id, int version, RuleParams params, String note, String createdBy, Instant createdAt) {
    }

    @Transactional
    public RuleSet current() {
        return list(1).get(0);
    }

    /** The current rule set as a reader asks for it: the right is checked. */
    @Transactional
    public RuleSet read() {
        currentUser.require(Action.CLASSIFICATION_RULES_READ);
        return current();
    }

    @Transactional
    public List<RuleSet> history() {
        currentUser.require(Action.CLASSIFICATION_RULES_READ);
        return list(100);
    }

    @Transactional
    public RuleSet byId(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, version, cast(params as text), note, created_by, created_at"
                + " from classification_rule_sets where id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("rule set", Long.toString(id));
        }
        return map(rows.get(0));
    }

    /** Stores the parameters as the next version (ADMIN), with the reason for the change. */
    @Transactional
    public RuleSet update(RuleParams params, String note) {
        currentUser.require(Action.CLASSIFICATION_RULES_CHANGE);
        if (params == null) {
            throw ProblemException.invalid("params", "required");
        }
        var problems = params.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("rule set parameters are invalid",
                    problems.stream().map(p -> FieldProblem.of(p[0], p[1])).toList());
        }
        if (note == null || note.isBlank()) {
            throw ProblemException.invalid("note", "say why the rules change");
        }
        VersionedJson.append(em, json, "classification_rule_sets", "params", params, note.strip(), audit.actor());
        RuleSet created = list(1).get(0);
        audit.record("RULE_SET_CHANGED", "classification-rules", "v" + created.version(),
                json.valueToTree(params).toString(), note.strip());
        return created;
    }

    private List<RuleSet> list(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, version, cast(params as text), note, created_by, created_at"
                + " from classification_rule_sets order by version desc limit " + limit).getResultList();
        return rows.stream().map(this::map).toList();
    }

    private RuleSet map(Object[] r) {
        try {
            Object at = r[5];
            Instant created = VersionedJson.instant(at);
            return new RuleSet(((Number) r[0]).longValue(), ((Number) r[1]).intValue(),
                    json.readValue((String) r[2], RuleParams.class), (String) r[3], (String) r[4], created);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule set is not readable", e);
        }
    }
}
