package io.parkcredit.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.credit.CreditRules.CreditStanding;
import io.parkcredit.credit.CreditRules.NotificationFacts;
import io.parkcredit.credit.CreditRules.RecordFact;
import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.rating.Grade;
import io.parkcredit.shared.Reason;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DOMAIN.md §8 with the default parameters: publication periods at their exact boundaries per
 * severity (incl. month ends), repair eligibility with each refusal and the 30-day bar, working
 * days across a holiday with make-up workdays, verification tiers, 告知承诺 refusals, and the
 * revocation of a repair by a breach within a year. Expected days are worked out by hand.
 */
class CreditRulesTest {

    static final CreditParams P = CreditParams.DEFAULTS;

    static RecordFact record(EventType type, Severity severity, String occurred, String repaired) {
        return new RecordFact("SRC/1", type, severity, LocalDate.parse(occurred),
                repaired == null ? null : LocalDate.parse(repaired));
    }

    // ------------------------------------------------------------------ publication windows

    @ParameterizedTest(name = "{0} occurred {1}: published {2} = {3}")
    @CsvSource({
        // GENERAL: longest 1 year; last published day = occurred + 12 months
        "GENERAL, 2025-03-10, 2025-03-09, false",
        "GENERAL, 2025-03-10, 2025-03-10, true",
        "GENERAL, 2025-03-10, 2026-03-09, true",
        "GENERAL, 2025-03-10, 2026-03-10, true",
        "GENERAL, 2025-03-10, 2026-03-11, false",
        // month end: 2024-02-29 + 12 months = 2025-02-28 (no 29th)
        "GENERAL, 2024-02-29, 2025-02-28, true",
        "GENERAL, 2024-02-29, 2025-03-01, false",
        // SERIOUS: longest 3 years
        "SERIOUS, 2023-05-31, 2026-05-30, true",
        "SERIOUS, 2023-05-31, 2026-05-31, true",
        "SERIOUS, 2023-05-31, 2026-06-01, false",
        "SERIOUS, 2023-05-31, 2023-05-30, false",
        // MINOR: never published
        "MINOR,   2025-03-10, 2025-03-10, false",
        "MINOR,   2025-03-10, 2025-06-10, false",
    })
    void aRecordIsPublishedFromItsDayThroughItsLongestPeriod(Severity severity, LocalDate occurred, LocalDate day,
            boolean published) {
        RecordFact r = new RecordFact("SRC/1", EventType.ADMIN_PENALTY, severity, occurred, null);
        assertThat(CreditRules.publishedOn(r, day, P)).isEqualTo(published);
    }

    @ParameterizedTest(name = "{0} occurred {1}: shortest period ends {2}, first repair day {3}, last published {4}")
    @CsvSource({
        "GENERAL, 2025-03-10, 2025-06-10, 2025-06-11, 2026-03-10",
        // 2025-11-30 + 3 months: February has no 30th, so the period ends on its last day
        "GENERAL, 2025-11-30, 2026-02-28, 2026-03-01, 2026-11-30",
        "GENERAL, 2025-08-31, 2025-11-30, 2025-12-01, 2026-08-31",
        "GENERAL, 2023-11-30, 2024-02-29, 2024-03-01, 2024-11-30",
        "SERIOUS, 2025-03-10, 2026-03-10, 2026-03-11, 2028-03-10",
        "SERIOUS, 2024-02-29, 2025-02-28, 2025-03-01, 2027-02-28",
        "SERIOUS, 2025-12-31, 2026-12-31, 2027-01-01, 2028-12-31",
    })
    void periodsAreCalendarMonthsEndingOnTheMonthsLastDayWhenShorter(Severity severity, LocalDate occurred,
            LocalDate shortestEnds, LocalDate firstRepairDay, LocalDate lastDay) {
        CreditRules.Publication pub = CreditRules.publication(severity, occurred, P).orElseThrow();
        assertThat(pub.from()).isEqualTo(occurred);
        assertThat(pub.shortestEnds()).isEqualTo(shortestEnds);
        assertThat(pub.firstRepairDay()).isEqualTo(firstRepairDay);
        assertThat(pub.lastDay()).isEqualTo(lastDay);
    }

    @Test
    void aRepairedRecordLeavesThePublicPageOnItsRepairDay() {
        RecordFact r = record(EventType.ADMIN_PENALTY, Severity.GENERAL, "2025-03-10", "2025-07-01");
        assertThat(CreditRules.publishedOn(r, LocalDate.parse("2025-06-30"), P)).isTrue();
        assertThat(CreditRules.publishedOn(r, LocalDate.parse("2025-07-01"), P)).isFalse();
        assertThat(CreditRules.publishedOn(record(EventType.HONOR, null, "2025-03-10", null),
                LocalDate.parse("2025-03-10"), P)).isFalse();
    }

