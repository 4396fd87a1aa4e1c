package io.parkcredit.screening;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parkcredit.screening.ChainMapService.ChainView;
import io.parkcredit.screening.ChainMapService.SegmentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Computes every prospect's criteria (DOMAIN.md §9) and its exclusions from one set-based query
 * over the registry: prospects are enterprises with {@code in_park = false}.
 * <p>
 * Exclusions, each with its reason: YELLOW-equivalent (in arrears on the day and an evasion
 * indicator of DOMAIN.md §4: a counting DEBT_EVASION of the last 24 months, a counting
 * DISHONEST_DEBTOR, or a loan 90+ days in arrears while the last 90 days' IN flows exceed its
 * principal), a counting DISHONEST_DEBTOR, a counting SERIOUS_ILLEGAL, a counting SERIOUS record of
 * the last 36 months, and — a choice where §9 is silent — a DEREGISTERED firm.
 */
@ApplicationScoped
public class ProspectCriteria {

    @Inject
    DataSource dataSource;

    /** Why a prospect is set aside; {@code text} is how the API states it, the pages name it per language. */
    public enum Exclusion {
        DEREGISTERED("已注销"),
        YELLOW_EQUIVALENT("相当于黄名单：欠贷且有恶意逃废债迹象"),
        DISHONEST_DEBTOR("失信被执行人"),
        SERIOUS_ILLEGAL("列入严重违法失信名单"),
        SERIOUS_RECORD("近3年有在计的严重失信记录");

        private final String text;

        Exclusion(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A prospect excluded before ranking, with why; the API shows the reasons as text. */
    public record Excluded(String uscc, String name, @JsonIgnore List<Exclusion> why) {

        @JsonProperty("reasons")
        public List<String> reasons() {
            return why.stream().map(Exclusion::text).toList();
        }
    }

    /** The candidates' criteria, one row per candidate in {@link ScreeningCriterion} order. */
    public record Snapshot(LocalDate day, String[] usccs, String[] names, double[][] values, List<Excluded> excluded) {
    }

    private static final String SQL = """
            with p as (select uscc, name, status, industry_code, employees, patents, software_copyrights
                       from enterprises where not in_park and park_id = %d),
            cs as (select f.uscc, f.score from firm_credit_scores(?) f join p on p.uscc = f.uscc),
            st as (select s.uscc, array_agg(s.year order by s.year) years, array_agg(s.revenue order by s.year) revenues
                   from financial_statements s join p on p.uscc = s.uscc where s.revenue is not null group by s.uscc),
            latest as (select distinct on (s.uscc) s.uscc, s.revenue, s.total_assets, s.rd_expense
                       from financial_statements s join p on p.uscc = s.uscc order by s.uscc, s.year desc),
            ev as (select v.uscc,
                          bool_or(v.counting and v.type = 'DISHONEST_DEBTOR') dishonest,
                          bool_or(v.counting and v.type = 'SERIOUS_ILLEGAL') serious_illegal,
                          bool_or(v.counting and v.severity = 'SERIOUS' and v.occurred_on > ?::date - interval '36 months') serious,
                          bool_or(v.counting and v.type = 'DEBT_EVASION' and v.occurred_on > ?::date - interval '24 months') evasion,
                          coalesce(sum(case v.severity when 'SERIOUS' then 3 when 'GENERAL' then 2 when 'MINOR' then 1 end)
                                   filter (where v.counting and v.occurred_on > ?::date - interval '36 months'), 0) risk
                   from (select c.*, c.severity is not null and c.occurred_on <= ?
                                      and (c.repaired_on is null or c.repaired_on > ?) counting
                         from credit_events c join p on p.uscc = c.uscc) v
                   group by v.uscc),
            ln as (select l.uscc, bool_or(l.due_date < ? and (l.settled_on is null or l.settled_on > ?)) arrears,
                          min(l.principal) filter (where l.due_date <= ?::date - 90
                                                   and (l.settled_on is null or l.settled_on > ?)) long_overdue_principal
                   from loans l join p on p.uscc = l.uscc group by l.uscc),
            inflow as (select t.uscc, sum(t.amount) amount from transactions t join p on p.uscc = t.uscc
                       where t.direction = 'IN' and t.booked_on > ?::date - 90 and t.booked_on <= ? group by t.uscc)
            select p.uscc, p.name, p.status, p.industry_code, coalesce(p.employees, 0), p.patents, p.software_copyrights,
                   coalesce(cs.score, 60), latest.revenue, latest.total_assets, latest.rd_expense, st.years, st.revenues,
                   coalesce(ev.dishonest, false), coalesce(ev.serious_illegal, false), coalesce(ev.serious, false),
                   coalesce(ev.evasion, false), coalesce(ev.risk, 0), coalesce(ln.arrears, false),
                   ln.long_overdue_principal, coalesce(inflow.amount, 0)
            from p left join cs on cs.uscc = p.uscc left join st on st.uscc = p.uscc
            left join latest on latest.uscc = p.uscc left join ev on ev.uscc = p.uscc
            left join ln on ln.uscc = p.uscc left join inflow on inflow.uscc = p.uscc
            order by p.uscc
            """;

    private static final int PARAMETERS = (int) SQL.chars().filter(ch -> ch == '?').count();

    /** The prospects of park {@code park} (its firms with {@code in_park = false}) against its chain map. */
    public Snapshot compute(LocalDate day, List<ChainView> chains, int park) {
        List<SegmentView> segments = chains.stream().flatMap(c -> c.segments().stream()).toList();
        List<String> usccs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        Date d = Date.valueOf(day);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL.formatted(park))) {
            for (int i = 1; i <= PARAMETERS; i++) { // every parameter is the screening day
                ps.setDate(i, d);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Exclusion> reasons = exclusions(rs);
                    if (!reasons.isEmpty()) {
                        excluded.add(new Excluded(rs.getString(1), rs.getString(2), reasons));
                        continue;
                    }
                    usccs.add(rs.getString(1));
                    names.add(rs.getString(2));
                    rows.add(criteria(rs, segments));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("prospect criteria could not be read: " + e.getMessage(), e);
        }
        return new Snapshot(day, usccs.toArray(String[]::new), names.toArray(String[]::new),
                rows.toArray(double[][]::new), List.copyOf(excluded));
    }

