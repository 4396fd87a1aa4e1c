package io.parkcredit.financing;

import io.parkcredit.security.Action;
import io.parkcredit.enterprise.Institution;
import io.parkcredit.enterprise.InstitutionKind;
import io.parkcredit.security.AuditLog;
import io.parkcredit.security.CurrentUser;
import io.parkcredit.security.Role;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Products of banks (LOAN) and guarantors (GUARANTEE) and the routing that matches requests to
 * them (DOMAIN.md §7). Matching is one INSERT … SELECT over the active products.
 */
@ApplicationScoped
public class ProductService {

    private static final Set<String> GRADES = Set.of("EXCELLENT", "MIXED", "POOR");
    private static final Set<String> LISTS = Set.of("RED", "WHITE", "NONE");

    @Inject
    EntityManager em;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** What an institution publishes; empty {@code lists}/{@code industries} mean any. Rates in % a year. */
    public record ProductInput(String name, String kind, BigDecimal minAmount, BigDecimal maxAmount, Integer maxTermDays,
            List<String> grades, List<String> lists, List<String> industries, BigDecimal rateMin, BigDecimal rateMax) {
    }

    public record ProductView(long id, String institutionCode, String name, String kind, BigDecimal minAmount,
            BigDecimal maxAmount, int maxTermDays, List<String> grades, List<String> lists, List<String> industries,
            BigDecimal rateMin, BigDecimal rateMax, boolean active) {
    }

