package io.parkcredit.rating;

import io.parkcredit.rating.RatingFacts.Statement;
import io.parkcredit.shared.Reason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The financial ratios of DOMAIN.md §5 from the fiscal year's statement {@code cur} and the year
 * before {@code prev}. A missing figure or a zero denominator gives an undefined {@link Value} that
 * says which, never NaN, an infinity or an exception. "Average" figures are the mean of the two
 * year ends, or the fiscal year's figure alone when the year before is missing.
 */
public final class Ratios {

    private Ratios() {
    }

    /** A metric value, or undefined with the reason, in Chinese ({@code note}) and structured ({@code why}, ScoreMsg). */
    public record Value(Double value, String note, Reason why) {

        public static Value of(double v) {
            return new Value(v, null, null);
        }

        public static Value undefined(String note, Reason why) {
            return new Value(null, note, why);
        }

        public boolean defined() {
            return value != null;
        }
    }

    public static Value debtToAsset(Statement cur) {
        return div(f(cur, Statement::totalLiabilities), f(cur, Statement::totalAssets), "负债总额", "资产总额");
    }

    public static Value interestCover(Statement cur) {
        BigDecimal op = f(cur, Statement::operatingProfit);
        BigDecimal interest = f(cur, Statement::interestExpense);
        return div(op == null || interest == null ? null : op.add(interest), interest, "营业利润", "利息支出");
    }

    public static Value quickRatio(Statement cur) {
        BigDecimal ca = f(cur, Statement::currentAssets);
        BigDecimal inv = f(cur, Statement::inventory);
        return div(ca == null ? null : ca.subtract(inv == null ? BigDecimal.ZERO : inv),
                f(cur, Statement::currentLiabilities), "流动资产", "流动负债");
    }

    public static Value cashFlowToCurrentLiabilities(Statement cur) {
        return div(f(cur, Statement::operatingCashFlow), f(cur, Statement::currentLiabilities), "经营现金净流量", "流动负债");
    }

    public static Value assetTurnover(Statement cur, Statement prev) {
        return div(f(cur, Statement::revenue), avg(cur, prev, Statement::totalAssets), "营业收入", "平均资产总额");
    }

    public static Value receivableTurnover(Statement cur, Statement prev) {
        return div(f(cur, Statement::revenue), avg(cur, prev, Statement::accountsReceivable), "营业收入", "平均应收账款");
    }

    public static Value currentAssetTurnover(Statement cur, Statement prev) {
        return div(f(cur, Statement::revenue), avg(cur, prev, Statement::currentAssets), "营业收入", "平均流动资产");
    }

    public static Value cashRecovery(Statement cur, Statement prev) {
        return div(f(cur, Statement::operatingCashFlow), avg(cur, prev, Statement::totalAssets), "经营现金净流量", "平均资产总额");
    }

    /** Net profit over average equity; equity of zero or below leaves the return undefined. */
    public static Value roe(Statement cur, Statement prev) {
        BigDecimal eq = avg(cur, prev, Statement::equity);
        if (eq != null && eq.signum() < 0) {
            return Value.undefined("平均净资产为负", Reason.of("avgEquityNegative"));
        }
        return div(f(cur, Statement::netProfit), eq, "净利润", "平均净资产");
    }

    public static Value roa(Statement cur, Statement prev) {
        BigDecimal op = f(cur, Statement::operatingProfit);
        BigDecimal interest = f(cur, Statement::interestExpense);
        return div(op == null ? null : op.add(interest == null ? BigDecimal.ZERO : interest),
                avg(cur, prev, Statement::totalAssets), "营业利润", "平均资产总额");
    }

    public static Value salesMargin(Statement cur) {
        return div(f(cur, Statement::operatingProfit), f(cur, Statement::revenue), "营业利润", "营业收入");
    }

    public static Value costExpenseMargin(Statement cur) {
        return div(f(cur, Statement::operatingProfit), f(cur, Statement::costOfSales), "营业利润", "营业成本");
    }

    public static Value capitalReturn(Statement cur, BigDecimal registeredCapital) {
        return div(f(cur, Statement::netProfit), registeredCapital, "净利润", "注册资本");
    }

    public static Value salesGrowth(Statement cur, Statement prev) {
        return growth(f(cur, Statement::revenue), f(prev, Statement::revenue), "营业收入");
    }

