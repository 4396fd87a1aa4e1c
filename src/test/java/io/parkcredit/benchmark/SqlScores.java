package io.parkcredit.benchmark;

import io.parkcredit.rating.Metric;
import io.parkcredit.rating.RatingModel;
import io.parkcredit.rating.RatingModel.Band;
import io.parkcredit.rating.RatingModel.Indicator;
import io.parkcredit.rating.RatingModel.Placed;
import io.parkcredit.rating.RatingModel.Rule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's baseline: one SQL query computing the yearly-review score of every park firm
 * with the same model, metrics and rules as the Java side (undefined = NULL, percentiles by window
 * functions over the industry group or the park, on-site indicators at the model's default share).
 * Generated from the model so both sides score the same indicators.
 */
final class SqlScores {

    private SqlScores() {
    }

    static String query(RatingModel model, int fiscalYear, LocalDate d) {
        String day = "date '" + d + "'";
        String from = "date '" + d.minusMonths(36) + "'";
        Map<Metric, String> m = new EnumMap<>(Metric.class);
        m.put(Metric.REVENUE, "c.revenue::float8");
        m.put(Metric.YEARS_IN_BUSINESS, "greatest(0, " + day + " - f.registered_on) / 365.25");
        m.put(Metric.EQUITY_CHANGE, growth("c.equity", "p.equity"));
        m.put(Metric.IP_COUNT, "(f.patents + f.software_copyrights)::float8");
        m.put(Metric.RD_RATIO, div("c.rd_expense", "c.revenue"));
        m.put(Metric.DEBT_TO_ASSET, div("c.total_liabilities", "c.total_assets"));
        m.put(Metric.INTEREST_COVER, div("c.operating_profit + c.interest_expense", "c.interest_expense"));
        m.put(Metric.QUICK_RATIO, div("c.current_assets - coalesce(c.inventory, 0)", "c.current_liabilities"));
        m.put(Metric.CASH_FLOW_TO_CURRENT_LIABILITIES, div("c.operating_cash_flow", "c.current_liabilities"));
        m.put(Metric.ASSET_TURNOVER, div("c.revenue", avg("total_assets")));
        m.put(Metric.RECEIVABLE_TURNOVER, div("c.revenue", avg("accounts_receivable")));
        m.put(Metric.CURRENT_ASSET_TURNOVER, div("c.revenue", avg("current_assets")));
        m.put(Metric.CASH_RECOVERY, div("c.operating_cash_flow", avg("total_assets")));
        m.put(Metric.ROE, "case when " + avg("equity") + " < 0 then null else " + div("c.net_profit", avg("equity")) + " end");
        m.put(Metric.ROA, div("c.operating_profit + coalesce(c.interest_expense, 0)", avg("total_assets")));
        m.put(Metric.SALES_MARGIN, div("c.operating_profit", "c.revenue"));
        m.put(Metric.COST_EXPENSE_MARGIN, div("c.operating_profit", "c.cost_of_sales"));
        m.put(Metric.CAPITAL_RETURN, div("c.net_profit", "f.registered_capital"));
        m.put(Metric.SALES_GROWTH, growth("c.revenue", "p.revenue"));
        m.put(Metric.CAPITAL_MAINTENANCE, "case when p.equity < 0 then null else " + div("c.equity", "p.equity") + " end");
        m.put(Metric.PROFIT_GROWTH, growth("c.operating_profit", "p.operating_profit"));
        m.put(Metric.ASSET_GROWTH, growth("c.total_assets", "p.total_assets"));
        m.put(Metric.CONTRACT_FULFILMENT, div("c.contracts_fulfilled", "c.contracts_signed"));
        for (String[] ev : new String[][] {{"QUALITY_FAILURES", "type = 'QUALITY_CHECK_FAILED'"},
                {"SAFETY_VIOLATIONS", "type = 'SAFETY_VIOLATION'"}, {"ADMIN_PENALTIES", "type = 'ADMIN_PENALTY'"},
                {"LAWSUITS", "type in ('LAWSUIT_DEFENDANT', 'DISHONEST_DEBTOR')"},
                {"COMPLAINTS", "type = 'CONSUMER_COMPLAINT'"}, {"HONORS", "type = 'HONOR'"}, {"CHARITY", "type = 'CHARITY'"},
                {"WAGE_ARREARS", "type = 'WAGE_ARREARS'"}, {"SOCIAL_INSURANCE_ARREARS", "type = 'SOCIAL_INSURANCE_ARREARS'"}}) {
            m.put(Metric.valueOf(ev[0]), "coalesce(v.n_" + ev[0].toLowerCase(Locale.ROOT) + ", 0)::float8");
        }
        m.put(Metric.TAX_GRADE, "case t.grade when 'A' then 4 when 'B' then 3 when 'M' then 2 when 'C' then 1"
                + " when 'D' then 0 end::float8");
        m.put(Metric.CREDIT_PRODUCTS, "coalesce(l.used, 0)::float8");
        m.put(Metric.BAD_LOANS, "coalesce(l.bad, 0)::float8");

        StringBuilder events = new StringBuilder();
        for (String[] ev : new String[][] {{"quality_failures", "type = 'QUALITY_CHECK_FAILED'"},
                {"safety_violations", "type = 'SAFETY_VIOLATION'"}, {"admin_penalties", "type = 'ADMIN_PENALTY'"},
                {"lawsuits", "type in ('LAWSUIT_DEFENDANT', 'DISHONEST_DEBTOR')"},
                {"complaints", "type = 'CONSUMER_COMPLAINT'"}, {"honors", "type = 'HONOR'"}, {"charity", "type = 'CHARITY'"},
                {"wage_arrears", "type = 'WAGE_ARREARS'"}, {"social_insurance_arrears", "type = 'SOCIAL_INSURANCE_ARREARS'"}}) {
            events.append(", count(*) filter (where ").append(ev[1]).append(") n_").append(ev[0]);
        }

        double total = model.totalWeight();
        List<Metric> percentile = new ArrayList<>();
        for (Placed p : model.indicators()) {
            if (p.indicator().rule().kind() == RatingModel.RuleKind.PERCENTILE && !percentile.contains(p.indicator().metric())) {
                percentile.add(p.indicator().metric());
            }
        }
        StringBuilder metricCols = new StringBuilder();
        m.forEach((k, expr) -> metricCols.append(", (").append(expr).append(") as m_").append(k.name().toLowerCase(Locale.ROOT)));
        StringBuilder ranks = new StringBuilder();
        for (Metric k : percentile) {
            String c = "m_" + k.name().toLowerCase(Locale.ROOT);
            ranks.append(", count(").append(c).append(") over (partition by grp) gn_").append(c)
                    .append(", rank() over (partition by grp order by ").append(c).append(") - 1 gb_").append(c)
                    .append(", count(*) over (partition by grp, ").append(c).append(") ge_").append(c)
                    .append(", count(").append(c).append(") over () pn_").append(c)
                    .append(", rank() over (order by ").append(c).append(") - 1 pb_").append(c)
                    .append(", count(*) over (partition by ").append(c).append(") pe_").append(c);
        }
        StringBuilder points = new StringBuilder();
        Map<String, StringBuilder> byDimension = new java.util.LinkedHashMap<>();
        for (Placed p : model.indicators()) {
            Indicator ind = p.indicator();
            double max = model.maxPoints(ind, total);
            String frac = fraction(ind, model.minPeers(), model.onsiteDefault());
            String term = "(" + max + " * (" + frac + "))";
            points.append(points.length() == 0 ? "" : " + ").append(term);
            StringBuilder dim = byDimension.computeIfAbsent(p.dimension().code(), k -> new StringBuilder());
            dim.append(dim.length() == 0 ? "" : " + ").append(term);
        }
        // the points per dimension, as the Java review writes them with each result
        StringBuilder dimensions = new StringBuilder("jsonb_build_object(");
        byDimension.forEach((code, sum) -> dimensions.append(dimensions.length() > 19 ? ", " : "").append('\'').append(code)
                .append("', round((").append(sum).append(")::numeric, 2)"));
        dimensions.append(')');
        return "with f as (select uscc, substr(industry_code, 1, 3) grp, registered_on, registered_capital, patents,"
                + " software_copyrights from enterprises where in_park and status <> 'DEREGISTERED'),"
                + " c as (select * from financial_statements where year = " + fiscalYear + "),"
                + " p as (select * from financial_statements where year = " + (fiscalYear - 1) + "),"
                + " v as (select uscc" + events + " from credit_events where occurred_on <= " + day + " and occurred_on > "
                + from + " and (repaired_on is null or repaired_on > " + day + ") group by uscc),"
                + " t as (select distinct on (uscc) uscc, grade from credit_events where type = 'TAX_CREDIT_GRADE'"
                + " and grade is not null and occurred_on <= " + day + " order by uscc, occurred_on desc,"
                + " case grade when 'A' then 4 when 'B' then 3 when 'M' then 2 when 'C' then 1 else 0 end),"
                + " l as (select uscc, count(*) filter (where start_date > " + from + ") used,"
                + " count(*) filter (where due_date > " + from + " and due_date < " + day
                + " and (case when settled_on is null or settled_on > " + day + " then " + day
                + " else settled_on end) - due_date >= 90) bad from loans where start_date <= " + day + " group by uscc),"
                + " m as (select f.uscc, coalesce(f.grp, '?') grp" + metricCols + " from f left join c on c.uscc = f.uscc"
                + " left join p on p.uscc = f.uscc left join v on v.uscc = f.uscc left join t on t.uscc = f.uscc"
                + " left join l on l.uscc = f.uscc),"
                + " r as (select m.*" + ranks + " from m)"
                + " select uscc, round((" + points + ")::numeric, 2) score, case"
                + " when round((" + points + ")::numeric, 2) >= 90 then 'AAA' when round((" + points + ")::numeric, 2) >= 80 then 'AA'"
                + " when round((" + points + ")::numeric, 2) >= 70 then 'A' when round((" + points + ")::numeric, 2) >= 50 then 'B'"
                + " when round((" + points + ")::numeric, 2) >= 10 then 'C' end grade, " + dimensions + " dimensions from r";
    }

    private static String fraction(Indicator ind, int minPeers, double onsiteDefault) {
        if (ind.metric() == Metric.ONSITE) {
            return Double.toString(onsiteDefault);
        }
        String c = "m_" + ind.metric().name().toLowerCase(Locale.ROOT);
        Rule r = ind.rule();
        boolean higher = r.higherIsBetter() == null || r.higherIsBetter();
        String expr = switch (r.kind()) {
            case THRESHOLDS -> {
                StringBuilder s = new StringBuilder("case");
                for (Band b : r.bands()) {
                    s.append(" when ").append(c).append(higher ? " >= " : " <= ").append(b.at()).append(" then ").append(b.fraction());
                }
                yield s.append(" else 0 end").toString();
            }
            case LINEAR -> "greatest(0, least(1, (" + c + " - " + r.zeroAt() + ") / (" + (r.fullAt() - r.zeroAt()) + ")))";
            case PERCENTILE -> {
                String g = higher ? "(gb_" + c + " + 0.5 * ge_" + c + ") / gn_" + c
                        : "(gn_" + c + " - gb_" + c + " - ge_" + c + " + 0.5 * ge_" + c + ") / gn_" + c;
                String p = higher ? "(pb_" + c + " + 0.5 * pe_" + c + ") / pn_" + c
                        : "(pn_" + c + " - pb_" + c + " - pe_" + c + " + 0.5 * pe_" + c + ") / pn_" + c;
                yield "case when gn_" + c + " >= " + minPeers + " then " + g + " else " + p + " end";
            }
            case ONSITE -> "0";
        };
        double undefined = ind.whenUndefined() == null ? 0 : ind.whenUndefined();
        return "case when " + c + " is null then " + undefined + " else " + expr + " end";
    }

    private static String div(String num, String den) {
        return "(" + num + ")::float8 / nullif((" + den + ")::float8, 0)";
    }

    private static String growth(String now, String before) {
        return "(" + now + " - " + before + ")::float8 / nullif(abs(" + before + ")::float8, 0)";
    }

    private static String avg(String col) {
        return "(case when p." + col + " is null then c." + col + " else (c." + col + " + p." + col + ") / 2 end)";
    }
}
