package io.parkcredit.rating;

import io.parkcredit.security.Action;
import io.parkcredit.security.CurrentUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.security.AuditLog;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.parkcredit.shared.db.VersionedJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The versioned indicator models (DOMAIN.md §5). Version 1, the documented default
 * ({@code default-model.json}), is stored on first start; editing (ADMIN) adds the next version
 * with its reason and never changes an old one, so every rating keeps the model it was scored with.
 */
@ApplicationScoped
public class RatingModelService {

    static final String DEFAULT_RESOURCE = "/io/parkcredit/rating/default-model.json";

    @Inject
    CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    public record Version(int version, RatingModel model, String note, String createdBy, Instant createdAt) {
    }

    @Transactional
    void seed(@Observes StartupEvent start) {
        em.createNativeQuery("insert into rating_models (version, model, note, created_by)"
                + " values (1, cast(?1 as jsonb), ?2, 'system') on conflict (version) do nothing")
                .setParameter(1, defaultJson()).setParameter(2, "默认指标体系 default model (README)").executeUpdate();
    }

    /** The default model as shipped, read from the classpath. */
    public static String defaultJson() {
        try (InputStream in = RatingModelService.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional
    public Version current() {
        return list("order by version desc limit 1").get(0);
    }

    /** The current model as a reader asks for it: the right is checked ({@link Action#RATING_MODEL_READ}). */
    @Transactional
    public Version read() {
        currentUser.require(Action.RATING_MODEL_READ);
        return current();
    }

    @Transactional
    public Version version(int version) {
        List<Version> found = list("where version = " + version);
        if (found.isEmpty()) {
            throw ProblemException.notFound("rating model version", Integer.toString(version));
        }
        return found.get(0);
    }

    @Transactional
    public List<Version> history() {
        currentUser.require(Action.RATING_MODEL_HISTORY);
        return list("order by version desc limit 100");
    }

    /** Stores an edited model as the next version (ADMIN) with the reason. */
    @Transactional
    public Version update(RatingModel model, String note) {
        currentUser.require(Action.RATING_MODEL_CHANGE);
        if (model == null) {
            throw ProblemException.invalid("model", "required");
        }
        var problems = model.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("the indicator model is invalid",
                    problems.stream().map(p -> FieldProblem.of(p[0], p[1])).toList());
        }
        if (note == null || note.isBlank()) {
            throw ProblemException.invalid("note", "say why the model changes");
        }
        VersionedJson.append(em, json, "rating_models", "model", model, note.strip(), audit.actor());
        Version v = current();
        audit.record("RATING_MODEL_CHANGED", "rating-model", "v" + v.version(),
                model.indicators().size() + " indicators, weights " + Scorer.num(model.totalWeight()), note.strip());
        return v;
    }

    private List<Version> list(String tail) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select version, cast(model as text), note, created_by, created_at"
                + " from rating_models " + tail).getResultList();
        return rows.stream().map(r -> {
            try {
                Object at = r[4];
                Instant created = VersionedJson.instant(at);
                return new Version(((Number) r[0]).intValue(), json.readValue((String) r[1], RatingModel.class),
                        (String) r[2], (String) r[3], created);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored rating model is not readable", e);
            }
        }).toList();
    }
}
