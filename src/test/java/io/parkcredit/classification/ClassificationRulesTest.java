package io.parkcredit.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.parkcredit.classification.ClassificationRules.Clause;
import io.parkcredit.classification.ClassificationRules.Outcome;
import io.parkcredit.classification.FirmFacts.EventFact;
import io.parkcredit.classification.FirmFacts.LoanFact;
import io.parkcredit.classification.FirmFacts.RatingFact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The yearly red / white / yellow classification (DOMAIN.md §4) for Y = 2025, D = 2025-12-31 with
 * the default parameters, at every boundary of its windows and in the order YELLOW, RED, WHITE, NONE.
 * Each case starts from a firm that is clearly on one list and changes one fact.
 */
class ClassificationRulesTest {

    static final int Y = 2025;

    // ------------------------------------------------------------------ loan-holding window

    @ParameterizedTest(name = "loan started {0}, due {1}, settled [{2}]: {3}")
    @CsvSource(delimiter = '|', value = {
        // settled on D − 24 months: still loan-holding; the day before: loan-free
        "2022-12-31|2023-12-31|2023-12-31|RED",
        "2022-12-30|2023-12-30|2023-12-30|WHITE",
        "2022-12-31|2024-06-30|2024-06-30|RED",
        // started on D counts; started the day after D does not
        "2025-12-31|2026-12-31|          |RED",
        "2026-01-01|2026-12-31|          |WHITE",
        // repaid after D, not yet due on D
        "2025-01-01|2026-01-05|2026-01-05|RED",
    })
    void aLoanMakesTheFirmLoanHoldingForTwentyFourMonths(LocalDate start, LocalDate due, LocalDate settled,
            CreditList expected) {
        // given an otherwise clean, active, long-registered firm with revenue in Y and this one loan
        Firm firm = Firm.firm().loan(start, due, settled, new BigDecimal("500000.00"));

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        Clause holding = clause(outcome, "RED_LOAN_HOLDING");
        assertThat(holding.passed()).isEqualTo(expected == CreditList.RED);
        if (holding.passed()) {
            assertThat(holding.detail()).contains(firm.lastLoan());
        } else {
            assertThat(holding.detail()).contains("2023-12-31");
            assertThat(clause(outcome, "WHITE_LOAN_FREE").passed()).isTrue();
        }
    }

    // ------------------------------------------------------------------ arrears on D

    @ParameterizedTest(name = "loan due {0}, settled [{1}]: in arrears {2}, {3}")
    @CsvSource(delimiter = '|', value = {
        "2025-12-31|          |false|RED",    // due on D: not yet in arrears
        "2025-12-30|          |true |NONE",   // due the day before D, unpaid
        "2025-12-30|2025-12-31|false|RED",    // settled on D, one day late
        "2025-12-30|2026-01-01|true |NONE",   // settled the day after D: in arrears on D
    })
    void arrearsAreJudgedOnTheEvaluationDayItself(LocalDate due, LocalDate settled, boolean inArrears,
            CreditList expected) {
        // given a firm whose only loan is due around D; no evasion indicator
        Firm firm = Firm.firm().loan(LocalDate.of(2025, 1, 1), due, settled, new BigDecimal("500000.00"));

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        assertThat(clause(outcome, "YELLOW_IN_ARREARS").passed()).isEqualTo(inArrears);
        Clause notInArrears = clause(outcome, "RED_NOT_IN_ARREARS");
        assertThat(notInArrears.passed()).isEqualTo(!inArrears);
        if (inArrears) {
            assertThat(notInArrears.detail()).contains(firm.lastLoan(), "逾期 1 天");
            assertThat(clause(outcome, "YELLOW_EVASION").passed()).isFalse();
        }
    }

    // ------------------------------------------------------------------ lateness within 24 months