    private static List<Exclusion> exclusions(ResultSet rs) throws SQLException {
        List<Exclusion> reasons = new ArrayList<>();
        if ("DEREGISTERED".equals(rs.getString(3))) {
            reasons.add(Exclusion.DEREGISTERED);
        }
        boolean dishonest = rs.getBoolean(14);
        boolean arrears = rs.getBoolean(19);
        BigDecimal longOverdue = rs.getBigDecimal(20);
        BigDecimal inflow = rs.getBigDecimal(21);
        boolean ableButNotPaying = longOverdue != null && inflow.compareTo(longOverdue) > 0;
        if (arrears && (dishonest || rs.getBoolean(17) || ableButNotPaying)) {
            reasons.add(Exclusion.YELLOW_EQUIVALENT);
        }
        if (dishonest) {
            reasons.add(Exclusion.DISHONEST_DEBTOR);
        }
        if (rs.getBoolean(15)) {
            reasons.add(Exclusion.SERIOUS_ILLEGAL);
        }
        if (rs.getBoolean(16)) {
            reasons.add(Exclusion.SERIOUS_RECORD);
        }
        return reasons;
    }

    private static double[] criteria(ResultSet rs, List<SegmentView> segments) throws SQLException {
        double[] v = new double[ScreeningCriterion.values().length];
        v[ScreeningCriterion.CREDIT.ordinal()] = rs.getDouble(8);
        v[ScreeningCriterion.CHAIN_FIT.ordinal()] = chainFit(rs.getString(4), segments);
        double revenue = number(rs.getBigDecimal(9));
        v[ScreeningCriterion.REVENUE.ordinal()] = revenue;
        v[ScreeningCriterion.ASSETS.ordinal()] = number(rs.getBigDecimal(10));
        v[ScreeningCriterion.EMPLOYEES.ordinal()] = rs.getInt(5);
        v[ScreeningCriterion.GROWTH.ordinal()] = growth(rs.getArray(12), rs.getArray(13));
        double rd = revenue > 0 ? number(rs.getBigDecimal(11)) / revenue : 0;
        v[ScreeningCriterion.INNOVATION.ordinal()] = rs.getInt(6) + rs.getInt(7) + 100 * rd;
        v[ScreeningCriterion.RISK.ordinal()] = rs.getDouble(18);
        return v;
    }

    /** The largest gap among the segments whose codes prefix the industry code; 0 outside every chain. */
    static double chainFit(String industry, List<SegmentView> segments) {
        if (industry == null) {
            return 0;
        }
        double best = 0;
        for (SegmentView s : segments) {
            for (String prefix : s.industryCodes()) {
                if (industry.startsWith(prefix)) {
                    best = Math.max(best, s.gap());
                }
            }
        }
        return best;
    }

    /** Least-squares slope of revenue per year divided by mean revenue; 0 with fewer than 2 years. */
    static double growth(Array years, Array revenues) throws SQLException {
        if (years == null || revenues == null) {
            return 0;
        }
        Object[] y = (Object[]) years.getArray();
        Object[] r = (Object[]) revenues.getArray();
        return growth(y, r);
    }

    static double growth(Object[] years, Object[] revenues) {
        if (years.length < 2) {
            return 0;
        }
        SimpleRegression regression = new SimpleRegression();
        double sum = 0;
        for (int i = 0; i < years.length; i++) {
            double rev = ((Number) revenues[i]).doubleValue();
            regression.addData(((Number) years[i]).doubleValue(), rev);
            sum += rev;
        }
        double mean = sum / years.length;
        double slope = regression.getSlope();
        return mean <= 0 || Double.isNaN(slope) ? 0 : slope / mean;
    }

    private static double number(BigDecimal b) {
        return b == null ? 0 : b.doubleValue();
    }
}
