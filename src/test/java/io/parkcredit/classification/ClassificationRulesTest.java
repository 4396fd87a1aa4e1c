package io.parkcredit.classification;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
