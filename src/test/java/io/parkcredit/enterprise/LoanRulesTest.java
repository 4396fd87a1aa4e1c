package io.parkcredit.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Arrears and overdue days of a loan (DOMAIN.md §3) and whether a credit event counts (DOMAIN.md §4),
 * at every boundary around the evaluation day D = 2025-12-31.
 */
class LoanRulesTest {

    private static final LocalDate D = LocalDate.of(2025, 12, 31);

    @ParameterizedTest(name = "due {0}, settled [{1}] on D: arrears {2}, overdue {3}")
    @CsvSource(delimiter = '|', value = {
        // open loans
        "2025-12-30|   |true |1",   // due the day before D, unpaid
        "2025-12-31|   |false|0",   // due on D: not yet in arrears
        "2026-01-10|   |false|0",   // not yet due
        "2025-09-02|   |true |120",
        "2024-12-31|   |true |365",
        // settled around D
        "2025-12-30|2025-12-31|false|1",   // due the day before, settled on D: late by one day, not in arrears
        "2025-12-30|2026-01-01|true |1",   // settled the day after D: still in arrears on D
        "2025-10-02|2026-03-01|true |90",  // settled long after D: overdue counts up to D only
        "2025-12-01|2025-12-21|false|20",  // settled late, before D
        "2025-12-01|2025-12-01|false|0",   // settled on the due date
        "2025-12-01|2025-11-01|false|0",   // settled early
        "2025-12-31|2025-12-31|false|0",   // due and settled on D
        "2026-02-01|2025-12-15|false|0",   // not yet due, already repaid
        "2026-02-01|2026-03-01|false|0",   // not yet due on D; its later lateness is not known on D
    })
    void arrearsAndOverdueDays(LocalDate due, LocalDate settled, boolean inArrears, long overdueDays) {
        assertThat(Loan.inArrearsOn(due, settled, D)).isEqualTo(inArrears);
        assertThat(Loan.overdueDaysOn(due, settled, D)).isEqualTo(overdueDays);
    }

    @Test
    void overdueDaysAreCalendarDaysAcrossALeapDay() {
        assertThat(Loan.overdueDaysOn(LocalDate.of(2024, 2, 28), null, LocalDate.of(2024, 3, 1))).isEqualTo(2);
        assertThat(Loan.overdueDaysOn(LocalDate.of(2023, 2, 28), null, LocalDate.of(2023, 3, 1))).isEqualTo(1);
    }

    @Test
    void theEntityMethodsApplyTheSameRule() {
        Loan loan = new Loan();
        loan.startDate = LocalDate.of(2025, 1, 1);
        loan.dueDate = LocalDate.of(2025, 12, 1);
        loan.settledOn = LocalDate.of(2026, 1, 15);

        assertThat(loan.inArrearsOn(D)).isTrue();
        assertThat(loan.overdueDaysOn(D)).isEqualTo(30);
        assertThat(loan.inArrearsOn(LocalDate.of(2026, 1, 15))).isFalse();
        assertThat(loan.overdueDaysOn(LocalDate.of(2026, 2, 1))).isEqualTo(45);
    }

    private static CreditEvent event(EventType type, LocalDate occurred, LocalDate repaired) {
        CreditEvent e = new CreditEvent();
        e.source = "SAMR";
        e.eventNo = "E-1";
        e.type = type;
        e.severity = type.negative() ? Severity.GENERAL : null;
        e.occurredOn = occurred;
        e.repairedOn = repaired;
        return e;
    }

    @ParameterizedTest(name = "{0} occurred {1}, repaired [{2}]: counts {3}")
    @CsvSource(delimiter = '|', value = {
        "ADMIN_PENALTY|2025-06-01|          |true",
        "ADMIN_PENALTY|2025-12-31|          |true",   // occurred on D
        "ADMIN_PENALTY|2026-01-01|          |false",  // occurred after D
        "ADMIN_PENALTY|2025-06-01|2025-12-31|false",  // repaired on D
        "ADMIN_PENALTY|2025-06-01|2026-01-01|true",   // repaired the day after D
        "ADMIN_PENALTY|2025-06-01|2025-07-01|false",  // repaired before D
        "DEBT_EVASION |2024-01-01|2027-01-01|true",
        "HONOR        |2025-06-01|          |false",  // positive never counts
        "TAX_CREDIT_GRADE|2025-06-01|       |false",
    })
    void eventCountsOnD(String type, LocalDate occurred, LocalDate repaired, boolean counts) {
        assertThat(event(EventType.valueOf(type.strip()), occurred, repaired).countsOn(D)).isEqualTo(counts);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyNegativeTypeCountsAndNoPositiveTypeDoes(EventType type) {
        boolean negative = Arrays.asList("ADMIN_PENALTY", "DISHONEST_DEBTOR", "ABNORMAL_OPERATION", "SERIOUS_ILLEGAL",
                "LAWSUIT_DEFENDANT", "TAX_ARREARS", "SOCIAL_INSURANCE_ARREARS", "WAGE_ARREARS", "CONSUMER_COMPLAINT",
                "QUALITY_CHECK_FAILED", "SAFETY_VIOLATION", "DEBT_EVASION", "COMMITMENT_BREACH", "CONTRACT_BREACH")
                .contains(type.name());

        assertThat(event(type, D.minusDays(1), null).countsOn(D)).isEqualTo(negative);
    }
}
