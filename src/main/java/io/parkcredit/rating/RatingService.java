package io.parkcredit.rating;

import io.parkcredit.credit.ObjectionMarks;
import io.parkcredit.security.Action;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.rating.Qualification.Clause;
import io.parkcredit.rating.RatingFacts.Event;
import io.parkcredit.rating.RatingViews.ApplicationView;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.PageRequest;
import io.parkcredit.shared.PageResult;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rating workflow of DOMAIN.md §5 (seed 002 第十三条): application → qualification check →
 * preliminary review → on-site scoring and draft grade → the firm's objection window → approval →
 * publicity period → publication (valid 3 years) → expiry; revocation bars a new application for 3
 * years; a re-rating may be requested in the last 3 months. Each step is guarded by the state it
 * starts from (409 otherwise) and audited. Days are passed in, so deadlines are testable.
 */
@ApplicationScoped
public class RatingService {

    static final String OPEN = "('APPLIED', 'QUALIFIED', 'UNDER_EVALUATION', 'DRAFT', 'OBJECTED', 'AWAITING_APPROVAL',"
            + " 'APPROVED')";
    private static final TypeReference<List<Clause>> CLAUSES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() { };

    /**
     * The workflow steps on one application: the state each starts from and the action whose roles
     * take it ({@link Action}; only the rated firm's own ENTERPRISE user where {@code firm}). The
     * guards below and the pages' buttons both read this table.
     */
    public enum Step {
        QUALIFY("APPLIED", false, Action.RATING_QUALIFY),
        REVIEW("QUALIFIED", false, Action.RATING_REVIEW),
        SCORE("UNDER_EVALUATION", false, Action.RATING_SCORE),
        OBJECT("DRAFT", true, Action.RATING_OBJECT),
        ACCEPT("DRAFT", true, Action.RATING_ACCEPT),
        RESOLVE("OBJECTED", false, Action.RATING_RESOLVE),
        APPROVE("AWAITING_APPROVAL", false, Action.RATING_APPROVE),
        REVOKE("PUBLISHED", false, Action.RATING_REVOKE);

        final String from;
        final boolean firm;
        final Action action;