    @ParameterizedTest(name = "{0} occurred {1}, repaired [{2}]: counts on {3} = {4}")
    @CsvSource({
        "GENERAL, 2025-03-10,           , 2026-03-10, true",
        "GENERAL, 2025-03-10,           , 2026-03-11, false",
        "GENERAL, 2025-03-10,           , 2025-03-09, false",
        "GENERAL, 2025-03-10, 2025-07-01, 2025-06-30, true",
        "GENERAL, 2025-03-10, 2025-07-01, 2025-07-01, false",
        "SERIOUS, 2023-05-31,           , 2026-05-31, true",
        "SERIOUS, 2023-05-31,           , 2026-06-01, false",
        "MINOR,   2025-03-10,           , 2025-03-10, false",
    })
    void aRecordCountsInsideItsLongestPeriodUntilRepaired(Severity severity, LocalDate occurred, LocalDate repaired,
            LocalDate day, boolean counts) {
        RecordFact r = new RecordFact("SRC/1", EventType.TAX_ARREARS, severity, occurred, repaired);
        assertThat(CreditRules.countsOn(r, day, P)).isEqualTo(counts);
    }

    // ------------------------------------------------------------------ repair eligibility

    @ParameterizedTest(name = "{0} {1} occurred {2}, applying {3}: {4} {5}")
    @CsvSource({
        // the shortest period: the day it ends is too early, the day after is the first day
        "ADMIN_PENALTY,    GENERAL, 2025-11-30, 2026-02-28, repairTooEarly,   2026-03-01",
        "ADMIN_PENALTY,    GENERAL, 2025-11-30, 2026-03-01, ,",
        "ADMIN_PENALTY,    GENERAL, 2025-03-10, 2025-06-10, repairTooEarly,   2025-06-11",
        "ADMIN_PENALTY,    GENERAL, 2025-03-10, 2025-06-11, ,",
        "SERIOUS_ILLEGAL,  SERIOUS, 2025-03-10, 2026-03-10, repairTooEarly,   2026-03-11",
        "SERIOUS_ILLEGAL,  SERIOUS, 2025-03-10, 2026-03-11, ,",
        // after the longest period a record still may be repaired (it may count in an older year's list)
        "SERIOUS_ILLEGAL,  SERIOUS, 2020-03-10, 2026-03-11, ,",
        "ADMIN_PENALTY,    MINOR,   2025-03-10, 2026-03-11, repairMinor,",
        "DISHONEST_DEBTOR, SERIOUS, 2020-03-10, 2026-03-11, repairDishonestDebtor,",
        "HONOR,            ,        2020-03-10, 2026-03-11, repairNotNegative,",
    })
    void aFirmMayApplyToRepairOnlyAfterTheShortestPeriod(EventType type, Severity severity, LocalDate occurred,
            LocalDate today, String refusal, LocalDate firstDay) {
        RecordFact r = new RecordFact("SRC/1", type, severity, occurred, null);
        Optional<Reason> why = CreditRules.repairRefusal(r, today, null, false, P);
        if (refusal == null) {
            assertThat(why).isEmpty();
        } else {
            assertThat(why).isPresent();
            assertThat(why.get().code()).isEqualTo(refusal);
            assertThat(why.get().params().get("ref")).isEqualTo("SRC/1");
            assertThat(why.get().params().get("firstDay")).isEqualTo(firstDay == null ? null : firstDay.toString());
        }
    }

    @ParameterizedTest(name = "rejected {0}, applying {1}: barred = {2}")
    @CsvSource({
        "2025-08-01, 2025-08-30, true",
        "2025-08-01, 2025-08-31, false",
        "2025-08-01, 2025-09-01, false",
        // across a month end
        "2026-01-31, 2026-03-01, true",
        "2026-01-31, 2026-03-02, false",
    })
    void aRejectedApplicationBarsANewOneFor30Days(LocalDate rejected, LocalDate today, boolean barred) {
        RecordFact r = record(EventType.ADMIN_PENALTY, Severity.GENERAL, "2025-01-10", null);
        Optional<Reason> why = CreditRules.repairRefusal(r, today, rejected, false, P);
        assertThat(why.isPresent()).isEqualTo(barred);
        if (barred) {
            assertThat(why.get().code()).isEqualTo("repairReapplyBar");
            assertThat(why.get().params()).containsEntry("firstDay", rejected.plusDays(30).toString())
                    .containsEntry("rejectedOn", rejected.toString());
        }
    }

