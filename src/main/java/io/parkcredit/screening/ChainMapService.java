package io.parkcredit.screening;

import io.parkcredit.park.ParkId;
import io.parkcredit.security.Action;
import io.parkcredit.security.AuditLog;
import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The park's industrial chain map (DOMAIN.md §9): chains of upstream, midstream and downstream
 * segments, each covering GB/T 4754 industry codes. The park's firms fall into segments by
 * industry-code prefix; a segment's gap is 1 / (1 + Σ credit score / 100 of its park firms), so
 * a segment with few or weak firms has a gap near 1 and a well-stocked one near 0.
 */
@ApplicationScoped
public class ChainMapService {

    private static final Pattern CODE_PREFIX = Pattern.compile("[A-T][0-9]{0,4}");
    private static final Set<String> STAGES = Set.of("UPSTREAM", "MIDSTREAM", "DOWNSTREAM");

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public record SegmentView(String code, String name, String stage, List<String> industryCodes, long parkFirms,
            double strength, double gap) {
    }

    public record ChainView(String code, String name, String description, List<SegmentView> segments) {
    }

    public record SegmentInput(String code, String name, String stage, List<String> industryCodes) {
    }

    public record ChainInput(String code, String name, String description, List<SegmentInput> segments) {
    }

    /**
     * The park whose map and prospects the caller works on (DOMAIN.md §10.3): its own, or the first
     * park for a region-wide ADMIN.
     */
    int workPark() {
        Integer own = currentUser.parks().sqlParam();
        return own != null ? own : ParkId.DEFAULT.value();
    }

    /** The map of the caller's park with every segment's park firms, strength and gap as of today. */
    @Transactional
    public List<ChainView> chains() {
        currentUser.require(Action.CHAIN_MAP_READ);
        return read(workPark());
    }