        Step(String from, boolean firm, Action action) {
            this.from = from;
            this.firm = firm;
            this.action = action;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    @Inject
    CurrentUser currentUser;

    @Inject
    RatingConfig config;

    @Inject
    RatingModelService models;

    @Inject
    RatingScoring scoring;

    @Inject
    ObjectionMarks objectionMarks;

    /** A firm applies (its ENTERPRISE user, or ADMIN on its behalf). */
    @Transactional
    public ApplicationView apply(String uscc, LocalDate day) {
        currentUser.require(Action.RATING_APPLY);
        if (!currentUser.has(Role.ADMIN) && !(currentUser.has(Role.ENTERPRISE) && uscc.equals(currentUser.uscc()))) {
            throw ProblemException.forbidden("a firm applies for its own rating");
        }
        Object[] firm = single(em.createNativeQuery("select uscc, park_id from enterprises where uscc = ?1 for update")
                .setParameter(1, uscc));
        if (firm == null) {
            throw ProblemException.notFound("enterprise", uscc);
        }
        currentUser.requireInScope(((Number) firm[1]).intValue(), "enterprise", uscc);
        ApplicationRules.Kind kind = kind(uscc, day);
        Object[] id = single(em.createNativeQuery("""
                insert into rating_applications (uscc, kind, status, applied_on, applied_by, fiscal_year)
                values (?1, ?2, 'APPLIED', ?3, ?4, ?5) returning id""").setParameter(1, uscc).setParameter(2, kind.name())
                .setParameter(3, day).setParameter(4, currentUser.name()).setParameter(5, day.getYear() - 1));
        long appId = ((Number) id[0]).longValue();
        audit.record("RATING_APPLIED", "rating", key(appId, uscc), kind + " application, fiscal year " + (day.getYear() - 1), null);
        return view(appId);
    }

    /**
     * Why a firm may not apply on {@code day} (barred, an application open, before the re-rating
     * window), or null when it may: the apply form shows this instead of its button.
     */
    @Transactional
    public ProblemException applyBlocked(String uscc, LocalDate day) {
        try {
            kind(uscc, day);
            return null;
        } catch (ProblemException e) {
            return e;
        }
    }

    private ApplicationRules.Kind kind(String uscc, LocalDate day) {
        boolean open = single(em.createNativeQuery("select id from rating_applications where uscc = ?1 and status in "
                + OPEN).setParameter(1, uscc)) != null;
        Object[] revoked = single(em.createNativeQuery(
                "select max(revoked_on) from published_ratings where uscc = ?1").setParameter(1, uscc));
        Object[] valid = single(em.createNativeQuery("select max(valid_until) from published_ratings where uscc = ?1"
                + " and valid_until >= ?2 and revoked_on is null").setParameter(1, uscc)
                .setParameter(2, day));
        return ApplicationRules.check(day, open, date(revoked[0]), date(valid[0]),
                config.revocationBarYears(), config.reratingMonths());
    }

    /**
     * The steps the signed-in user may take on {@code a} on {@code day}: its state is the one the
     * step starts from, the user has the step's role (or is the firm), and an objection is inside
     * its window.
     */
    public Set<Step> steps(ApplicationView a, LocalDate day) {
        Set<Step> steps = java.util.EnumSet.noneOf(Step.class);
        for (Step s : Step.values()) {
            if (s.from.equals(a.status()) && currentUser.may(s.action) && (!s.firm || ownFirm(a.uscc()))) {
                steps.add(s);
            }
        }
        if (a.objectionDeadline() != null && day.isAfter(a.objectionDeadline())) {
            steps.remove(Step.OBJECT);
        }
        return steps;
    }

    /** The platform checks the qualifications (ADMIN starts it); a failed check ends the application with its reasons. */
    @Transactional
    public ApplicationView qualify(long id, LocalDate day) {
        App a = lock(id, Step.QUALIFY);
        @SuppressWarnings("unchecked")
        List<Object[]> firm = em.createNativeQuery("select status, in_park, registered_on from enterprises where uscc = ?1")
                .setParameter(1, a.uscc).getResultList();
        Object[] f = firm.get(0);
        @SuppressWarnings("unchecked")
        List<Object> years = em.createNativeQuery("select year from financial_statements where uscc = ?1 and revenue > 0")
                .setParameter(1, a.uscc).getResultList();
        Set<Integer> revenueYears = new HashSet<>();
        years.forEach(y -> revenueYears.add(((Number) y).intValue()));
        @SuppressWarnings("unchecked")
        List<Object[]> ev = em.createNativeQuery("select type, severity, occurred_on, repaired_on, cast(grade as text) from credit_events"
                + " where uscc = ?1").setParameter(1, a.uscc).getResultList();
        List<Event> events = ev.stream().map(r -> new Event((String) r[0], (String) r[1], date(r[2]), date(r[3]),
                (String) r[4])).toList();
        List<Clause> clauses = Qualification.check(day, (String) f[0], (Boolean) f[1], date(f[2]), revenueYears, events);
        boolean ok = Qualification.passed(clauses);
        em.createNativeQuery("update rating_applications set status = ?2, qualification = cast(?3 as jsonb),"
                + " version = version + 1, updated_at = now() where id = ?1").setParameter(1, id)
                .setParameter(2, ok ? "QUALIFIED" : "NOT_QUALIFIED").setParameter(3, write(clauses)).executeUpdate();
        audit.record(ok ? "RATING_QUALIFIED" : "RATING_NOT_QUALIFIED", "rating", key(id, a.uscc),
                clauses.stream().filter(c -> !c.passed()).map(Clause::detail).reduce((x, y) -> x + "；" + y)
                        .orElse("all qualification clauses passed"), null);
        return view(id);
    }

    /** Preliminary review of the materials (资料初审) by ADMIN: the application goes to the evaluator. */
    @Transactional
    public ApplicationView review(long id, String note) {
        App a = lock(id, Step.REVIEW);
        em.createNativeQuery("update rating_applications set status = 'UNDER_EVALUATION', review_note = ?2,"
                + " version = version + 1, updated_at = now() where id = ?1").setParameter(1, id).setParameter(2, note)
                .executeUpdate();
        audit.record("RATING_REVIEWED", "rating", key(id, a.uscc), "materials accepted", note);
        return view(id);
    }

    /**
     * The EVALUATOR enters the on-site scores; the platform computes every quantitative indicator,
     * proposes the grade and opens the firm's objection window.
     */
    @Transactional
    public ApplicationView score(long id, Map<String, Double> onsite, LocalDate day) {
        App a = lock(id, Step.SCORE);
        RatingResult r = compute(a, onsite, day);
        em.createNativeQuery("""
                update rating_applications set status = 'DRAFT', onsite_scores = cast(?2 as jsonb), evaluator = ?3,
                  model_version = ?4, score = ?5, grade = ?6, result = cast(?7 as jsonb), scored_on = ?8,
                  objection_deadline = ?9, version = version + 1, updated_at = now() where id = ?1""")
                .setParameter(1, id).setParameter(2, write(onsite)).setParameter(3, currentUser.name())
                .setParameter(4, r.modelVersion()).setParameter(5, r.score())
                .setParameter(6, r.grade() == null ? null : r.grade().name()).setParameter(7, write(r))
                .setParameter(8, day).setParameter(9, day.plusDays(config.objectionDays())).executeUpdate();
        audit.record("RATING_SCORED", "rating", key(id, a.uscc), "draft " + gradeText(r) + " (" + r.score()
                + "), model v" + r.modelVersion() + ", objections until " + day.plusDays(config.objectionDays()), null);
        return view(id);
    }

    /** The firm objects to its draft within the window (DOMAIN.md §8). */
    @Transactional
    public ApplicationView object(long id, String reason, LocalDate day) {
        App a = lock(id, Step.OBJECT);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "say what is wrong with the draft");
        }
        if (day.isAfter(a.objectionDeadline)) {
            throw ProblemException.conflict("objection-window-closed", "异议期已于 " + a.objectionDeadline + " 结束",
                    "deadline", a.objectionDeadline);
        }
        em.createNativeQuery("update rating_applications set status = 'OBJECTED', objection = ?2, version = version + 1,"
                + " updated_at = now() where id = ?1").setParameter(1, id).setParameter(2, reason.strip()).executeUpdate();
        audit.record("RATING_OBJECTED", "rating", key(id, a.uscc), "objection to the draft " + a.grade, reason.strip());
        return view(id);
    }

