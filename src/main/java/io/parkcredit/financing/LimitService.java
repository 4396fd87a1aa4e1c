package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An institution's lending limits (README, "Workbench"): per debtor, per seller, per industry (a code
 * prefix) and in total, on what it holds. Each change bumps the institution's limit version and is
 * kept in the history and the audit log. Claims and offers check them inside their own statement
 * ({@code financing_within_limits}); this class sets them, reads them with their headroom, and
 * names the limit a refused claim or offer would have passed.
 */
@ApplicationScoped
public class LimitService {

    public enum Kind {
        TOTAL, DEBTOR, SELLER, INDUSTRY
    }

    private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
    private static final Pattern INDUSTRY = Pattern.compile("[A-T]([0-9]{2,4})?");

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public record LimitInput(String kind, String subject, BigDecimal amount, String reason) {
    }

    /** One limit with what the institution holds under it and what is left (never below zero shown as negative). */
    public record LimitView(Kind kind, String subject, String subjectName, BigDecimal amount, BigDecimal outstanding,
            BigDecimal headroom, int setVersion, String setBy, Instant setAt) {
    }

    public record Limits(String institutionCode, int version, List<LimitView> limits) {
    }

    public record LimitChange(long id, Kind kind, String subject, BigDecimal amount, BigDecimal previousAmount,
            int version, String setBy, Instant setAt, String reason) {
    }

    /** The limit a claim or an offer would pass: its kind and subject, amount, outstanding and headroom. */
    public record Breach(Kind kind, String subject, BigDecimal amount, BigDecimal outstanding, BigDecimal headroom) {
    }

    /** The tightest limit on one request in an institution's queue, with its headroom. */
    public record Headroom(Kind kind, String subject, BigDecimal headroom) {
    }