    /** The map of park {@code park}, its segments counting that park's firms. */
    List<ChainView> read(int park) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.code, c.name, c.description, s.code, s.name, s.stage, array_to_string(s.industry_codes, ','),
                       count(e.uscc), coalesce(sum(cs.score), 0) / 100.0
                from industry_chains c
                join chain_segments s on s.chain_id = c.id
                left join enterprises e on e.in_park and e.status <> 'DEREGISTERED' and e.park_id = c.park_id
                     and exists (select 1 from unnest(s.industry_codes) p where e.industry_code like p || '%')
                left join firm_credit_scores(?1) cs on cs.uscc = e.uscc
                where c.park_id = ?2
                group by c.code, c.name, c.description, s.code, s.name, s.stage, s.industry_codes
                order by c.code, case s.stage when 'UPSTREAM' then 1 when 'MIDSTREAM' then 2 else 3 end, s.code""")
                .setParameter(1, Date.valueOf(LocalDate.now(clock))).setParameter(2, park).getResultList();
        Map<String, ChainView> chains = new LinkedHashMap<>();
        for (Object[] r : rows) {
            ChainView chain = chains.computeIfAbsent((String) r[0],
                    k -> new ChainView(k, (String) r[1], (String) r[2], new ArrayList<>()));
            double strength = ((Number) r[8]).doubleValue();
            chain.segments().add(new SegmentView((String) r[3], (String) r[4], (String) r[5],
                    Arrays.asList(((String) r[6]).split(",")), ((Number) r[7]).longValue(), strength, 1 / (1 + strength)));
        }
        return List.copyOf(chains.values());
    }

    /** Replaces the whole map (edit or import), checked field by field and audited. */
    @Transactional
    public List<ChainView> replace(List<ChainInput> chains, String reason) {
        currentUser.require(Action.CHAIN_MAP_CHANGE);
        List<FieldProblem> problems = new ArrayList<>();
        if (chains == null || chains.isEmpty()) {
            problems.add(FieldProblem.of("chains", "at least one chain"));
        } else {
            Set<String> codes = new java.util.HashSet<>();
            for (int i = 0; i < chains.size(); i++) {
                check(chains.get(i), "chains[" + i + "]", problems);
                if (chains.get(i).code() != null && !codes.add(chains.get(i).code().strip())) {
                    problems.add(FieldProblem.of("chains[" + i + "].code", "appears twice: " + chains.get(i).code()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("the chain map is invalid", problems);
        }
        int park = workPark();
        em.createNativeQuery("delete from industry_chains where park_id = ?1").setParameter(1, park).executeUpdate();
        for (ChainInput c : chains) {
            Number id = (Number) em.createNativeQuery("insert into industry_chains (code, name, description, park_id)"
                    + " values (?1, ?2, ?3, ?4) returning id").setParameter(1, c.code().strip())
                    .setParameter(2, c.name().strip()).setParameter(3, c.description()).setParameter(4, park)
                    .getSingleResult();
            for (SegmentInput s : c.segments()) {
                em.createNativeQuery("insert into chain_segments (chain_id, code, name, stage, industry_codes)"
                        + " values (?1, ?2, ?3, ?4, cast(?5 as text[]))").setParameter(1, id.longValue())
                        .setParameter(2, s.code().strip()).setParameter(3, s.name().strip())
                        .setParameter(4, s.stage().strip().toUpperCase())
                        .setParameter(5, s.industryCodes().stream().map(x -> x.strip().toUpperCase()).toArray(String[]::new))
                        .executeUpdate();
            }
        }
        audit.record("CHAIN_MAP_REPLACED", "chain-map", "park " + park, chains.size() + " chain(s), "
                + chains.stream().mapToInt(c -> c.segments().size()).sum() + " segment(s)", reason);
        return chains();
    }

    private static void check(ChainInput c, String at, List<FieldProblem> problems) {
        if (c.code() == null || c.code().isBlank()) {
            problems.add(FieldProblem.of(at + ".code", "required"));
        }
        if (c.name() == null || c.name().isBlank()) {
            problems.add(FieldProblem.of(at + ".name", "required"));
        }
        // the columns' lengths (industry_chains, chain_segments): a longer value is the caller's mistake, not a 500
        longest(c.code(), 32, at + ".code", problems);
        longest(c.name(), 100, at + ".name", problems);
        if (c.segments() == null || c.segments().isEmpty()) {
            problems.add(FieldProblem.of(at + ".segments", "at least one segment"));
            return;
        }
        Set<String> segmentCodes = new java.util.HashSet<>();
        for (int j = 0; j < c.segments().size(); j++) {
            SegmentInput s = c.segments().get(j);
            String sat = at + ".segments[" + j + "]";
            if (s.code() != null && !segmentCodes.add(s.code().strip())) {
                problems.add(FieldProblem.of(sat + ".code", "appears twice in the chain: " + s.code()));
            }
            if (s.code() == null || s.code().isBlank()) {
                problems.add(FieldProblem.of(sat + ".code", "required"));
            }
            if (s.name() == null || s.name().isBlank()) {
                problems.add(FieldProblem.of(sat + ".name", "required"));
            }
            longest(s.code(), 32, sat + ".code", problems);
            longest(s.name(), 100, sat + ".name", problems);
            if (s.stage() == null || !STAGES.contains(s.stage().strip().toUpperCase())) {
                problems.add(FieldProblem.of(sat + ".stage", "UPSTREAM, MIDSTREAM or DOWNSTREAM"));
            }
            if (s.industryCodes() == null || s.industryCodes().isEmpty()) {
                problems.add(FieldProblem.of(sat + ".industryCodes", "at least one GB/T 4754 code or prefix"));
            } else {
                for (String code : s.industryCodes()) {
                    if (code == null || !CODE_PREFIX.matcher(code.strip().toUpperCase()).matches()) {
                        problems.add(FieldProblem.of(sat + ".industryCodes",
                                "not a GB/T 4754 code or prefix (a letter A-T and up to 4 digits): " + code));
                    }
                }
            }
        }
    }

    private static void longest(String value, int max, String field, List<FieldProblem> problems) {
        if (value != null && value.strip().length() > max) {
            problems.add(FieldProblem.of(field, "at most " + max + " characters"));
        }
    }
}