    /** The firm accepts its draft, closing the objection window early. */
    @Transactional
    public ApplicationView accept(long id) {
        App a = lock(id, Step.ACCEPT);
        em.createNativeQuery("update rating_applications set status = 'AWAITING_APPROVAL', version = version + 1,"
                + " updated_at = now() where id = ?1").setParameter(1, id).executeUpdate();
        audit.record("RATING_DRAFT_ACCEPTED", "rating", key(id, a.uscc), "the firm accepted the draft " + a.grade, null);
        return view(id);
    }

    /**
     * The objection is answered (ADMIN or EVALUATOR): upheld as it is, or corrected with new on-site
     * scores, which re-scores the draft. The application then awaits approval.
     */
    @Transactional
    public ApplicationView resolve(long id, String answer, Map<String, Double> correctedOnsite, LocalDate day) {
        App a = lock(id, Step.RESOLVE);
        if (answer == null || answer.isBlank()) {
            throw ProblemException.invalid("answer", "give the reason for the decision");
        }
        String detail;
        if (correctedOnsite != null && !correctedOnsite.isEmpty()) {
            RatingResult r = compute(a, correctedOnsite, day);
            em.createNativeQuery("""
                    update rating_applications set onsite_scores = cast(?2 as jsonb), model_version = ?3, score = ?4,
                      grade = ?5, result = cast(?6 as jsonb), scored_on = ?7 where id = ?1""")
                    .setParameter(1, id).setParameter(2, write(correctedOnsite)).setParameter(3, r.modelVersion())
                    .setParameter(4, r.score()).setParameter(5, r.grade() == null ? null : r.grade().name())
                    .setParameter(6, write(r)).setParameter(7, day).executeUpdate();
            detail = "objection corrected: " + a.grade + " (" + a.score + ") -> " + gradeText(r) + " (" + r.score() + ")";
        } else {
            detail = "objection upheld as scored: " + a.grade + " (" + a.score + ")";
        }
        em.createNativeQuery("update rating_applications set status = 'AWAITING_APPROVAL', objection_answer = ?2,"
                + " version = version + 1, updated_at = now() where id = ?1").setParameter(1, id)
                .setParameter(2, answer.strip()).executeUpdate();
        audit.record("RATING_OBJECTION_RESOLVED", "rating", key(id, a.uscc), detail, answer.strip());
        return view(id);
    }