    public static Value capitalMaintenance(Statement cur, Statement prev) {
        BigDecimal start = f(prev, Statement::equity);
        if (start != null && start.signum() < 0) {
            return Value.undefined("期初净资产为负", Reason.of("openingEquityNegative"));
        }
        return div(f(cur, Statement::equity), start, "期末净资产", "期初净资产");
    }

    public static Value profitGrowth(Statement cur, Statement prev) {
        return growth(f(cur, Statement::operatingProfit), f(prev, Statement::operatingProfit), "营业利润");
    }

    public static Value assetGrowth(Statement cur, Statement prev) {
        return growth(f(cur, Statement::totalAssets), f(prev, Statement::totalAssets), "资产总额");
    }

    public static Value equityChange(Statement cur, Statement prev) {
        return growth(f(cur, Statement::equity), f(prev, Statement::equity), "所有者权益");
    }

    public static Value contractFulfilment(Statement cur) {
        return div(f(cur, Statement::contractsFulfilled), f(cur, Statement::contractsSigned), "履约合同额", "签订合同额");
    }

    public static Value rdRatio(Statement cur) {
        return div(f(cur, Statement::rdExpense), f(cur, Statement::revenue), "研发费用", "营业收入");
    }

    /** (now − before) ÷ |before|: a negative base still reads "better" as a rise. */
    static Value growth(BigDecimal now, BigDecimal before, String what) {
        if (now == null) {
            return Value.undefined("缺少本年" + what, Reason.list("missingThisYear", List.of(figure(what))));
        }
        if (before == null) {
            return Value.undefined("缺少上年" + what, Reason.list("missingLastYear", List.of(figure(what))));
        }
        if (before.signum() == 0) {
            return Value.undefined("上年" + what + "为零", Reason.list("zeroLastYear", List.of(figure(what))));
        }
        return Value.of(now.subtract(before).doubleValue() / before.abs().doubleValue());
    }

    static Value div(BigDecimal num, BigDecimal den, String numName, String denName) {
        if (num == null) {
            return Value.undefined("缺少" + numName, missing(numName));
        }
        if (den == null) {
            return Value.undefined("缺少" + denName, missing(denName));
        }
        if (den.signum() == 0) {
            return Value.undefined(denName + "为零", Reason.list("zero", List.of(figure(denName))));
        }
        return Value.of(num.doubleValue() / den.doubleValue());
    }

    /** A missing figure, named by its Chinese name (the note) and by its code (the reason). */
    static Reason missing(String name) {
        return Reason.list("missing", List.of(figure(name)));
    }

    /** A statement figure as a reason item: {@code fig<Name>} in ScoreMsg. */
    static Reason figure(String name) {
        String code = FIGURES.get(name);
        if (code == null) {
            throw new IllegalArgumentException("no code for figure " + name);
        }
        return Reason.of(code);
    }

    private static final Map<String, String> FIGURES = Map.ofEntries(Map.entry("负债总额", "figTotalLiabilities"),
            Map.entry("资产总额", "figTotalAssets"), Map.entry("营业利润", "figOperatingProfit"),
            Map.entry("利息支出", "figInterestExpense"), Map.entry("流动资产", "figCurrentAssets"),
            Map.entry("流动负债", "figCurrentLiabilities"), Map.entry("经营现金净流量", "figOperatingCashFlow"),
            Map.entry("营业收入", "figRevenue"), Map.entry("平均资产总额", "figAvgTotalAssets"),
            Map.entry("平均应收账款", "figAvgReceivables"), Map.entry("平均流动资产", "figAvgCurrentAssets"),
            Map.entry("净利润", "figNetProfit"), Map.entry("平均净资产", "figAvgEquity"),
            Map.entry("营业成本", "figCostOfSales"), Map.entry("注册资本", "figRegisteredCapital"),
            Map.entry("期末净资产", "figClosingEquity"), Map.entry("期初净资产", "figOpeningEquity"),
            Map.entry("所有者权益", "figEquity"), Map.entry("履约合同额", "figContractsFulfilled"),
            Map.entry("签订合同额", "figContractsSigned"), Map.entry("研发费用", "figRdExpense"),
            Map.entry("成立日期", "figRegisteredOn"));

    static BigDecimal avg(Statement cur, Statement prev, Function<Statement, BigDecimal> field) {
        BigDecimal now = f(cur, field);
        BigDecimal before = f(prev, field);
        if (now == null) {
            return null;
        }
        return before == null ? now : now.add(before).divide(BigDecimal.valueOf(2));
    }

    static BigDecimal f(Statement s, Function<Statement, BigDecimal> field) {
        return s == null ? null : field.apply(s);
    }
}
