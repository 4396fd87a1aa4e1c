package io.parkcredit.credit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The park's working days (DOMAIN.md §8.2): Monday to Friday, minus the holidays of its calendar,
 * plus its make-up workdays (调休上班, a Saturday or Sunday worked in exchange for a bridge day).
 * Both sets are data the ADMIN maintains ({@code park_calendar}).
 */
public record WorkingCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {

    public WorkingCalendar {
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        DayOfWeek w = day.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /**
     * The {@code n}-th working day after {@code start}; the start day itself is not counted
     * (a deadline "within 10 working days of submission" is the 10th working day after it).
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate d = start;
        for (int left = n; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days from {@code from} (excluded) to {@code to} (included); 0 when {@code to} is not after {@code from}. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