    /** An application scored again after a correction: its grade and score before and after. */
    public record Rescored(long applicationId, String status, String gradeBefore, BigDecimal scoreBefore, String gradeAfter,
            BigDecimal scoreAfter) {
    }

    /**
     * Scores again the firm's applications still in the workflow (scored, not yet published) after an
     * item feeding them was corrected or withdrawn on an objection (DOMAIN.md §8.2): the same on-site
     * sheet, model version and rating day, over the registry as it is now. The state is kept; each
     * application's audit names the cause. {@code applicationId} narrows it to one application (an
     * objection to the rating result itself). The caller decided the objection under its own right.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Rescored> rescoreAfterCorrection(String uscc, Long applicationId, String cause) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from rating_applications where uscc = ?1"
                + " and status in ('DRAFT', 'OBJECTED', 'AWAITING_APPROVAL', 'APPROVED') and onsite_scores is not null"
                + " and (?2 = 0 or id = ?2) order by id for update").setParameter(1, uscc)
                .setParameter(2, applicationId == null ? 0L : applicationId).getResultList();
        List<Rescored> out = new ArrayList<>();
        for (Object idValue : ids) {
            long id = ((Number) idValue).longValue();
            Object[] r = single(em.createNativeQuery("select status, fiscal_year, grade, score, cast(onsite_scores as text),"
                    + " model_version, scored_on from rating_applications where id = ?1").setParameter(1, id));
            App a = new App(id, uscc, (String) r[0], ((Number) r[1]).intValue(), (String) r[2], (BigDecimal) r[3], null, null);
            Map<String, Double> onsite;
            try {
                onsite = json.readValue((String) r[4], SCORES);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored on-site scores of application " + id + " are not readable", e);
            }
            RatingModelService.Version model = r[5] == null ? models.current() : models.version(((Number) r[5]).intValue());
            RatingResult result = compute(a, onsite, date(r[6]), model);
            em.createNativeQuery("update rating_applications set score = ?2, grade = ?3, result = cast(?4 as jsonb),"
                    + " version = version + 1, updated_at = now() where id = ?1").setParameter(1, id)
                    .setParameter(2, result.score()).setParameter(3, result.grade() == null ? null : result.grade().name())
                    .setParameter(4, write(result)).executeUpdate();
            audit.record("RATING_RESCORED", "rating", key(id, uscc), a.status + " application scored again on " + r[6]
                    + " after " + cause + ": " + (a.grade == null ? "no grade" : a.grade) + " (" + a.score + ") -> "
                    + gradeText(result) + " (" + result.score() + ")", null);
            out.add(new Rescored(id, a.status, a.grade, a.score, result.grade() == null ? null : result.grade().name(),
                    result.score()));
        }
        return out;
    }

    /** ADMIN approves (结果审定): the publicity period starts; a score below 10 ends without a grade. */
    @Transactional
    public ApplicationView approve(long id, LocalDate day) {
        App a = lock(id, Step.APPROVE);
        if (a.grade == null) {
            em.createNativeQuery("update rating_applications set status = 'NOT_GRADED', approved_by = ?2, approved_on = ?3,"
                    + " version = version + 1, updated_at = now() where id = ?1").setParameter(1, id)
                    .setParameter(2, currentUser.name()).setParameter(3, day).executeUpdate();
            audit.record("RATING_NOT_GRADED", "rating", key(id, a.uscc), "score " + a.score + " below 10: no grade", null);
            return view(id);
        }
        LocalDate until = day.plusDays(config.publicityDays());
        em.createNativeQuery("update rating_applications set status = 'APPROVED', approved_by = ?2, approved_on = ?3,"
                + " publicity_until = ?4, version = version + 1, updated_at = now() where id = ?1").setParameter(1, id)
                .setParameter(2, currentUser.name()).setParameter(3, day).setParameter(4, until).executeUpdate();
        audit.record("RATING_APPROVED", "rating", key(id, a.uscc), a.grade + " (" + a.score + "), publicity until " + until, null);
        return view(id);
    }

