package io.parkcredit.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The park calendar as V020 stores it holds exactly the 2026 days of the State Council notice
 * ({@link CreditRulesTest#CAL_2026}), so the deadlines the park counts across 春节 2026 are the ones
 * the rule test works out by hand.
 */
@QuarkusTest
class ParkCalendarTest {

    @Inject
    CreditRuleSets rules;

    @Test
    void the2026CalendarIsTheStateCouncilNotice() {
        var days = rules.days(2026);
        Set<LocalDate> holidays = days.stream().filter(d -> d.kind().equals("HOLIDAY")).map(CreditRuleSets.CalendarDay::day)
                .collect(Collectors.toSet());
        Set<LocalDate> workdays = days.stream().filter(d -> d.kind().equals("WORKDAY")).map(CreditRuleSets.CalendarDay::day)
                .collect(Collectors.toSet());
        assertThat(holidays).isEqualTo(CreditRulesTest.CAL_2026.holidays());
        assertThat(workdays).isEqualTo(CreditRulesTest.CAL_2026.makeUpWorkdays());
        assertThat(days).hasSize(39);
        // the names a user sees beside the days
        assertThat(days.stream().filter(d -> d.day().equals(LocalDate.of(2026, 2, 17))).findFirst().orElseThrow().name())
                .isEqualTo("春节");
        assertThat(days.stream().filter(d -> d.day().equals(LocalDate.of(2026, 2, 28))).findFirst().orElseThrow().name())
                .isEqualTo("春节调休");

        // an objection submitted on Friday 13 February 2026 is due on Thursday 5 March (10 working days)
        WorkingCalendar park = rules.calendar();
        assertThat(park.plusWorkingDays(LocalDate.of(2026, 2, 13), 10)).isEqualTo(LocalDate.of(2026, 3, 5));
        // a repair application of the same day on Saturday 28 February, the second make-up day (5 working days)
        assertThat(park.plusWorkingDays(LocalDate.of(2026, 2, 13), 5)).isEqualTo(LocalDate.of(2026, 2, 27));
        assertThat(park.plusWorkingDays(LocalDate.of(2026, 2, 14), 5)).isEqualTo(LocalDate.of(2026, 2, 28));
    }
}
