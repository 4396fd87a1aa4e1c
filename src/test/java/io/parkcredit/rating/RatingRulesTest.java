package io.parkcredit.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.rating.PeerStats.Member;
import io.parkcredit.rating.RatingFacts.Event;
import io.parkcredit.rating.RatingFacts.LoanFact;
import io.parkcredit.rating.RatingFacts.Statement;
import io.parkcredit.rating.RatingModel.Band;
import io.parkcredit.rating.RatingModel.Dimension;
import io.parkcredit.rating.RatingModel.Group;
import io.parkcredit.rating.RatingModel.Indicator;
import io.parkcredit.rating.RatingModel.Rule;
import io.parkcredit.rating.RatingModel.RuleKind;
import io.parkcredit.rating.Ratios.Value;
import io.parkcredit.shared.ProblemException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pure rules of the rating (DOMAIN.md §5): ratios, scoring rules, weights, grades, qualification, application. */
class RatingRulesTest {

    static final LocalDate D = LocalDate.of(2026, 6, 30);

    static BigDecimal b(Object v) {
        return v == null ? null : new BigDecimal(v.toString());
    }

    /** total assets, liabilities, current assets, current liabilities, inventory, receivables, equity, revenue,
     *  cost, operating profit, net profit, interest, operating cash flow, R&D, signed, fulfilled */
    static Statement st(int year, Object... v) {
        BigDecimal[] x = Arrays.stream(v).map(RatingRulesTest::b).toArray(BigDecimal[]::new);
        return new Statement(year, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11], x[12],
                x[13], x[14], x[15]);
    }

    static final Statement CUR = st(2025, 1000, 400, 600, 200, 100, 100, 600, 1200, 800, 200, 150, 10, 150, 60, 1000, 990);
    static final Statement PREV = st(2024, 900, 360, 500, 180, 90, 90, 540, 1000, 700, 170, 120, 10, 130, 50, 950, 930);
    static final Statement ZERO = st(2025, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    static final Statement EMPTY = st(2025, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    @Test
    void everyRatioFromAStatement() {
        assertThat(Ratios.debtToAsset(CUR).value()).isCloseTo(0.4, offset(1e-9));
        assertThat(Ratios.interestCover(CUR).value()).isCloseTo(21.0, offset(1e-9));
        assertThat(Ratios.quickRatio(CUR).value()).isCloseTo(2.5, offset(1e-9));
        assertThat(Ratios.cashFlowToCurrentLiabilities(CUR).value()).isCloseTo(0.75, offset(1e-9));
        assertThat(Ratios.assetTurnover(CUR, PREV).value()).isCloseTo(1200 / 950.0, offset(1e-9));
        assertThat(Ratios.receivableTurnover(CUR, PREV).value()).isCloseTo(1200 / 95.0, offset(1e-9));
        assertThat(Ratios.currentAssetTurnover(CUR, PREV).value()).isCloseTo(1200 / 550.0, offset(1e-9));
        assertThat(Ratios.cashRecovery(CUR, PREV).value()).isCloseTo(150 / 950.0, offset(1e-9));
        assertThat(Ratios.roe(CUR, PREV).value()).isCloseTo(150 / 570.0, offset(1e-9));
        assertThat(Ratios.roa(CUR, PREV).value()).isCloseTo(210 / 950.0, offset(1e-9));
        assertThat(Ratios.salesMargin(CUR).value()).isCloseTo(200 / 1200.0, offset(1e-9));
        assertThat(Ratios.costExpenseMargin(CUR).value()).isCloseTo(0.25, offset(1e-9));
        assertThat(Ratios.capitalReturn(CUR, b(500)).value()).isCloseTo(0.3, offset(1e-9));
        assertThat(Ratios.salesGrowth(CUR, PREV).value()).isCloseTo(0.2, offset(1e-9));
        assertThat(Ratios.capitalMaintenance(CUR, PREV).value()).isCloseTo(600 / 540.0, offset(1e-9));
        assertThat(Ratios.profitGrowth(CUR, PREV).value()).isCloseTo(30 / 170.0, offset(1e-9));
        assertThat(Ratios.assetGrowth(CUR, PREV).value()).isCloseTo(100 / 900.0, offset(1e-9));
        assertThat(Ratios.contractFulfilment(CUR).value()).isCloseTo(0.99, offset(1e-9));
        assertThat(Ratios.rdRatio(CUR).value()).isCloseTo(0.05, offset(1e-9));
        assertThat(Ratios.equityChange(CUR, PREV).value()).isCloseTo(60 / 540.0, offset(1e-9));
    }

    @Test
    void averagesFallBackToTheFiscalYearWithoutThePreviousStatement() {
        assertThat(Ratios.assetTurnover(CUR, null).value()).isCloseTo(1.2, offset(1e-9));
        assertThat(Ratios.roe(CUR, null).value()).isCloseTo(0.25, offset(1e-9));
    }

    @Test
    void zeroDenominatorsAreUndefinedWithTheReasonNeverNaN() {
        List<Value> all = List.of(Ratios.debtToAsset(ZERO), Ratios.interestCover(ZERO), Ratios.quickRatio(ZERO),
                Ratios.cashFlowToCurrentLiabilities(ZERO), Ratios.assetTurnover(ZERO, ZERO),
                Ratios.receivableTurnover(ZERO, ZERO), Ratios.currentAssetTurnover(ZERO, ZERO),
                Ratios.cashRecovery(ZERO, ZERO), Ratios.roe(ZERO, ZERO), Ratios.roa(ZERO, ZERO),
                Ratios.salesMargin(ZERO), Ratios.costExpenseMargin(ZERO), Ratios.capitalReturn(ZERO, BigDecimal.ZERO),
                Ratios.salesGrowth(ZERO, ZERO), Ratios.capitalMaintenance(ZERO, ZERO), Ratios.profitGrowth(ZERO, ZERO),
                Ratios.assetGrowth(ZERO, ZERO), Ratios.contractFulfilment(ZERO), Ratios.rdRatio(ZERO),
                Ratios.equityChange(ZERO, ZERO));
        assertThat(all).hasSize(20).allSatisfy(v -> {
            assertThat(v.defined()).isFalse();
            assertThat(v.note()).contains("为零");
        });
        assertThat(Ratios.debtToAsset(ZERO).note()).isEqualTo("资产总额为零");
        assertThat(Ratios.salesGrowth(CUR, ZERO).note()).isEqualTo("上年营业收入为零");
    }

    @Test
    void missingFiguresAreUndefinedWithTheMissingItemNamed() {
        List<Value> all = List.of(Ratios.debtToAsset(EMPTY), Ratios.interestCover(EMPTY), Ratios.quickRatio(EMPTY),
                Ratios.cashFlowToCurrentLiabilities(EMPTY), Ratios.assetTurnover(EMPTY, null),
                Ratios.receivableTurnover(null, null), Ratios.currentAssetTurnover(EMPTY, EMPTY),
                Ratios.cashRecovery(EMPTY, null), Ratios.roe(EMPTY, null), Ratios.roa(null, null),
                Ratios.salesMargin(EMPTY), Ratios.costExpenseMargin(null), Ratios.capitalReturn(CUR, null),
                Ratios.salesGrowth(CUR, null), Ratios.capitalMaintenance(CUR, EMPTY), Ratios.profitGrowth(EMPTY, PREV),
                Ratios.assetGrowth(null, PREV), Ratios.contractFulfilment(EMPTY), Ratios.rdRatio(EMPTY));
        assertThat(all).allSatisfy(v -> {
            assertThat(v.defined()).isFalse();
            assertThat(v.note()).startsWith("缺少");
        });
        assertThat(Ratios.capitalReturn(CUR, null).note()).isEqualTo("缺少注册资本");
        assertThat(Ratios.salesGrowth(CUR, null).note()).isEqualTo("缺少上年营业收入");
    }

    @Test
    void negativeEquityLeavesReturnsUndefined() {
        Statement neg = st(2025, 1000, 1200, 600, 200, 100, 100, -200, 1200, 800, 200, 150, 10, 150, 60, 1000, 990);
        assertThat(Ratios.roe(neg, null).note()).isEqualTo("平均净资产为负");
        assertThat(Ratios.capitalMaintenance(CUR, neg).note()).isEqualTo("期初净资产为负");
    }

    @Test
    void eventsCountInThe36MonthWindowUnlessRepaired() {
        List<Event> events = List.of(
                new Event("ADMIN_PENALTY", "GENERAL", D.minusMonths(36), null, null),          // on the open edge: out
                new Event("ADMIN_PENALTY", "GENERAL", D.minusMonths(36).plusDays(1), null, null),
                new Event("ADMIN_PENALTY", "GENERAL", D.minusMonths(2), D.minusDays(1), null),  // repaired: out
                new Event("ADMIN_PENALTY", "GENERAL", D.minusMonths(2), D.plusDays(1), null),   // repaired later: in
                new Event("ADMIN_PENALTY", "GENERAL", D.plusDays(1), null, null),               // after D: out
                new Event("LAWSUIT_DEFENDANT", "MINOR", D.minusMonths(3), null, null),
                new Event("DISHONEST_DEBTOR", "SERIOUS", D.minusMonths(3), null, null),
                new Event("TAX_CREDIT_GRADE", null, D.minusYears(5), null, "C"),
                new Event("TAX_CREDIT_GRADE", null, D.minusYears(1), null, "B"),
                new Event("HONOR", null, D.minusMonths(1), null, null));
        List<LoanFact> loans = List.of(
                new LoanFact(D.minusYears(2), D.minusDays(100), null),                  // 100 days overdue: bad
                new LoanFact(D.minusYears(2), D.minusDays(100), D.minusDays(20)),       // settled 80 days late
                new LoanFact(D.minusYears(5), D.minusYears(4), null));                  // due before the window
        RatingFacts f = new RatingFacts("X", "x", "C3110", D.minusYears(10), b(500), 2, 1, CUR, PREV, events, loans);
        Map<Metric, Value> m = Metrics.compute(f, D);
        assertThat(m.get(Metric.ADMIN_PENALTIES).value()).isEqualTo(2.0);
        assertThat(m.get(Metric.LAWSUITS).value()).isEqualTo(2.0);
        assertThat(m.get(Metric.TAX_GRADE).value()).isEqualTo(3.0);
        assertThat(m.get(Metric.HONORS).value()).isEqualTo(1.0);
        assertThat(m.get(Metric.BAD_LOANS).value()).isEqualTo(1.0);
        assertThat(m.get(Metric.CREDIT_PRODUCTS).value()).isEqualTo(2.0);
        assertThat(m.get(Metric.IP_COUNT).value()).isEqualTo(3.0);
        assertThat(m.get(Metric.YEARS_IN_BUSINESS).value()).isCloseTo(10.0, offset(0.01));
        assertThat(m).hasSize(Metric.values().length - 1);
    }

    static Rule thresholds(boolean higher, Band... bands) {
        return new Rule(RuleKind.THRESHOLDS, higher, List.of(bands), null, null);
    }

    @ParameterizedTest
    @CsvSource({"10, 1", "9.99, 0.7", "5, 0.7", "3, 0.4", "2.99, 0"})
    void thresholdRulesTakeTheFirstBandReached(double v, double expected) {
        Rule r = thresholds(true, new Band(10, 1), new Band(5, 0.7), new Band(3, 0.4));
        assertThat(Scorer.fraction(r, v, "C31", Metric.IP_COUNT, null)).isEqualTo(expected);
        assertThat(Scorer.thresholds(r, v).fraction()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 0.5", "2, 0"})
    void lowerIsBetterThresholdsForRecordCounts(double v, double expected) {
        Rule r = thresholds(false, new Band(0, 1), new Band(1, 0.5));
        assertThat(Scorer.fraction(r, v, "C31", Metric.ADMIN_PENALTIES, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 0", "1.0, 0", "0.65, 0.5", "0.4, 1", "0.1, 1"})
    void linearRulesInterpolateAndClampEitherWay(double v, double expected) {
        Rule r = new Rule(RuleKind.LINEAR, null, null, 0.9, 0.4);
        assertThat(Scorer.fraction(r, v, "C31", Metric.DEBT_TO_ASSET, null)).isCloseTo(expected, offset(1e-9));
    }

    @Test
    void percentileRulesRankAgainstIndustryPeersOrTheParkWhenTooFew() {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            members.add(member("C31", i));     // 1..5
        }
        members.add(member("I65", 100));       // a lone software firm
        PeerStats peers = new PeerStats(members, List.of(Metric.ASSET_TURNOVER), 5);
        Rule up = new Rule(RuleKind.PERCENTILE, true, null, null, null);
        Rule down = new Rule(RuleKind.PERCENTILE, false, null, null, null);
        // 3 among 1..5: beats 2, ties itself: (2 + 0.5) / 5
        assertThat(Scorer.fraction(up, 3, "C31", Metric.ASSET_TURNOVER, peers)).isCloseTo(0.5, offset(1e-9));
        assertThat(Scorer.fraction(up, 5, "C31", Metric.ASSET_TURNOVER, peers)).isCloseTo(0.9, offset(1e-9));
        assertThat(Scorer.fraction(down, 1, "C31", Metric.ASSET_TURNOVER, peers)).isCloseTo(0.9, offset(1e-9));
        // the lone firm is compared with the whole park (6 values)
        assertThat(Scorer.fraction(up, 100, "I65", Metric.ASSET_TURNOVER, peers)).isCloseTo(5.5 / 6, offset(1e-9));
        assertThat(peers.groupSized("I65", Metric.ASSET_TURNOVER)).isFalse();
        assertThat(peers.median(peers.peers("C31", Metric.ASSET_TURNOVER))).isEqualTo(3.0);
        assertThat(PeerStats.rank(new double[0], 1, true)).isEqualTo(0.5);
    }

    static Member member(String group, double turnover) {
        double[] v = new double[Metric.values().length];
        Arrays.fill(v, Double.NaN);
        v[Metric.ASSET_TURNOVER.ordinal()] = turnover;
        return new Member(group, v);
    }

    @Test
    void weightsAreNormalisedTo100() {
        Indicator a = new Indicator("A1", "a", Metric.IP_COUNT, 3, null, thresholds(true, new Band(0, 1)));
        Indicator c = new Indicator("A2", "b", Metric.HONORS, 1, null, thresholds(true, new Band(1, 1)));
        RatingModel model = new RatingModel(0.6, 5, List.of(new Dimension("D", "维度", "Dim",
                List.of(new Group("G", "组", List.of(a, c))))));
        assertThat(model.totalWeight()).isEqualTo(4.0);
        assertThat(model.maxPoints(a, 4)).isEqualTo(75.0);
        assertThat(model.maxPoints(c, 4)).isEqualTo(25.0);
        Map<Metric, Value> m = Map.of(Metric.IP_COUNT, Value.of(2), Metric.HONORS, Value.of(0));
        RatingResult r = Scorer.score(model, 9, m, "C31", null, Map.of(), null);
        assertThat(r.score()).isEqualByComparingTo("75.00");
        assertThat(r.grade()).isEqualTo(Grade.A);
        assertThat(r.indicators()).extracting(RatingResult.Line::max).containsExactly(b("75.00"), b("25.00"));
        assertThat(r.raise().nextGrade()).isEqualTo(Grade.AA);
        assertThat(r.raise().pointsNeeded()).isEqualByComparingTo("5.00");
        assertThat(r.raise().indicators()).extracting(RatingResult.Line::code).containsExactly("A2");
    }

    @Test
    void undefinedValuesTakeTheModelsShareAndSayWhy() {
        Indicator cover = new Indicator("F02", "已获利息倍数", Metric.INTEREST_COVER, 2, 1.0,
                thresholds(true, new Band(6, 1)));
        Indicator margin = new Indicator("F11", "销售利润率", Metric.SALES_MARGIN, 2, null,
                new Rule(RuleKind.LINEAR, null, null, 0.0, 0.15));
        RatingModel model = new RatingModel(0.6, 5, List.of(new Dimension("FIN", "财务", "Fin",
                List.of(new Group("G", "组", List.of(cover, margin))))));
        Map<Metric, Value> m = Metrics.compute(new RatingFacts("X", "x", "C3110", D.minusYears(5), null, 0, 0,
                ZERO, null, List.of(), List.of()), D);
        RatingResult r = Scorer.score(model, 1, m, "C31", null, Map.of(), null);
        assertThat(r.indicators().get(0).points()).isEqualByComparingTo("50.00");
        assertThat(r.indicators().get(0).detail()).contains("利息支出为零");
        assertThat(r.indicators().get(1).points()).isEqualByComparingTo("0.00");
        assertThat(r.indicators().get(1).detail()).contains("营业收入为零");
        assertThat(r.score()).isEqualByComparingTo("50.00");
    }

    @ParameterizedTest
    @CsvSource({"100, AAA", "90, AAA", "89.99, AA", "80, AA", "79.99, A", "70, A", "69.99, B", "50, B", "49.99, C",
            "10, C", "9.99, ", "0, "})
    void gradeBoundaries(String score, String grade) {
        Grade g = Grade.of(new BigDecimal(score));
        assertThat(g == null ? null : g.name()).isEqualTo(grade);
    }

    @Test
    void theDefaultModelHas5Dimensions18GroupsAnd45IndicatorsWeighing100() throws Exception {
        RatingModel m = new ObjectMapper().readValue(RatingModelService.defaultJson(), RatingModel.class);
        assertThat(m.problems()).isEmpty();
        assertThat(m.dimensions()).extracting(Dimension::name)
                .containsExactly("企业综合素质", "企业管理水平", "企业财务实力", "企业诚信表现", "企业社会责任");
        assertThat(m.dimensions().stream().mapToLong(d -> d.groups().size()).sum()).isEqualTo(18);
        assertThat(m.indicators()).hasSize(45);
        assertThat(m.totalWeight()).isCloseTo(100.0, offset(1e-9));
        assertThat(m.indicators().stream().filter(p -> p.indicator().metric() == Metric.ONSITE)).hasSize(10);
        // every metric but ONSITE is used by exactly one indicator
        assertThat(m.indicators().stream().map(p -> p.indicator().metric()).filter(x -> x != Metric.ONSITE).distinct()
                .count()).isEqualTo(Metric.values().length - 1);
    }

    @Test
    void aBrokenModelIsRefusedWithTheFields() {
        Indicator bad = new Indicator("X1", "x", Metric.ROE, -1, 2.0, new Rule(RuleKind.LINEAR, null, null, 1.0, 1.0));
        Indicator dup = new Indicator("X1", "y", Metric.ONSITE, 1, null, thresholds(true, new Band(0, 1)));
        RatingModel m = new RatingModel(2, 0, List.of(new Dimension("D", "d", "d", List.of(new Group("G", "g",
                List.of(bad, dup))))));
        assertThat(m.problems()).extracting(p -> p[0]).contains("onsiteDefault", "minPeers",
                "dimensions[0].groups[0].indicators[0].weight", "dimensions[0].groups[0].indicators[0].whenUndefined",
                "dimensions[0].groups[0].indicators[0].rule", "dimensions[0].groups[0].indicators[1].code",
                "dimensions[0].groups[0].indicators[1].rule.kind");
    }

    @Test
    void qualificationReportsEveryClause() {
        LocalDate day = LocalDate.of(2026, 12, 3);
        var ok = Qualification.check(day, "ACTIVE", true, day.minusYears(3), Set.of(2023, 2024, 2025), List.of());
        assertThat(Qualification.passed(ok)).isTrue();
        var bad = Qualification.check(day, "ABNORMAL", true, day.minusYears(3).plusDays(1), Set.of(2023, 2025),
                List.of(new Event("ADMIN_PENALTY", "SERIOUS", day.minusYears(1), null, null),
                        new Event("SERIOUS_ILLEGAL", "GENERAL", day.minusYears(4), null, null),
                        new Event("DISHONEST_DEBTOR", "GENERAL", day.minusYears(1), day.minusDays(1), null)));
        assertThat(bad).filteredOn(c -> !c.passed()).extracting(Qualification.Clause::code).containsExactly(
                "QUAL_ACTIVE_IN_PARK", "QUAL_REGISTERED_3Y", "QUAL_REVENUE_EVERY_YEAR", "QUAL_NO_SERIOUS_DISHONESTY");
        assertThat(bad.get(2).detail()).contains("2024");
        assertThat(bad.get(3).detail()).contains("ADMIN_PENALTY").doesNotContain("SERIOUS_ILLEGAL", "DISHONEST_DEBTOR");
    }

    @Test
    void applicationsAreBarredForThreeYearsAfterRevocationAndReRatingOpensInTheLastThreeMonths() {
        LocalDate revoked = LocalDate.of(2026, 3, 1);
        assertThatThrownBy(() -> ApplicationRules.check(LocalDate.of(2029, 2, 28), false, revoked, null, 3, 3))
                .isInstanceOf(ProblemException.class).hasMessageContaining("2029-03-01");
        assertThat(ApplicationRules.check(LocalDate.of(2029, 3, 1), false, revoked, null, 3, 3))
                .isEqualTo(ApplicationRules.Kind.FIRST);
        assertThatThrownBy(() -> ApplicationRules.check(D, true, null, null, 3, 3))
                .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("rating-application-open"));
        LocalDate until = LocalDate.of(2027, 6, 30);
        assertThatThrownBy(() -> ApplicationRules.check(LocalDate.of(2027, 3, 30), false, null, until, 3, 3))
                .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("rerating-not-open"));
        assertThat(ApplicationRules.check(LocalDate.of(2027, 3, 31), false, null, until, 3, 3))
                .isEqualTo(ApplicationRules.Kind.RERATING);
        assertThat(ApplicationRules.check(until.plusDays(1), false, null, until, 3, 3)).isEqualTo(ApplicationRules.Kind.FIRST);
    }
}
