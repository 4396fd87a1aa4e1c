package io.parkcredit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each eligibility clause of DOMAIN.md §10.2 at its boundary: the last value in, the first value out. */
class PolicyRulesTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final Eligibility NONE = new Eligibility(null, null, null, null, null, null, null, null, null);

    static PolicyRules.Facts facts(String list, String grade, String industry, String revenue, Integer employees,
            LocalDate registered, LocalDate serious) {
        return new PolicyRules.Facts(list, grade, industry, revenue == null ? null : new BigDecimal(revenue), employees,
                registered, serious);
    }

    static PolicyRules.Facts plain() {
        return facts("WHITE", "A", "C3511", "1000000", 50, LocalDate.of(2015, 1, 1), null);
    }

    /** The one clause with the given code. */
    static PolicyRules.Clause clause(Eligibility e, PolicyRules.Facts f, String code) {
        List<PolicyRules.Clause> all = PolicyRules.explain(e, f, DAY);
        return all.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void anEmptyEligibilityAdmitsEveryFirmButAYellowOne() {
        assertThat(PolicyRules.explain(NONE, plain(), DAY)).containsExactly(new PolicyRules.Clause("NOT_YELLOW", true, "WHITE"));
        assertThat(PolicyRules.qualifies(PolicyRules.explain(NONE, plain(), DAY))).isTrue();
        PolicyRules.Facts yellow = facts("YELLOW", "AAA", "C3511", "1000000", 50, LocalDate.of(2015, 1, 1), null);
        assertThat(PolicyRules.explain(NONE, yellow, DAY)).containsExactly(new PolicyRules.Clause("NOT_YELLOW", false, "YELLOW"));
        // even a policy that names YELLOW among its lists refuses it (§4 measures)
        Eligibility anyList = new Eligibility(List.of("YELLOW", "RED"), null, null, null, null, null, null, null, null);
        assertThat(PolicyRules.qualifies(PolicyRules.explain(anyList, yellow, DAY))).isFalse();
    }

    @Test
    void listsClauseCountsAFirmOnNoListAsNone() {
        Eligibility e = new Eligibility(List.of("RED", "WHITE"), null, null, null, null, null, null, null, null);
        assertThat(clause(e, plain(), "LIST")).isEqualTo(new PolicyRules.Clause("LIST", true, "WHITE"));
        PolicyRules.Facts unlisted = facts(null, "A", "C3511", "1000000", 50, LocalDate.of(2015, 1, 1), null);
        assertThat(clause(e, unlisted, "LIST")).isEqualTo(new PolicyRules.Clause("LIST", false, "NONE"));
        Eligibility none = new Eligibility(List.of("NONE"), null, null, null, null, null, null, null, null);
        assertThat(clause(none, unlisted, "LIST").passed()).isTrue();
    }

    @Test
    void minGradeAdmitsTheGradeItselfAndRefusesTheOneBelow() {
        Eligibility e = new Eligibility(null, "A", null, null, null, null, null, null, null);
        assertThat(clause(e, facts("WHITE", "A", null, null, null, null, null), "MIN_GRADE"))
                .isEqualTo(new PolicyRules.Clause("MIN_GRADE", true, "A"));
        assertThat(clause(e, facts("WHITE", "AAA", null, null, null, null, null), "MIN_GRADE").passed()).isTrue();
        assertThat(clause(e, facts("WHITE", "B", null, null, null, null, null), "MIN_GRADE"))
                .isEqualTo(new PolicyRules.Clause("MIN_GRADE", false, "B"));
        assertThat(clause(e, facts("WHITE", null, null, null, null, null, null), "MIN_GRADE"))
                .isEqualTo(new PolicyRules.Clause("MIN_GRADE", false, "-"));
        Eligibility lowest = new Eligibility(null, "C", null, null, null, null, null, null, null);
        assertThat(clause(lowest, facts("WHITE", "C", null, null, null, null, null), "MIN_GRADE").passed()).isTrue();
        assertThat(clause(lowest, facts("WHITE", null, null, null, null, null, null), "MIN_GRADE").passed()).isFalse();
    }

    @Test
    void industryPrefixesMatchFromTheStart() {
        Eligibility e = new Eligibility(null, null, List.of("C35", "I65"), null, null, null, null, null, null);
        assertThat(clause(e, facts(null, null, "C35", null, null, null, null), "INDUSTRY").passed()).isTrue();
        assertThat(clause(e, facts(null, null, "C3511", null, null, null, null), "INDUSTRY"))
                .isEqualTo(new PolicyRules.Clause("INDUSTRY", true, "C3511"));
        assertThat(clause(e, facts(null, null, "I6510", null, null, null, null), "INDUSTRY").passed()).isTrue();
        assertThat(clause(e, facts(null, null, "C3411", null, null, null, null), "INDUSTRY").passed()).isFalse();
        assertThat(clause(e, facts(null, null, "C3", null, null, null, null), "INDUSTRY").passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, null, null, null, null), "INDUSTRY"))
                .isEqualTo(new PolicyRules.Clause("INDUSTRY", false, "-"));
    }

    @Test
    void revenueRangeIsInclusiveAtBothEnds() {
        Eligibility e = new Eligibility(null, null, null, new BigDecimal("1000000"), new BigDecimal("5000000"), null,
                null, null, null);
        assertThat(clause(e, facts(null, null, null, "1000000.00", null, null, null), "REVENUE"))
                .isEqualTo(new PolicyRules.Clause("REVENUE", true, "1000000.00"));
        assertThat(clause(e, facts(null, null, null, "999999.99", null, null, null), "REVENUE").passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, "5000000", null, null, null), "REVENUE").passed()).isTrue();
        assertThat(clause(e, facts(null, null, null, "5000000.01", null, null, null), "REVENUE").passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, null, null, null, null), "REVENUE"))
                .isEqualTo(new PolicyRules.Clause("REVENUE", false, "-"));
        Eligibility onlyMax = new Eligibility(null, null, null, null, new BigDecimal("5000000"), null, null, null, null);
        assertThat(clause(onlyMax, facts(null, null, null, "0", null, null, null), "REVENUE").passed()).isTrue();
    }

    @Test
    void employeesRangeIsInclusiveAtBothEnds() {
        Eligibility e = new Eligibility(null, null, null, null, null, 10, 300, null, null);
        assertThat(clause(e, facts(null, null, null, null, 10, null, null), "EMPLOYEES"))
                .isEqualTo(new PolicyRules.Clause("EMPLOYEES", true, "10"));
        assertThat(clause(e, facts(null, null, null, null, 9, null, null), "EMPLOYEES").passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, null, 300, null, null), "EMPLOYEES").passed()).isTrue();
        assertThat(clause(e, facts(null, null, null, null, 301, null, null), "EMPLOYEES").passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, null, null, null, null), "EMPLOYEES").passed()).isFalse();
        Eligibility onlyMin = new Eligibility(null, null, null, null, null, 10, null, null, null);
        assertThat(clause(onlyMin, facts(null, null, null, null, 1_000_000, null, null), "EMPLOYEES").passed()).isTrue();
    }

    @Test
    void yearsRegisteredCountsTheAnniversaryDay() {
        Eligibility e = new Eligibility(null, null, null, null, null, null, null, 3, null);
        // 2026-06-15 − 3 years = 2023-06-15: registered that day is exactly 3 years
        assertThat(clause(e, facts(null, null, null, null, null, LocalDate.of(2023, 6, 15), null), "YEARS_REGISTERED"))
                .isEqualTo(new PolicyRules.Clause("YEARS_REGISTERED", true, "2023-06-15"));
        assertThat(clause(e, facts(null, null, null, null, null, LocalDate.of(2023, 6, 16), null), "YEARS_REGISTERED")
                .passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, null, null, null, null), "YEARS_REGISTERED").passed()).isFalse();
        Eligibility zero = new Eligibility(null, null, null, null, null, null, null, 0, null);
        assertThat(clause(zero, facts(null, null, null, null, null, DAY, null), "YEARS_REGISTERED").passed()).isTrue();
        assertThat(clause(zero, facts(null, null, null, null, null, DAY.plusDays(1), null), "YEARS_REGISTERED").passed())
                .isFalse();
    }

    @Test
    void noSeriousMonthsLooksBackExactlyNMonths() {
        Eligibility e = new Eligibility(null, null, null, null, null, null, null, null, 12);
        // the window is (2025-06-15, 2026-06-15]: a record on 2025-06-15 has left it, one on 2025-06-16 has not
        assertThat(clause(e, facts(null, null, null, null, null, null, LocalDate.of(2025, 6, 15)), "NO_SERIOUS"))
                .isEqualTo(new PolicyRules.Clause("NO_SERIOUS", true, "2025-06-15"));
        assertThat(clause(e, facts(null, null, null, null, null, null, LocalDate.of(2025, 6, 16)), "NO_SERIOUS"))
                .isEqualTo(new PolicyRules.Clause("NO_SERIOUS", false, "2025-06-16"));
        assertThat(clause(e, facts(null, null, null, null, null, null, DAY), "NO_SERIOUS").passed()).isFalse();
        assertThat(clause(e, facts(null, null, null, null, null, null, null), "NO_SERIOUS"))
                .isEqualTo(new PolicyRules.Clause("NO_SERIOUS", true, "-"));
    }

    @Test
    void everyClauseIsExplainedInOrderAndOneFailureRefuses() {
        Eligibility all = new Eligibility(List.of("WHITE"), "A", List.of("C35"), new BigDecimal("1000000"), null, 10, null,
                3, 12);
        List<PolicyRules.Clause> c = PolicyRules.explain(all, plain(), DAY);
        assertThat(c).extracting(PolicyRules.Clause::code).containsExactly("NOT_YELLOW", "LIST", "MIN_GRADE", "INDUSTRY",
                "REVENUE", "EMPLOYEES", "YEARS_REGISTERED", "NO_SERIOUS");
        assertThat(PolicyRules.qualifies(c)).isTrue();
        PolicyRules.Facts b = facts("WHITE", "B", "C3511", "1000000", 50, LocalDate.of(2015, 1, 1), null);
        List<PolicyRules.Clause> refused = PolicyRules.explain(all, b, DAY);
        assertThat(refused).filteredOn(x -> !x.passed()).extracting(PolicyRules.Clause::code).containsExactly("MIN_GRADE");
        assertThat(PolicyRules.qualifies(refused)).isFalse();
    }
}