    @Transactional
    public ProductView publish(ProductInput in) {
        currentUser.require(Action.PRODUCTS_MANAGE);
        String institution = currentUser.institutionCode();
        Institution inst = Institution.findById(institution);
        String kind = inst.kind == InstitutionKind.BANK ? "LOAN" : "GUARANTEE";
        List<FieldProblem> errors = new ArrayList<>();
        if (in == null) {
            throw ProblemException.invalid("body", "a product is required");
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
            errors.add(FieldProblem.of("name", "required, at most 200 characters"));
        }
        if (in.kind() != null && !kind.equals(in.kind().strip().toUpperCase(Locale.ROOT))) {
            errors.add(FieldProblem.of("kind", "a " + inst.kind + " publishes " + kind + " products"));
        }
        FinancingInput.money(errors, "minAmount", in.minAmount(), true);
        FinancingInput.money(errors, "maxAmount", in.maxAmount(), false);
        if (in.minAmount() != null && in.maxAmount() != null && in.maxAmount().compareTo(in.minAmount()) < 0) {
            errors.add(FieldProblem.of("maxAmount", "must not be below minAmount"));
        }
        if (in.maxTermDays() == null || in.maxTermDays() < 1 || in.maxTermDays() > 360) {
            errors.add(FieldProblem.of("maxTermDays", "must be between 1 and 360"));
        }
        List<String> grades = upper(in.grades());
        if (grades.isEmpty() || !GRADES.containsAll(grades)) {
            errors.add(FieldProblem.of("grades", "one or more of EXCELLENT, MIXED, POOR"));
        }
        List<String> lists = upper(in.lists());
        if (!LISTS.containsAll(lists)) {
            errors.add(FieldProblem.of("lists", "any of RED, WHITE, NONE (YELLOW firms are refused)"));
        }
        List<String> industries = upper(in.industries());
        if (!industries.stream().allMatch(i -> i.matches("[A-T][0-9]{0,4}"))) {
            errors.add(FieldProblem.of("industries", "GB/T 4754 codes or prefixes such as C or C35"));
        }
        rate(errors, "rateMin", in.rateMin());
        rate(errors, "rateMax", in.rateMax());
        if (in.rateMin() != null && in.rateMax() != null && in.rateMax().compareTo(in.rateMin()) < 0) {
            errors.add(FieldProblem.of("rateMax", "must not be below rateMin"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid product", errors);
        }
        Number id = (Number) em.createNativeQuery("""
                insert into financing_products (institution_code, name, kind, min_amount, max_amount, max_term_days,
                    grades, lists, industries, rate_min, rate_max, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, string_to_array(?7, ','), string_to_array(?8, ','),
                    string_to_array(?9, ','), ?10, ?11, ?12) returning id""")
                .setParameter(1, institution).setParameter(2, in.name().strip()).setParameter(3, kind)
                .setParameter(4, in.minAmount()).setParameter(5, in.maxAmount()).setParameter(6, in.maxTermDays())
                .setParameter(7, String.join(",", grades)).setParameter(8, String.join(",", lists))
                .setParameter(9, String.join(",", industries)).setParameter(10, in.rateMin())
                .setParameter(11, in.rateMax()).setParameter(12, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .getSingleResult();
        audit.record("FINANCING_PRODUCT_PUBLISHED", "financing_product", String.valueOf(id), in.name().strip(), null);
        return products("where p.id = ?1", id.longValue()).get(0);
    }

    @Transactional
    public ProductView deactivate(long id) {
        currentUser.require(Action.PRODUCTS_MANAGE);
        int n = em.createNativeQuery("update financing_products set active = false where id = ?1 and institution_code = ?2")
                .setParameter(1, id).setParameter(2, currentUser.institutionCode()).executeUpdate();
        if (n == 0) {
            throw ProblemException.notFound("product of your institution", String.valueOf(id));
        }
        audit.record("FINANCING_PRODUCT_DEACTIVATED", "financing_product", String.valueOf(id), null, null);
        return products("where p.id = ?1", id).get(0);
    }

    /** The caller's own products; the park sees its institutions' products (the region all). */
    @Transactional
    public List<ProductView> list() {
        currentUser.require(Action.PRODUCTS_READ);
        if (currentUser.has(Role.BANK) || currentUser.has(Role.GUARANTOR)) {
            return products("where p.institution_code = ?1 order by p.id", currentUser.institutionCode());
        }
        if (currentUser.has(Role.ADMIN) || currentUser.has(Role.REGULATOR)) {
            Integer park = currentUser.parks().sqlParam();
            if (park == null) {
                return products("order by p.institution_code, p.id");
            }
            return products("where exists (select 1 from institutions i where i.code = p.institution_code and i.park_id = ?1)"
                    + " order by p.institution_code, p.id", park);
        }
        throw ProblemException.forbidden("products are read by the park and the institutions");
    }

    /**
     * Sends a request to every institution of the leg's kind with a matching active product: amount
     * within range, term within the maximum, the grade eligible (unless the park overrode it), the
     * seller's list and industry accepted. Only institutions of the seller's park take part (DOMAIN.md
     * §10.3). Returns the institutions it went to.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> route(FinancingRequest r, Route leg, boolean anyGrade) {
        @SuppressWarnings("unchecked")
        List<String> codes = em.createNativeQuery("""
                insert into financing_routes (request_id, institution_code, leg, product_id, routed_at)
                select distinct on (p.institution_code) r.id, p.institution_code, ?2, p.id, ?4
                from financing_requests r
                join enterprises e on e.uscc = r.seller_uscc
                join financing_products p on p.active and p.kind = ?3
                join institutions i on i.code = p.institution_code and i.park_id = e.park_id
                     and r.requested_amount between p.min_amount and p.max_amount
                     and r.term_days <= p.max_term_days
                     and (cast(?5 as boolean) or r.grade = any (p.grades))
                     and (cardinality(p.lists) = 0 or r.seller_list = any (p.lists))
                     and (cardinality(p.industries) = 0
                          or exists (select 1 from unnest(p.industries) i where e.industry_code like i || '%'))
                where r.id = ?1
                order by p.institution_code, p.rate_min, p.id
                on conflict do nothing
                returning institution_code""")
                .setParameter(1, r.id).setParameter(2, leg.name())
                .setParameter(3, leg == Route.BANKS ? "LOAN" : "GUARANTEE")
                .setParameter(4, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .setParameter(5, anyGrade).getResultList();
        return codes.stream().sorted().toList();
    }

    private List<ProductView> products(String where, Object... params) {
        var q = em.createNativeQuery("""
                select p.id, p.institution_code, p.name, p.kind, p.min_amount, p.max_amount, p.max_term_days,
                       array_to_string(p.grades, ','), array_to_string(p.lists, ','), array_to_string(p.industries, ','),
                       p.rate_min, p.rate_max, p.active
                from financing_products p""" + " " + where);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new ProductView(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], (BigDecimal) r[4], (BigDecimal) r[5], ((Number) r[6]).intValue(), split(r[7]), split(r[8]),
                split(r[9]), (BigDecimal) r[10], (BigDecimal) r[11], (Boolean) r[12])).toList();
    }

    private static List<String> split(Object text) {
        return text == null || ((String) text).isEmpty() ? List.of() : Arrays.asList(((String) text).split(","));
    }

    private static List<String> upper(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().toUpperCase(Locale.ROOT))
                        .distinct().toList();
    }

    private static void rate(List<FieldProblem> errors, String field, BigDecimal rate) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 || rate.scale() > 4) {
            errors.add(FieldProblem.of(field, "a yearly rate in % between 0 and 100, at most 4 decimals"));
        }
    }
}