    /** ADMIN revokes a published grade for a serious breach; the firm may not apply again for 3 years. */
    @Transactional
    public ApplicationView revoke(long id, String reason, LocalDate day) {
        App a = lock(id, Step.REVOKE);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "name the serious breach");
        }
        em.createNativeQuery("update published_ratings set revoked_on = ?2 where id = ?1")
                .setParameter(1, a.publishedRatingId).setParameter(2, day).executeUpdate();
        em.createNativeQuery("update rating_applications set status = 'REVOKED', revoked_on = ?2, revocation_reason = ?3,"
                + " version = version + 1, updated_at = now() where id = ?1").setParameter(1, id).setParameter(2, day)
                .setParameter(3, reason.strip()).executeUpdate();
        audit.record("RATING_REVOKED", "rating", key(id, a.uscc), a.grade + " revoked; no new application before "
                + day.plusYears(config.revocationBarYears()), reason.strip());
        return view(id);
    }

    /**
     * The deadline sweep for {@code day}, idempotent and set-based: drafts whose objection window
     * has ended await approval; approved grades whose publicity period has ended are published
     * (valid from the next day for the configured years); published grades past their validity expire.
     */
    @Transactional
    public Map<String, Integer> sweep(LocalDate day) {
        Map<String, Integer> done = new LinkedHashMap<>();
        done.put("windowClosed", sweepAudited("""
                with moved as (update rating_applications set status = 'AWAITING_APPROVAL', version = version + 1,
                    updated_at = now() where status = 'DRAFT' and objection_deadline < ?1 returning id, uscc, objection_deadline)
                insert into audit_log (actor, action, target_type, target_key, detail)
                select 'system', 'RATING_OBJECTION_WINDOW_CLOSED', 'rating', id || '/' || uscc,
                       'no objection by ' || objection_deadline from moved""", day));
        done.put("published", sweepAudited("""
                with due as (select id, uscc, grade, score, publicity_until + 1 as valid_from from rating_applications
                             where status = 'APPROVED' and publicity_until < ?1 for update skip locked),
                     ins as (insert into published_ratings (uscc, grade, score, valid_from, valid_until)
                             select uscc, grade, score, valid_from, cast(valid_from + make_interval(years => ?2) as date) - 1 from due
                             returning id, uscc, valid_from, valid_until),
                     upd as (update rating_applications a set status = 'PUBLISHED', published_rating_id = ins.id,
                             version = a.version + 1, updated_at = now()
                             from ins, due where due.uscc = ins.uscc and a.id = due.id returning a.id, a.uscc, a.grade,
                             ins.valid_from, ins.valid_until)
                insert into audit_log (actor, action, target_type, target_key, detail)
                select 'system', 'RATING_PUBLISHED', 'rating', id || '/' || uscc,
                       grade || ' valid ' || valid_from || ' to ' || valid_until from upd""", day,
                config.validityYears()));
        done.put("expired", sweepAudited("""
                with gone as (update rating_applications a set status = 'EXPIRED', version = a.version + 1, updated_at = now()
                    from published_ratings p where p.id = a.published_rating_id and a.status = 'PUBLISHED'
                    and p.valid_until < ?1 returning a.id, a.uscc, p.valid_until)
                insert into audit_log (actor, action, target_type, target_key, detail)
                select 'system', 'RATING_EXPIRED', 'rating', id || '/' || uscc, 'valid until ' || valid_until from gone""",
                day));
        return done;
    }

    private int sweepAudited(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.executeUpdate();
    }

    /** One application; a firm sees its own, park roles and evaluators all. */
    @Transactional
    public ApplicationView get(long id) {
        currentUser.require(Action.RATING_APPLICATIONS_READ);
        ApplicationView v = view(id);
        requireReader(v.uscc());
        return v;
    }

    /** Applications a caller may see, newest first. */
    @Transactional
    public PageResult<ApplicationView> list(String uscc, String status, PageRequest page) {
        currentUser.require(Action.RATING_APPLICATIONS_READ);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (currentUser.has(Role.ENTERPRISE)) {
            where.append(" and uscc = :own");
            params.put("own", String.valueOf(currentUser.uscc()));
        } else if (!currentUser.has(Role.ADMIN) && !currentUser.has(Role.REGULATOR) && !currentUser.has(Role.EVALUATOR)) {
            throw ProblemException.forbidden("rating applications are for the park, evaluators and the firm itself");
        }
        Integer park = currentUser.parks().sqlParam();
        if (park != null) {
            // the firm's park decides (DOMAIN.md §10.3)
            where.append(" and uscc in (select e.uscc from enterprises e where e.park_id = :park)");
            params.put("park", park);
        }
        if (uscc != null && !uscc.isBlank()) {
            where.append(" and uscc = :uscc");
            params.put("uscc", uscc.strip().toUpperCase());
        }
        if (status != null && !status.isBlank()) {
            where.append(" and status = :status");
            params.put("status", status.strip().toUpperCase());
        }
        Query count = em.createNativeQuery("select count(*) from rating_applications" + where);
        Query ids = em.createNativeQuery("select id from rating_applications" + where
                + " order by id desc limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        ids.setParameter("limit", page.size()).setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<Object> found = ids.getResultList();
        return new PageResult<>(found.stream().map(i -> view(((Number) i).longValue())).toList(), page.page(), page.size(),
                ((Number) count.getSingleResult()).longValue());
    }

    private RatingResult compute(App a, Map<String, Double> onsite, LocalDate day) {
        return compute(a, onsite, day, models.current());
    }

    private RatingResult compute(App a, Map<String, Double> onsite, LocalDate day, RatingModelService.Version model) {
        RatingModel m = model.model();
        double total = m.totalWeight();
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> onsiteCodes = new HashSet<>();
        for (RatingModel.Placed p : m.indicators()) {
            if (p.indicator().metric() != Metric.ONSITE) {
                continue;
            }
            String code = p.indicator().code();
            onsiteCodes.add(code);
            Double v = onsite == null ? null : onsite.get(code);
            double max = Scorer.round(m.maxPoints(p.indicator(), total)).doubleValue();
            if (v == null) {
                problems.add(FieldProblem.of("onsiteScores." + code, "required: " + p.indicator().name() + " (0–" + max + ")"));
            } else if (v < 0 || v > max || v.isNaN()) {
                problems.add(FieldProblem.of("onsiteScores." + code, "between 0 and " + max));
            }
        }
        if (onsite != null) {
            onsite.keySet().stream().filter(k -> !onsiteCodes.contains(k))
                    .forEach(k -> problems.add(FieldProblem.of("onsiteScores." + k, "not an on-site indicator of model v"
                            + model.version())));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("on-site scores are incomplete or out of range", problems);
        }
        Object[] ind = single(em.createNativeQuery("select industry_code from enterprises where uscc = ?1")
                .setParameter(1, a.uscc));
        em.flush();
        return scoring.rate(a.uscc, ind == null ? null : (String) ind[0], day, a.fiscalYear, model, onsite);
    }

    private boolean ownFirm(String uscc) {
        return currentUser.has(Role.ENTERPRISE) && uscc.equals(currentUser.uscc());
    }

    void requireReader(String uscc) {
        if (currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR) || currentUser.has(Role.EVALUATOR)) {
            return;
        }
        if (currentUser.has(Role.ENTERPRISE) && uscc.equals(currentUser.uscc())) {
            return;
        }
        throw ProblemException.forbidden("a rating application is seen by the park, evaluators and the firm itself");
    }

    /** The state an application is in, locked for the step. */
    private record App(long id, String uscc, String status, int fiscalYear, String grade, BigDecimal score,
            LocalDate objectionDeadline, Long publishedRatingId) {
    }

    /**
     * The application locked for {@code step}: 403 unless the user may take the step (the role, then
     * for the firm's steps the ownership), and only then 409 from another state, so a caller without
     * the right learns nothing of the application's state.
     */
    private App lock(long id, Step step) {
        currentUser.require(step.action);
        return lock(id, step.from, step.firm);
    }

    private App lock(long id, String expected, boolean firmStep) {
        Object[] r = single(em.createNativeQuery("select id, uscc, status, fiscal_year, grade, score, objection_deadline,"
                + " published_rating_id, (select e.park_id from enterprises e where e.uscc = a.uscc)"
                + " from rating_applications a where id = ?1 for update").setParameter(1, id));
        if (r == null) {
            throw ProblemException.notFound("rating application", Long.toString(id));
        }
        currentUser.requireInScope(((Number) r[8]).intValue(), "rating application", Long.toString(id));
        App a = new App(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                (String) r[4], (BigDecimal) r[5], date(r[6]), r[7] == null ? null : ((Number) r[7]).longValue());
        if (firmStep && !ownFirm(a.uscc)) {
            throw ProblemException.forbidden("only the rated firm objects to or accepts its draft");
        }
        if (!expected.equals(a.status)) {
            throw ProblemException.conflict("rating-illegal-transition", "application " + id + " is " + a.status
                    + "; this step needs " + expected);
        }
        return a;
    }

    ApplicationView view(long id) {
        Object[] r = single(em.createNativeQuery("""
                select a.id, a.uscc, e.name, a.kind, a.status, a.applied_on, a.applied_by, a.fiscal_year,
                       cast(a.qualification as text), a.review_note, cast(a.onsite_scores as text), a.evaluator,
                       a.model_version, a.score, a.grade, cast(a.result as text), a.scored_on, a.objection_deadline,
                       a.objection, a.objection_answer, a.approved_by, a.approved_on, a.publicity_until,
                       p.valid_from, p.valid_until, a.revoked_on, a.revocation_reason, e.park_id
                from rating_applications a join enterprises e on e.uscc = a.uscc
                left join published_ratings p on p.id = a.published_rating_id where a.id = ?1""").setParameter(1, id));
        if (r == null) {
            throw ProblemException.notFound("rating application", Long.toString(id));
        }
        currentUser.requireInScope(((Number) r[27]).intValue(), "rating application", Long.toString(id));
        ObjectionMarks.Marks marks = objectionMarks.forFirm((String) r[1]);
        try {
            return new ApplicationView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], date(r[5]), (String) r[6], ((Number) r[7]).intValue(),
                    r[8] == null ? null : json.readValue((String) r[8], CLAUSES), (String) r[9],
                    r[10] == null ? null : json.readValue((String) r[10], SCORES), (String) r[11],
                    r[12] == null ? null : ((Number) r[12]).intValue(), (BigDecimal) r[13], (String) r[14],
                    r[15] == null ? null : json.readValue((String) r[15], RatingResult.class), date(r[16]), date(r[17]),
                    (String) r[18], (String) r[19], (String) r[20], date(r[21]), date(r[22]), date(r[23]), date(r[24]),
                    date(r[25]), (String) r[26], marks.has("RATING", Long.toString(id))
                            || marks.anyOf((String) r[1], ObjectionMarks.FEEDING));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rating application " + id + " is not readable", e);
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String gradeText(RatingResult r) {
        return r.grade() == null ? "no grade" : r.grade().name();
    }

    private static String key(long id, String uscc) {
        return id + "/" + uscc;
    }

    static Object[] single(Query q) {
        @SuppressWarnings("unchecked")
        List<Object> rows = q.getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object first = rows.get(0);
        return first instanceof Object[] a ? a : new Object[] {first};
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }
}