    @Test
    void anOpenApplicationOrARepairedRecordRefusesANewApplication() {
        LocalDate today = LocalDate.parse("2025-09-01");
        RecordFact open = record(EventType.ADMIN_PENALTY, Severity.GENERAL, "2025-01-10", null);
        assertThat(CreditRules.repairRefusal(open, today, null, true, P).orElseThrow().code()).isEqualTo("repairOpen");
        RecordFact repaired = record(EventType.ADMIN_PENALTY, Severity.GENERAL, "2025-01-10", "2025-08-01");
        Reason r = CreditRules.repairRefusal(repaired, today, null, false, P).orElseThrow();
        assertThat(r.code()).isEqualTo("repairAlreadyRepaired");
        assertThat(r.params()).containsEntry("repairedOn", "2025-08-01");
    }

    @Test
    void seriousRecordsNeedASecondDocument() {
        assertThat(CreditRules.evidenceNeeded(Severity.GENERAL)).isEqualTo(1);
        assertThat(CreditRules.evidenceNeeded(Severity.SERIOUS)).isEqualTo(2);
    }

    @ParameterizedTest(name = "repaired {0}, breach {1}: revokes = {2}")
    @CsvSource({
        "2025-03-31, 2025-03-30, false",
        "2025-03-31, 2025-03-31, true",
        "2025-03-31, 2026-03-31, true",
        "2025-03-31, 2026-04-01, false",
        // 2024-02-29 + 1 year = 2025-02-28
        "2024-02-29, 2025-02-28, true",
        "2024-02-29, 2025-03-01, false",
    })
    void breakingTheRepairCommitmentWithinAYearRevokesTheRepair(LocalDate repaired, LocalDate breach, boolean revokes) {
        assertThat(CreditRules.revokesRepair(repaired, breach, P)).isEqualTo(revokes);
        assertThat(CreditRules.breachSeverity(false, revokes)).isEqualTo(revokes ? Severity.SERIOUS : Severity.GENERAL);
    }

    @Test
    void aBreachIsGeneralUnlessTheStatementWasFalse() {
        assertThat(CreditRules.breachSeverity(false, false)).isEqualTo(Severity.GENERAL);
        assertThat(CreditRules.breachSeverity(true, false)).isEqualTo(Severity.SERIOUS);
        assertThat(CreditRules.revokesRepair(null, LocalDate.parse("2025-01-01"), P)).isFalse();
    }

    // ------------------------------------------------------------------ working days