    @ParameterizedTest(name = "loan due {0}, settled {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "2025-06-01|2025-07-01|RED",    // 30 days late: allowed
        "2025-06-01|2025-07-02|NONE",   // 31 days late
        "2025-12-01|2025-12-31|RED",    // 30 days late, settled on D
        "2023-12-31|2024-03-01|RED",    // 61 days late, but due on D − 24 months: outside the window
        "2024-01-01|2024-03-01|NONE",   // 60 days late, due the day after: inside
    })
    void noLoanDueInTheWindowMayHaveBeenMoreThanThirtyDaysLate(LocalDate due, LocalDate settled,
            CreditList expected) {
        // given a firm whose only loan was repaid late before D
        Firm firm = Firm.firm().loan(LocalDate.of(2023, 1, 1), due, settled, new BigDecimal("500000.00"));

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        Clause noLate = clause(outcome, "RED_NO_LATE");
        assertThat(noLate.passed()).isEqualTo(expected == CreditList.RED);
        assertThat(clause(outcome, "RED_LOAN_HOLDING").passed()).isTrue();
        if (!noLate.passed()) {
            assertThat(noLate.detail()).contains(firm.lastLoan());
        }
    }

    // ------------------------------------------------------------------ negative events

    @ParameterizedTest(name = "{0} firm, {1} event occurred {2}, repaired [{3}]: {4}")
    @CsvSource(delimiter = '|', value = {
        // SERIOUS: (D − 36 months, D] for RED
        "RED  |SERIOUS|2022-12-31|          |RED  |",
        "RED  |SERIOUS|2023-01-01|          |NONE |RED_NO_SERIOUS",
        "RED  |SERIOUS|2025-12-31|          |NONE |RED_NO_SERIOUS",
        "RED  |SERIOUS|2026-01-01|          |RED  |",                 // after D
        "RED  |SERIOUS|2025-06-01|2025-12-31|RED  |",                 // repaired on D
        "RED  |SERIOUS|2025-06-01|2026-01-01|NONE |RED_NO_SERIOUS",   // repaired the day after D
        // GENERAL: (D − 12 months, D] for RED
        "RED  |GENERAL|2024-12-31|          |RED  |",
        "RED  |GENERAL|2025-01-01|          |NONE |RED_NO_GENERAL",
        "RED  |GENERAL|2025-12-31|          |NONE |RED_NO_GENERAL",
        "RED  |GENERAL|2026-01-01|          |RED  |",
        "RED  |GENERAL|2025-06-01|2025-12-31|RED  |",
        "RED  |GENERAL|2025-06-01|2026-01-01|NONE |RED_NO_GENERAL",
        // MINOR never matters
        "RED  |MINOR  |2025-12-31|          |RED  |",
        // SERIOUS: (D − 36 months, D] for WHITE as well
        "WHITE|SERIOUS|2022-12-31|          |WHITE|",
        "WHITE|SERIOUS|2023-01-01|          |NONE |WHITE_NO_SERIOUS",
        "WHITE|SERIOUS|2026-01-01|          |WHITE|",
        "WHITE|SERIOUS|2025-06-01|2025-12-31|WHITE|",
        "WHITE|SERIOUS|2025-06-01|2026-01-01|NONE |WHITE_NO_SERIOUS",
        // WHITE does not look at GENERAL or MINOR events
        "WHITE|GENERAL|2025-12-31|          |WHITE|",
        "WHITE|MINOR  |2025-12-31|          |WHITE|",
    })
    void countingEventsBlockRedAndWhiteWithinTheirWindows(CreditList base, String severity, LocalDate occurred,
            LocalDate repaired, CreditList expected, String failed) {
        // given a firm that is on the base list, with one administrative penalty
        Firm firm = base == CreditList.RED ? Firm.redFirm() : Firm.firm();
        assertThat(classify(firm).list()).isEqualTo(base);
        firm.event("ADMIN_PENALTY", severity, occurred, repaired);

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        if (failed != null) {
            Clause clause = clause(outcome, failed);
            assertThat(clause.passed()).isFalse();
            assertThat(clause.detail()).contains(firm.lastEvent(), occurred.toString());
        }
    }

    // ------------------------------------------------------------------ YELLOW: arrears + evasion

    @ParameterizedTest(name = "in arrears, {0} occurred {1}, repaired [{2}]: {3}")
    @CsvSource(delimiter = '|', value = {
        // (a) a counting DEBT_EVASION in (D − 24 months, D]
        "DEBT_EVASION    |2023-12-31|          |NONE  |",
        "DEBT_EVASION    |2024-01-01|          |YELLOW|(a)",
        "DEBT_EVASION    |2025-12-31|          |YELLOW|(a)",
        "DEBT_EVASION    |2026-01-01|          |NONE  |",
        "DEBT_EVASION    |2025-06-01|2025-12-31|NONE  |",
        "DEBT_EVASION    |2025-06-01|2026-01-01|YELLOW|(a)",
        // (b) a counting DISHONEST_DEBTOR at any time before D
        "DISHONEST_DEBTOR|2010-01-01|          |YELLOW|(b)",
        "DISHONEST_DEBTOR|2025-12-31|          |YELLOW|(b)",
        "DISHONEST_DEBTOR|2026-01-01|          |NONE  |",
        "DISHONEST_DEBTOR|2010-01-01|2025-12-31|NONE  |",
        "DISHONEST_DEBTOR|2010-01-01|2026-01-01|YELLOW|(b)",
        // other types are no evasion indicator
        "ADMIN_PENALTY   |2025-06-01|          |NONE  |",
    })
    void anEvasionEventWithArrearsIsYellow(String type, LocalDate occurred, LocalDate repaired,
            CreditList expected, String indicator) {
        // given a firm 30 days in arrears on a loan, with no inflow, and one event
        Firm firm = Firm.firm().loan("2024-06-01", "2025-12-01", null, "100000.00")
                .event(type, "GENERAL", occurred, repaired);

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        assertThat(clause(outcome, "YELLOW_IN_ARREARS").passed()).isTrue();
        Clause evasion = clause(outcome, "YELLOW_EVASION");
        assertThat(evasion.passed()).isEqualTo(expected == CreditList.YELLOW);
        if (indicator != null) {
            assertThat(evasion.detail()).startsWith(indicator).contains(firm.lastEvent(), occurred.toString());
        }
    }

    @ParameterizedTest(name = "loan due {0}, settled [{1}], principal {2}, inflow {3}: {4}")
    @CsvSource(delimiter = '|', value = {
        "2025-10-02|          |100000.00|100000.01|YELLOW",   // 90 days overdue, inflow one cent above principal
        "2025-10-03|          |100000.00|100000.01|NONE  ",   // 89 days overdue
        "2025-10-02|          |100000.00|100000.00|NONE  ",   // inflow equal to principal
        "2025-10-02|          |100000.00|100000   |NONE  ",   // equal, written with another scale
        "2025-10-02|          |100000.00|0        |NONE  ",
        "2024-01-01|          |100000.00|250000.00|YELLOW",
        "2025-10-02|2026-01-01|100000.00|100000.01|YELLOW",   // repaid only after D: in arrears on D
    })
    void ninetyDaysInArrearsWhileAbleToPayIsYellow(LocalDate due, LocalDate settled, BigDecimal principal,
            BigDecimal inflow, CreditList expected) {
        // given a firm with one loan in arrears and the IN flows of the 90 days up to D
        Firm firm = Firm.firm().loan(LocalDate.of(2023, 1, 1), due, settled, principal).inflow(inflow);

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        Clause evasion = clause(outcome, "YELLOW_EVASION");
        assertThat(evasion.passed()).isEqualTo(expected == CreditList.YELLOW);
        if (evasion.passed()) {
            assertThat(evasion.detail()).startsWith("(c)").contains(firm.lastLoan(), inflow.toPlainString(),
                    principal.toPlainString());
        }
    }

    @Test
    void theNinetyDayTestReadsOnlyLoansInArrears() {
        // given a loan 364 days late but settled on D, and a larger loan in arrears for only 30 days;
        // the inflow exceeds the settled loan's principal, not the one in arrears
        Firm firm = Firm.firm()
                .loan("2024-01-01", "2025-01-01", "2025-12-31", "10000.00")
                .loan("2024-06-01", "2025-12-01", null, "1000000.00")
                .inflow("50000.00");

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(CreditList.NONE);
        assertThat(clause(outcome, "YELLOW_IN_ARREARS").passed()).isTrue();
        assertThat(clause(outcome, "YELLOW_EVASION").passed()).isFalse();
    }

    @ParameterizedTest(name = "no arrears, {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "DISHONEST_DEBTOR|RED ",   // an old, unrepaired dishonest-debtor record outside the GENERAL window
        "DEBT_EVASION    |NONE",   // recent: an evasion indicator, but also a GENERAL event within 12 months
        "ABLE_TO_PAY     |NONE",   // 364 days late, settled on D, large inflow: late, not in arrears
    })
    void anEvasionIndicatorWithoutArrearsIsNotYellow(String indicator, CreditList expected) {
        // given a loan-holding firm not in arrears on D
        Firm firm = Firm.redFirm();
        switch (indicator) {
            case "DISHONEST_DEBTOR" -> firm.event("DISHONEST_DEBTOR", "GENERAL", "2019-01-01", null);
            case "DEBT_EVASION" -> firm.event("DEBT_EVASION", "GENERAL", "2025-06-01", null);
            default -> firm.loan("2024-01-01", "2025-01-01", "2025-12-31", "10000.00").inflow("5000000.00");
        }

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        assertThat(clause(outcome, "YELLOW_IN_ARREARS").passed()).isFalse();
        assertThat(clause(outcome, "YELLOW_EVASION").passed()).isEqualTo(!"ABLE_TO_PAY".equals(indicator));
    }

    // ------------------------------------------------------------------ rating floor

    @ParameterizedTest(name = "rating [{0}] valid [{1}, {2}], floor {3}: {4}")
    @CsvSource(delimiter = '|', value = {
        "    |          |          |A |RED |true ",   // no rating: the clause does not apply
        "AAA |2024-01-01|2026-12-31|A |RED |false",
        "AA  |2024-01-01|2026-12-31|A |RED |false",
        "A   |2024-01-01|2026-12-31|A |RED |false",
        "B   |2024-01-01|2026-12-31|A |NONE|false",
        "C   |2024-01-01|2026-12-31|A |NONE|false",
        "B   |2022-12-31|2025-12-30|A |RED |true ",   // expired the day before D
        "B   |2022-12-31|2025-12-31|A |NONE|false",   // valid until D
        "B   |2026-01-01|2028-12-31|A |RED |true ",   // valid from the day after D
        "B   |2025-12-31|2028-12-31|A |NONE|false",   // valid from D
        "A   |2024-01-01|2026-12-31|AA|NONE|false",   // floor raised to AA
        "AA  |2024-01-01|2026-12-31|AA|RED |false",
        "B   |2024-01-01|2026-12-31|B |RED |false",   // floor lowered to B
    })
    void aRatingValidOnDMustBeAtLeastTheFloor(String grade, LocalDate from, LocalDate until, String floor,
            CreditList expected, boolean notApplicable) {
        // given a RED firm with this rating, classified with this floor
        Firm firm = Firm.redFirm();
        if (grade != null) {
            firm.rating(grade, from.toString(), until.toString());
        }
        RuleParams d = RuleParams.defaults();
        RuleParams params = new RuleParams(d.evaluationDay(), d.loanHoldingMonths(), d.lateWindowMonths(),
                d.lateDays(), d.seriousWindowMonths(), d.generalWindowMonths(), d.evasionWindowMonths(),
                d.evasionOverdueDays(), d.inflowDays(), d.whiteMinYears(), d.whiteStatementYears(), floor);

        // when
        Outcome outcome = ClassificationRules.classify(firm.facts(), Y, params);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        Clause floorClause = clause(outcome, "RED_RATING_FLOOR");
        assertThat(floorClause.passed()).isEqualTo(expected == CreditList.RED);
        if (notApplicable) {
            assertThat(floorClause.detail()).contains("不适用");
        } else {
            assertThat(floorClause.detail()).contains("信用等级 " + grade, floor).doesNotContain("不适用");
        }
    }

    // ------------------------------------------------------------------ WHITE

    @ParameterizedTest(name = "status {0}, registered [{1}], revenue in {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "ACTIVE      |2015-01-01|2025     |WHITE|",
        "ABNORMAL    |2015-01-01|2025     |NONE |WHITE_ACTIVE",
        "DEREGISTERED|2015-01-01|2025     |NONE |WHITE_ACTIVE",
        "ACTIVE      |2024-12-31|2025     |WHITE|",                  // registered exactly D − 1 year
        "ACTIVE      |2025-01-01|2025     |NONE |WHITE_REGISTERED",  // one day later
        "ACTIVE      |          |2025     |NONE |WHITE_REGISTERED",  // registration date unknown
        "ACTIVE      |2015-01-01|2024     |WHITE|",                  // revenue only in Y − 1
        "ACTIVE      |2015-01-01|2023     |NONE |WHITE_REVENUE",     // only in Y − 2
        "ACTIVE      |2015-01-01|         |NONE |WHITE_REVENUE",     // no statement with revenue > 0
    })
    void aLoanFreeFirmIsWhiteWhenActiveEstablishedAndEarning(String status, LocalDate registered, Integer revenueYear,
            CreditList expected, String failed) {
        // given a loan-free firm
        Firm firm = Firm.firm().status(status).registered(registered == null ? null : registered.toString());
        if (revenueYear == null) {
            firm.revenue();
        } else {
            firm.revenue(revenueYear);
        }

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(expected);
        assertThat(clause(outcome, "WHITE_LOAN_FREE").passed()).isTrue();
        if (failed != null) {
            assertThat(outcome.clauses().stream().filter(c -> !c.passed()).map(Clause::code))
                    .containsExactlyInAnyOrder("YELLOW_IN_ARREARS", "YELLOW_EVASION", "RED_LOAN_HOLDING", failed);
        }
        Clause reg = clause(outcome, "WHITE_REGISTERED");
        assertThat(reg.detail()).contains(registered == null ? "未知" : registered.toString());
    }

    // ------------------------------------------------------------------ order and reasons

    static final List<String> YELLOW_CLAUSES = List.of("YELLOW_IN_ARREARS", "YELLOW_EVASION");
    static final List<String> RED_CLAUSES = List.of("RED_LOAN_HOLDING", "RED_NOT_IN_ARREARS", "RED_NO_LATE",
            "RED_NO_SERIOUS", "RED_NO_GENERAL", "RED_RATING_FLOOR");
    static final List<String> WHITE_CLAUSES = List.of("WHITE_LOAN_FREE", "WHITE_ACTIVE", "WHITE_REGISTERED",
            "WHITE_NO_SERIOUS", "WHITE_REVENUE");

    @Test
    void aFirmMeetingYellowIsYellowWhateverElseHolds() {
        // given a firm with an AAA rating, revenue and a long registration, 120 days in arrears on a
        // loan and a dishonest-debtor record
        Firm firm = Firm.firm().rating("AAA", "2024-01-01", "2026-12-31")
                .loan("2024-01-01", "2025-09-02", null, "300000.00")
                .event("DISHONEST_DEBTOR", "MINOR", "2019-05-01", null);

        // when
        Outcome outcome = classify(firm);

        // then only the YELLOW clauses were checked, both passed
        assertThat(outcome.list()).isEqualTo(CreditList.YELLOW);
        assertThat(outcome.clauses()).extracting(Clause::code).containsExactlyElementsOf(YELLOW_CLAUSES);
        assertThat(outcome.clauses()).allMatch(Clause::passed);
        assertThat(clause(outcome, "YELLOW_IN_ARREARS").detail()).contains("BOC/L-1", "逾期 120 天");
        assertThat(clause(outcome, "YELLOW_EVASION").detail()).contains("SAMR/E-1");
    }

    @Test
    void aRedFirmCarriesTheFailedYellowClausesAndEveryPassedRedClause() {
        // given a clean loan-holding firm
        Firm firm = Firm.redFirm();

        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(CreditList.RED);
        List<String> expected = new ArrayList<>(YELLOW_CLAUSES);
        expected.addAll(RED_CLAUSES);
        assertThat(outcome.clauses()).extracting(Clause::code).containsExactlyElementsOf(expected);
        assertThat(outcome.clauses()).filteredOn(c -> c.code().startsWith("YELLOW_")).noneMatch(Clause::passed);
        assertThat(outcome.clauses()).filteredOn(c -> c.code().startsWith("RED_")).allMatch(Clause::passed);
    }

    @Test
    void aWhiteFirmCarriesEveryGroupUpToWhite() {
        // given a loan-free firm
        Outcome outcome = classify(Firm.firm());

        // then
        assertThat(outcome.list()).isEqualTo(CreditList.WHITE);
        assertThat(outcome.clauses()).extracting(Clause::code).containsAll(YELLOW_CLAUSES).containsAll(RED_CLAUSES)
                .containsAll(WHITE_CLAUSES);
        assertThat(outcome.clauses()).filteredOn(c -> c.code().startsWith("WHITE_")).allMatch(Clause::passed);
        assertThat(clause(outcome, "RED_LOAN_HOLDING").passed()).isFalse();
    }

    @Test
    void aNoneFirmNamesExactlyTheClausesItFailed() {
        // given a loan-holding firm with a GENERAL penalty within 12 months
        Firm firm = Firm.redFirm().event("TAX_ARREARS", "GENERAL", "2025-03-15", null);

        // when
        Outcome outcome = classify(firm);

        // then all three groups were checked; the firm failed RED on the penalty and WHITE on its loan
        assertThat(outcome.list()).isEqualTo(CreditList.NONE);
        List<String> all = new ArrayList<>(YELLOW_CLAUSES);
        all.addAll(RED_CLAUSES);
        all.addAll(WHITE_CLAUSES);
        assertThat(outcome.clauses()).extracting(Clause::code).containsExactlyElementsOf(all);
        assertThat(outcome.clauses()).filteredOn(c -> !c.passed()).extracting(Clause::code)
                .containsExactly("YELLOW_IN_ARREARS", "YELLOW_EVASION", "RED_NO_GENERAL", "WHITE_LOAN_FREE");
        assertThat(clause(outcome, "RED_NO_GENERAL").detail()).contains("SAMR/E-1", "2025-03-15");
        assertThat(clause(outcome, "WHITE_LOAN_FREE").detail()).contains("BOC/L-1");
    }

    @Test
    void aGradeOutsideTheScaleNeverMeetsTheFloor() {
        Outcome outcome = classify(Firm.redFirm().rating("BBB", "2024-01-01", "2026-12-31"));
        assertThat(outcome.list()).isNotEqualTo(CreditList.RED);
        assertThat(clause(outcome, "RED_RATING_FLOOR").passed()).isFalse();
    }

    @Test
    void aLeapDayIsNoEvaluationDay() {
        RuleParams d = RuleParams.defaults();
        RuleParams leap = new RuleParams("02-29", d.loanHoldingMonths(), d.lateWindowMonths(), d.lateDays(),
                d.seriousWindowMonths(), d.generalWindowMonths(), d.evasionWindowMonths(), d.evasionOverdueDays(),
                d.inflowDays(), d.whiteMinYears(), d.whiteStatementYears(), d.ratingFloor());
        assertThat(leap.problems()).extracting(p -> p[0]).containsExactly("evaluationDay");
    }

    static List<Arguments> firmsOnEveryList() {
        return List.of(
                arguments(CreditList.YELLOW, Firm.firm().rating("AAA", "2024-01-01", "2026-12-31")
                        .loan("2024-01-01", "2025-09-02", null, "1.00").inflow("2.00")),
                arguments(CreditList.RED, Firm.redFirm().rating("A", "2024-01-01", "2026-12-31")),
                arguments(CreditList.RED, Firm.redFirm()),
                arguments(CreditList.WHITE, Firm.firm()),
                arguments(CreditList.NONE, Firm.firm().status("ABNORMAL").registered(null).revenue()),
                arguments(CreditList.NONE, Firm.redFirm().rating("B", "2024-01-01", "2026-12-31")
                        .loan("2024-01-01", "2025-01-01", "2025-12-31", "10.00")
                        .event("ADMIN_PENALTY", "SERIOUS", "2025-01-01", null)
                        .event("ADMIN_PENALTY", "GENERAL", "2025-02-01", null)));
    }

    @ParameterizedTest(name = "{0} firm {index}")
    @MethodSource("firmsOnEveryList")
    void everyClauseSaysInChineseWhatDecidedIt(CreditList list, Firm firm) {
        // when
        Outcome outcome = classify(firm);

        // then
        assertThat(outcome.list()).isEqualTo(list);
        assertThat(outcome.clauses()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.code()).matches("(YELLOW|RED|WHITE)_[A-Z_]+");
            assertThat(c.detail()).isNotBlank().containsPattern("\\p{IsHan}");
        });
    }

    // ------------------------------------------------------------------ parameters

    @Test
    void theDefaultsAreThoseOfDomainMdAndHaveNoProblems() {
        RuleParams d = RuleParams.defaults();

        assertThat(d.problems()).isEmpty();
        assertThat(d).isEqualTo(new RuleParams("12-31", 24, 24, 30, 36, 12, 24, 90, 90, 1, 1, "A"));
        assertThat(d.evaluationDayOf(Y)).isEqualTo(LocalDate.of(2025, 12, 31));
    }

    @ParameterizedTest(name = "{0} = [{1}]: flagged {2}")
    @CsvSource(delimiter = '|', value = {
        "evaluationDay      |06-30     |false",
        "evaluationDay      |12-32     |true ",
        "evaluationDay      |02-30     |true ",
        "evaluationDay      |6-30      |true ",
        "evaluationDay      |2025-12-31|true ",
        "evaluationDay      |          |true ",
        "loanHoldingMonths  |0         |true ",
        "loanHoldingMonths  |1         |false",
        "loanHoldingMonths  |120       |false",
        "loanHoldingMonths  |121       |true ",
        "lateWindowMonths   |0         |true ",
        "lateDays           |-1        |true ",
        "lateDays           |0         |false",
        "seriousWindowMonths|0         |true ",
        "generalWindowMonths|121       |true ",
        "evasionWindowMonths|0         |true ",
        "evasionOverdueDays |0         |true ",
        "inflowDays         |0         |true ",
        "whiteMinYears      |-1        |true ",
        "whiteMinYears      |0         |false",
        "whiteStatementYears|11        |true ",
        "ratingFloor        |AA        |false",
        "ratingFloor        |BB        |true ",
        "ratingFloor        |a         |true ",
        "ratingFloor        |          |true ",
    })
    void problemsNameTheBadField(String field, String value, boolean flagged) throws Exception {
        // given the defaults with one field changed
        RuleParams params = defaultsWith(field, value);

        // when
        List<String[]> problems = params.problems();

        // then
        if (flagged) {
            assertThat(problems).hasSize(1);
            assertThat(problems.get(0)[0]).isEqualTo(field);
            assertThat(problems.get(0)[1]).isNotBlank();
        } else {
            assertThat(problems).isEmpty();
        }
    }

    @ParameterizedTest(name = "D = 06-30: loan due {0}, settled [{1}], event {2} on [{3}]: {4}")
    @CsvSource(delimiter = '|', value = {
        "2025-06-30|          |       |          |RED ",   // due on the new D
        "2025-06-29|          |       |          |NONE",   // due the day before the new D: in arrears
        "2025-06-29|2025-12-31|       |          |NONE",   // repaid after the new D
        "2025-06-29|2025-06-30|       |          |RED ",
        "2026-06-30|          |SERIOUS|2022-06-30|RED ",   // D − 36 months: outside
        "2026-06-30|          |SERIOUS|2022-07-01|NONE",
        "2026-06-30|          |GENERAL|2024-06-30|RED ",   // D − 12 months: outside
        "2026-06-30|          |GENERAL|2024-07-01|NONE",
        "2026-06-30|          |GENERAL|2025-07-01|RED ",   // after the new D
    })
    void aChangedEvaluationDayMovesEveryWindow(LocalDate due, LocalDate settled, String severity, LocalDate occurred,
            CreditList expected) throws Exception {
        // given D = 2025-06-30 and a firm with one loan started in 2025 and at most one event
        RuleParams params = defaultsWith("evaluationDay", "06-30");
        Firm firm = Firm.firm().loan(LocalDate.of(2025, 1, 1), due, settled, new BigDecimal("100000.00"));
        if (severity != null) {
            firm.event("ADMIN_PENALTY", severity, occurred, null);
        }

        // when
        Outcome outcome = ClassificationRules.classify(firm.facts(), Y, params);

        // then
        assertThat(params.evaluationDayOf(Y)).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(outcome.list()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "whiteStatementYears|0 |NONE ",   // only Y counts: revenue in Y − 1 is not enough
        "whiteStatementYears|1 |WHITE",
        "whiteMinYears      |11|WHITE",   // registered exactly D − 11 years
        "whiteMinYears      |12|NONE ",
    })
    void whiteParametersAreRead(String field, String value, CreditList expected) throws Exception {
        // given a loan-free firm registered 2014-12-31 with revenue only in Y − 1
        Firm firm = Firm.firm().registered("2014-12-31").revenue(Y - 1);

        // when
        Outcome outcome = ClassificationRules.classify(firm.facts(), Y, defaultsWith(field, value));

        // then
        assertThat(outcome.list()).isEqualTo(expected);
    }

    /** The default parameters with one field replaced; a typo in the field name fails the test. */
    static RuleParams defaultsWith(String field, String value) throws Exception {
        var components = RuleParams.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (components[i].getName().equals(field)) {
                found = true;
                args[i] = types[i] == int.class ? Integer.valueOf(value) : value;
            } else {
                args[i] = components[i].getAccessor().invoke(RuleParams.defaults());
            }
        }
        assertThat(found).as("RuleParams has a field %s", field).isTrue();
        return RuleParams.class.getDeclaredConstructor(types).newInstance(args);
    }

    // ------------------------------------------------------------------ helpers

    static Outcome classify(Firm firm) {
        return ClassificationRules.classify(firm.facts(), Y, RuleParams.defaults());
    }

    static Clause clause(Outcome outcome, String code) {
        return outcome.clauses().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no clause " + code + " in " + outcome.clauses()));
    }

    static LocalDate day(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    /**
     * A park firm as the rules read it. Starts ACTIVE, registered 2015-01-01, with revenue in Y and
     * no loans, events, inflow or rating: a WHITE firm. Loans are numbered BOC/L-1, BOC/L-2…,
     * events SAMR/E-1, SAMR/E-2… in the order they are added.
     */
    static final class Firm {
        private String status = "ACTIVE";
        private LocalDate registered = LocalDate.of(2015, 1, 1);
        private final List<LoanFact> loans = new ArrayList<>();
        private final List<EventFact> events = new ArrayList<>();
        private BigDecimal inflow = BigDecimal.ZERO;
        private Set<Integer> revenueYears = Set.of(Y);
        private RatingFact rating;

        static Firm firm() {
            return new Firm();
        }

        /** Loan-holding and clean: one running loan started in Y, due after D. */
        static Firm redFirm() {
            return firm().loan("2025-01-01", "2026-06-30", null, "1000000.00");
        }

        Firm loan(LocalDate start, LocalDate due, LocalDate settled, BigDecimal principal) {
            loans.add(new LoanFact("BOC/L-" + (loans.size() + 1), principal, start, due, settled));
            return this;
        }

        Firm loan(String start, String due, String settled, String principal) {
            return loan(day(start), day(due), day(settled), new BigDecimal(principal));
        }

        Firm event(String type, String severity, LocalDate occurred, LocalDate repaired) {
            events.add(new EventFact("SAMR/E-" + (events.size() + 1), type, severity, occurred, repaired,
                    "记录" + (events.size() + 1)));
            return this;
        }

        Firm event(String type, String severity, String occurred, String repaired) {
            return event(type, severity, day(occurred), day(repaired));
        }

        Firm inflow(BigDecimal amount) {
            this.inflow = amount;
            return this;
        }

        Firm inflow(String amount) {
            return inflow(new BigDecimal(amount));
        }

        Firm rating(String grade, String from, String until) {
            this.rating = new RatingFact(grade, day(from), day(until));
            return this;
        }

        Firm status(String status) {
            this.status = status;
            return this;
        }

        Firm registered(String on) {
            this.registered = day(on);
            return this;
        }

        Firm revenue(Integer... years) {
            this.revenueYears = new HashSet<>(List.of(years));
            return this;
        }

        String lastLoan() {
            return loans.get(loans.size() - 1).ref();
        }

        String lastEvent() {
            return events.get(events.size() - 1).ref();
        }

        FirmFacts facts() {
            return new FirmFacts("91420000MA0000000X", "测试企业", status, registered, List.copyOf(loans),
                    List.copyOf(events), inflow, Set.copyOf(revenueYears), rating);
        }
    }
}