    /** Sets (amount given) or removes (amount null) one limit of the caller's institution. */
    @Transactional
    public Limits set(LimitInput in) {
        currentUser.require(Action.FINANCING_LIMITS_EDIT);
        String inst = currentUser.institutionCode();
        if (inst == null) {
            throw ProblemException.forbidden("limits are set by a bank or a guarantor for its own institution");
        }
        if (in == null) {
            throw ProblemException.invalid("body", "the limit is required");
        }
        List<FieldProblem> errors = new ArrayList<>();
        Kind kind = null;
        try {
            kind = in.kind() == null ? null : Kind.valueOf(in.kind().strip());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        String subject = in.subject() == null ? "" : in.subject().strip().toUpperCase(java.util.Locale.ROOT);
        if (kind == null) {
            errors.add(FieldProblem.of("kind", "one of TOTAL, DEBTOR, SELLER, INDUSTRY"));
        } else if (kind == Kind.TOTAL) {
            subject = "";
        } else if ((kind == Kind.DEBTOR || kind == Kind.SELLER) && !USCC.matcher(subject).matches()) {
            errors.add(FieldProblem.of("subject", "an 18-character unified social credit code"));
        } else if (kind == Kind.INDUSTRY && !INDUSTRY.matcher(subject).matches()) {
            errors.add(FieldProblem.of("subject", "an industry code or its prefix, such as C or C31"));
        }
        if (in.amount() != null) {
            FinancingInput.money(errors, "amount", in.amount(), true);
        }
        String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
        if (reason != null && reason.length() > 500) {
            errors.add(FieldProblem.of("reason", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid limit", errors);
        }
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        String by = currentUser.name();
        // the institution's limit row: created or bumped, and locked until commit (claims wait for it)
        int version = ((Number) em.createNativeQuery("""
                insert into financing_limit_sets (institution_code, version, updated_by, updated_at) values (?1, 1, ?2, ?3)
                on conflict (institution_code) do update set version = financing_limit_sets.version + 1,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at
                returning version""").setParameter(1, inst).setParameter(2, by).setParameter(3, at)
                .getSingleResult()).intValue();
        @SuppressWarnings("unchecked")
        List<Object> before = em.createNativeQuery(
                "select amount from financing_limits where institution_code = ?1 and kind = ?2 and subject = ?3")
                .setParameter(1, inst).setParameter(2, kind.name()).setParameter(3, subject).getResultList();
        BigDecimal previous = before.isEmpty() ? null : (BigDecimal) before.get(0);
        if (in.amount() == null) {
            if (previous == null) {
                throw ProblemException.notFound("limit", kind + " " + subject);
            }
            em.createNativeQuery("delete from financing_limits where institution_code = ?1 and kind = ?2 and subject = ?3")
                    .setParameter(1, inst).setParameter(2, kind.name()).setParameter(3, subject).executeUpdate();
        } else {
            em.createNativeQuery("""
                    insert into financing_limits (institution_code, kind, subject, amount, set_version, set_by, set_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (institution_code, kind, subject) do update set amount = excluded.amount,
                        set_version = excluded.set_version, set_by = excluded.set_by, set_at = excluded.set_at""")
                    .setParameter(1, inst).setParameter(2, kind.name()).setParameter(3, subject)
                    .setParameter(4, in.amount()).setParameter(5, version).setParameter(6, by).setParameter(7, at)
                    .executeUpdate();
        }
        em.createNativeQuery("""
                insert into financing_limit_history (institution_code, kind, subject, amount, previous_amount, set_version,
                    set_by, set_at, reason) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, inst).setParameter(2, kind.name()).setParameter(3, subject)
                .setParameter(4, in.amount()).setParameter(5, previous).setParameter(6, version).setParameter(7, by)
                .setParameter(8, at).setParameter(9, reason).executeUpdate();
        audit.record(in.amount() == null ? "FINANCING_LIMIT_REMOVED" : "FINANCING_LIMIT_SET", "financing_limit",
                inst + "/" + kind + (subject.isEmpty() ? "" : "/" + subject),
                "v" + version + ": " + (previous == null ? "none" : previous.toPlainString()) + " → "
                        + (in.amount() == null ? "none" : in.amount().toPlainString()), reason);
        return read(inst);
    }

    /** The limits of an institution with their headroom: a bank or guarantor its own, the park any. */
    @Transactional
    public Limits limits(String institution) {
        currentUser.require(Action.FINANCING_LIMITS_VIEW);
        return read(whose(institution));
    }

    @Transactional
    public List<LimitChange> history(String institution) {
        currentUser.require(Action.FINANCING_LIMITS_VIEW);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, kind, subject, amount, previous_amount, set_version, set_by, set_at, reason
                from financing_limit_history where institution_code = ?1 order by id desc limit 200""")
                .setParameter(1, whose(institution)).getResultList();
        return rows.stream().map(r -> new LimitChange(((Number) r[0]).longValue(), Kind.valueOf((String) r[1]),
                (String) r[2], (BigDecimal) r[3], (BigDecimal) r[4], ((Number) r[5]).intValue(), (String) r[6],
                instant(r[7]), (String) r[8])).toList();
    }

    /** The institution the caller reads: its own (a bank or guarantor), or the one named (the park, of its park). */
    String whose(String institution) {
        String own = currentUser.institutionCode();
        if (own != null) {
            if (institution != null && !institution.isBlank() && !institution.strip().equals(own)) {
                throw ProblemException.forbidden("an institution reads its own limits and portfolio only");
            }
            return own;
        }
        if (institution == null || institution.isBlank()) {
            throw ProblemException.invalid("institution", "name the institution (its code)");
        }
        String code = institution.strip();
        List<?> park = em.createNativeQuery("select park_id from institutions where code = ?1").setParameter(1, code)
                .getResultList();
        if (park.isEmpty()) {
            throw ProblemException.notFound("institution", code);
        }
        // an institution of another park is as if it did not exist (DOMAIN.md §10.3)
        currentUser.requireInScope(((Number) park.get(0)).intValue(), "institution", code);
        return code;
    }

    /** Banks and guarantors of the caller's park by code, for the park's choice of whose limits or portfolio to read. */
    @Transactional
    public List<Map<String, String>> institutions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select code, name, kind from institutions
                where ?1 = 0 or park_id = ?1 order by kind, code""")
                .setParameter(1, currentUser.parks().regionWide() ? 0 : currentUser.parks().park().value())
                .getResultList();
        return rows.stream().map(r -> Map.of("code", (String) r[0], "name", (String) r[1], "kind", (String) r[2]))
                .toList();
    }

    Limits read(String inst) {
        @SuppressWarnings("unchecked")
        List<Object> version = em.createNativeQuery("select version from financing_limit_sets where institution_code = ?1")
                .setParameter(1, inst).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select l.kind, l.subject, coalesce(e.name, ''), l.amount, financing_outstanding(l.institution_code, l.kind, l.subject),
                       l.set_version, l.set_by, l.set_at
                from financing_limits l left join enterprises e on e.uscc = l.subject and l.kind in ('DEBTOR', 'SELLER')
                where l.institution_code = ?1
                order by case l.kind when 'TOTAL' then 0 when 'INDUSTRY' then 1 when 'DEBTOR' then 2 else 3 end, l.subject""")
                .setParameter(1, inst).getResultList();
        List<LimitView> limits = rows.stream().map(r -> {
            BigDecimal amount = (BigDecimal) r[3];
            BigDecimal outstanding = (BigDecimal) r[4];
            return new LimitView(Kind.valueOf((String) r[0]), (String) r[1], (String) r[2], amount, outstanding,
                    amount.subtract(outstanding), ((Number) r[5]).intValue(), (String) r[6], instant(r[7]));
        }).toList();
        return new Limits(inst, version.isEmpty() ? 0 : ((Number) version.get(0)).intValue(), limits);
    }

    /**
     * The limit that taking on {@code more} on a request would pass, the tightest first: read after a
     * claim or an offer statement changed nothing, to name the limit and its headroom in the 409.
     */
    @Transactional
    public Optional<Breach> breach(String inst, long requestId, BigDecimal more) {
        if (more == null || more.signum() <= 0) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select l.kind, l.subject, l.amount, financing_outstanding(l.institution_code, l.kind, l.subject) o
                from financing_requests r left join enterprises e on e.uscc = r.seller_uscc
                join financing_limits l on l.institution_code = ?1
                     and (l.kind = 'TOTAL' or (l.kind = 'DEBTOR' and l.subject = r.debtor_uscc)
                          or (l.kind = 'SELLER' and l.subject = r.seller_uscc)
                          or (l.kind = 'INDUSTRY' and e.industry_code like l.subject || '%'))
                where r.id = ?2""").setParameter(1, inst).setParameter(2, requestId).getResultList();
        return rows.stream().map(r -> {
            BigDecimal amount = (BigDecimal) r[2];
            BigDecimal outstanding = (BigDecimal) r[3];
            return new Breach(Kind.valueOf((String) r[0]), (String) r[1], amount, outstanding, amount.subtract(outstanding));
        }).filter(b -> b.outstanding().add(more).compareTo(b.amount()) > 0)
                .min(java.util.Comparator.comparing(Breach::headroom)).map(b -> b);
    }

    /** The 409 for a claim or an offer that would pass a limit: the limit and its headroom as members. */
    static ProblemException refusal(long id, Breach b, BigDecimal more) {
        String limit = b.kind() + (b.subject().isEmpty() ? "" : " " + b.subject());
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("kind", b.kind().name());
        member.put("subject", b.subject());
        member.put("amount", b.amount());
        member.put("outstanding", b.outstanding());
        return ProblemException.conflict("limit-exceeded", "request " + id + " needs " + more.toPlainString()
                + " but the " + limit + " limit of " + b.amount().toPlainString() + " has "
                + b.headroom().max(BigDecimal.ZERO).toPlainString() + " left",
                "limit", limit, "headroom", b.headroom().max(BigDecimal.ZERO).toPlainString())
                .with("limit", member).with("headroom", b.headroom().max(BigDecimal.ZERO));
    }

    /**
     * The tightest headroom of each queued request, by request id: only the limits that apply to
     * these requests are summed (one statement for the page's 20 rows). Empty when the institution
     * has no limits.
     */
    Map<Long, Headroom> headrooms(String inst, Collection<Long> requestIds) {
        Map<Long, Headroom> out = new LinkedHashMap<>();
        if (requestIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with applicable as (
                    select r.id, l.kind, l.subject, l.amount
                    from financing_requests r left join enterprises e on e.uscc = r.seller_uscc
                    join financing_limits l on l.institution_code = ?1
                         and (l.kind = 'TOTAL' or (l.kind = 'DEBTOR' and l.subject = r.debtor_uscc)
                              or (l.kind = 'SELLER' and l.subject = r.seller_uscc)
                              or (l.kind = 'INDUSTRY' and e.industry_code like l.subject || '%'))
                    where r.id = any (cast(?2 as bigint[]))),
                used as (
                    select kind, subject, financing_outstanding(?1, kind, subject) o
                    from (select distinct kind, subject from applicable) k)
                select a.id, a.kind, a.subject, a.amount - u.o
                from applicable a join used u on u.kind = a.kind and u.subject = a.subject
                order by a.id, a.amount - u.o, a.kind""")
                .setParameter(1, inst).setParameter(2, requestIds.toArray(new Long[0])).getResultList();
        for (Object[] r : rows) {
            out.putIfAbsent(((Number) r[0]).longValue(),
                    new Headroom(Kind.valueOf((String) r[1]), (String) r[2], (BigDecimal) r[3]));
        }
        return out;
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