    /** 2025's National Day and Mid-Autumn holiday: 1–8 October off, Sunday 28 September and Saturday 11 October worked. */
    static final WorkingCalendar CAL_2025 = new WorkingCalendar(
            Set.of(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-10-02"), LocalDate.parse("2025-10-03"),
                    LocalDate.parse("2025-10-04"), LocalDate.parse("2025-10-05"), LocalDate.parse("2025-10-06"),
                    LocalDate.parse("2025-10-07"), LocalDate.parse("2025-10-08")),
            Set.of(LocalDate.parse("2025-09-28"), LocalDate.parse("2025-10-11")));

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        // Fri 26 Sep: Sun 28 (make-up) 1, Mon 29 2, Tue 30 3, [1–8 Oct off], Thu 9 4, Fri 10 5, Sat 11 (make-up) 6,
        // Mon 13 7, Tue 14 8, Wed 15 9, Thu 16 10
        "2025-09-26, 10, 2025-10-16",
        "2025-09-26, 1, 2025-09-28",
        "2025-09-26, 3, 2025-09-30",
        "2025-09-26, 4, 2025-10-09",
        "2025-09-26, 6, 2025-10-11",
        // submitted on a holiday: the count starts on the first working day after it
        "2025-10-03, 5, 2025-10-14",
        // an ordinary week: Fri + 5 = next Fri
        "2025-11-14, 5, 2025-11-21",
        "2025-11-15, 0, 2025-11-15",
    })
    void workingDaysSkipHolidaysAndCountMakeUpWorkdays(LocalDate start, int n, LocalDate expected) {
        assertThat(CAL_2025.plusWorkingDays(start, n)).isEqualTo(expected);
    }

    @Test
    void workingDaysBetweenTwoDaysCountsTheSameCalendar() {
        assertThat(CAL_2025.workingDaysBetween(LocalDate.parse("2025-09-26"), LocalDate.parse("2025-10-16"))).isEqualTo(10);
        assertThat(CAL_2025.workingDaysBetween(LocalDate.parse("2025-10-16"), LocalDate.parse("2025-09-26"))).isZero();
        assertThat(CAL_2025.isWorkingDay(LocalDate.parse("2025-10-11"))).isTrue();
        assertThat(CAL_2025.isWorkingDay(LocalDate.parse("2025-10-12"))).isFalse();
        assertThat(CAL_2025.isWorkingDay(LocalDate.parse("2025-10-08"))).isFalse();
    }

    /**
     * 2026 as the State Council General Office's notice on the 2026 holidays sets it (国务院办公厅关于2026年
     * 部分节假日安排的通知): 元旦 1–3 Jan, Sunday 4 Jan worked; 春节 15–23 Feb, Saturdays 14 and 28 Feb worked;
     * 清明 4–6 Apr; 劳动节 1–5 May, Saturday 9 May worked; 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct,
     * Sunday 20 Sep and Saturday 10 Oct worked. {@code ParkCalendarTest} checks that V020 holds exactly these days.
     */
    static final WorkingCalendar CAL_2026 = new WorkingCalendar(days2026("""
            2026-01-01..2026-01-03 2026-02-15..2026-02-23 2026-04-04..2026-04-06 2026-05-01..2026-05-05
            2026-06-19..2026-06-21 2026-09-25..2026-09-27 2026-10-01..2026-10-07"""),
            days2026("2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10"));

    static Set<LocalDate> days2026(String spec) {
        Set<LocalDate> out = new java.util.TreeSet<>();
        for (String part : spec.trim().split("\\s+")) {
            String[] ft = part.split("\\.\\.");
            LocalDate from = LocalDate.parse(ft[0]);
            LocalDate to = ft.length == 1 ? from : LocalDate.parse(ft[1]);
            from.datesUntil(to.plusDays(1)).forEach(out::add);
        }
        return out;
    }

    @Test
    void the2026CalendarHas33HolidaysAndSixMakeUpWorkdays() {
        // 3 + 9 + 3 + 5 + 3 + 3 + 7 holidays
        assertThat(CAL_2026.holidays()).hasSize(33);
        assertThat(CAL_2026.makeUpWorkdays()).hasSize(6);
        // every make-up workday is a Saturday or Sunday
        assertThat(CAL_2026.makeUpWorkdays()).allMatch(d -> d.getDayOfWeek().getValue() >= 6);
        // working days in 2026 (starts on a Thursday, 365 days): 261 weekdays, minus the 19 holidays on a weekday
        // (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5), plus 6 make-up days
        assertThat(CAL_2026.workingDaysBetween(LocalDate.parse("2025-12-31"), LocalDate.parse("2026-12-31"))).isEqualTo(248);
    }

    @ParameterizedTest(name = "2026: {0} + {1} working days = {2}")
    @CsvSource({
        // 春节 2026: Fri 13 Feb; Sat 14 (make-up) 1; 15–23 off; Tue 24 2, Wed 25 3, Thu 26 4, Fri 27 5,
        // Sat 28 (make-up) 6, Mon 2 Mar 7, Tue 3 8, Wed 4 9, Thu 5 10
        "2026-02-13, 1, 2026-02-14",
        "2026-02-13, 2, 2026-02-24",
        "2026-02-13, 5, 2026-02-27",
        "2026-02-13, 6, 2026-02-28",
        "2026-02-13, 7, 2026-03-02",
        "2026-02-13, 10, 2026-03-05",
        // submitted on the make-up Saturday 14 Feb: 5 working days end on the second make-up Saturday
        "2026-02-14, 5, 2026-02-28",
        // submitted on the eve (Mon 23 Feb is still a holiday): Tue 24 is the first
        "2026-02-20, 1, 2026-02-24",
        // 元旦: Wed 31 Dec 2025, 1–3 Jan off, Sun 4 Jan worked, Mon 5 Jan
        "2025-12-31, 1, 2026-01-04",
        "2025-12-31, 2, 2026-01-05",
        // 劳动节: Thu 30 Apr; 1–5 May off; Wed 6, Thu 7, Fri 8, Sat 9 (make-up), Mon 11
        "2026-04-30, 4, 2026-05-09",
        "2026-04-30, 5, 2026-05-11",
        // 中秋 and 国庆: Fri 18 Sep; Sun 20 (make-up) 1, Mon 21–Thu 24 2–5, [25–27 off], Mon 28 6, Tue 29 7,
        // Wed 30 8, [1–7 Oct off], Thu 8 9, Fri 9 10, Sat 10 (make-up) 11
        "2026-09-18, 1, 2026-09-20",
        "2026-09-18, 6, 2026-09-28",
        "2026-09-18, 10, 2026-10-09",
        "2026-09-18, 11, 2026-10-10",
    })
    void workingDaysIn2026FollowTheStateCouncilNotice(LocalDate start, int n, LocalDate expected) {
        assertThat(CAL_2026.plusWorkingDays(start, n)).isEqualTo(expected);
    }

    @Test
    void springFestival2026CountsBothMakeUpSaturdays() {
        // Fri 13 Feb (excluded) to Thu 5 Mar (included): 14, 24–28 Feb, 2–5 Mar
        assertThat(CAL_2026.workingDaysBetween(LocalDate.parse("2026-02-13"), LocalDate.parse("2026-03-05"))).isEqualTo(10);
        assertThat(CAL_2026.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();
        assertThat(CAL_2026.isWorkingDay(LocalDate.parse("2026-02-28"))).isTrue();
        assertThat(CAL_2026.isWorkingDay(LocalDate.parse("2026-02-16"))).isFalse();
        assertThat(CAL_2026.isWorkingDay(LocalDate.parse("2026-02-23"))).isFalse();
        assertThat(CAL_2026.isWorkingDay(LocalDate.parse("2026-02-24"))).isTrue();
        // an ordinary Saturday is not worked
        assertThat(CAL_2026.isWorkingDay(LocalDate.parse("2026-03-07"))).isFalse();
    }

    // ------------------------------------------------------------------ verification tiers

    @ParameterizedTest(name = "red={0} grade=[{1}] general=[{2}]: {3} ({4})")
    @CsvSource({
        "true,  ,    ,      EXEMPT,  tierRed",
        "true,  C,   E/1,   EXEMPT,  tierRed",
        "false, AAA, ,      EXEMPT,  tierGoodGrade",
        "false, AA,  ,      EXEMPT,  tierGoodGrade",
        "false, AA,  E/1,   EXEMPT,  tierGoodGrade",
        "false, A,   ,      DESK,    tierDesk",
        "false, ,    ,      DESK,    tierDesk",
        "false, A,   E/1,   ON_SITE, tierGeneralRecord",
        "false, ,    E/1,   ON_SITE, tierGeneralRecord",
        "false, B,   ,      ON_SITE, tierPoorGrade",
        "false, C,   ,      ON_SITE, tierPoorGrade",
    })
    void verificationFollowsCredit(boolean red, Grade grade, String general, Verification level, String reason) {
        CreditStanding s = new CreditStanding(red, grade, general == null ? List.of() : List.of(general));
        CreditRules.Tier tier = CreditRules.verification(s, P);
        assertThat(tier.level()).isEqualTo(level);
        assertThat(tier.reason().code()).isEqualTo(reason);
    }

    // ------------------------------------------------------------------ 告知承诺 refusals

    @Test
    void notificationCommitmentsAreRefusedForEachObstacleNamingIt() {
        NotificationFacts clean = new NotificationFacts(List.of(), null, List.of());
        NotificationFacts serious = new NotificationFacts(List.of("MARKET/P-9"), null, List.of());
        NotificationFacts yellow = new NotificationFacts(List.of(), 2025, List.of());
        NotificationFacts falseOne = new NotificationFacts(List.of(), null, List.of(42L));
        NotificationFacts all = new NotificationFacts(List.of("MARKET/P-9"), 2025, List.of(42L));

        for (CommitmentKind kind : List.of(CommitmentKind.APPLICATION, CommitmentKind.LICENSE)) {
            assertThat(CreditRules.notificationRefusals(kind, clean)).isEmpty();
            assertThat(CreditRules.notificationRefusals(kind, serious))
                    .containsExactly(Reason.of("refusedSerious", "ref", "MARKET/P-9"));
            assertThat(CreditRules.notificationRefusals(kind, yellow))
                    .containsExactly(Reason.of("refusedYellow", "year", 2025));
            assertThat(CreditRules.notificationRefusals(kind, falseOne))
                    .containsExactly(Reason.of("refusedFalseCommitment", "commitment", 42L));
            assertThat(CreditRules.notificationRefusals(kind, all)).extracting(Reason::code)
                    .containsExactly("refusedSerious", "refusedYellow", "refusedFalseCommitment");
        }
        // the other kinds are not 告知承诺: a firm may always sign them
        for (CommitmentKind kind : List.of(CommitmentKind.RATING, CommitmentKind.REPAIR, CommitmentKind.LAND,
                CommitmentKind.VOLUNTARY)) {
            assertThat(CreditRules.notificationRefusals(kind, all)).isEmpty();
        }
        assertThat(Map.of("ref", "MARKET/P-9")).isEqualTo(
                CreditRules.notificationRefusals(CommitmentKind.LICENSE, serious).get(0).params());
    }
}
