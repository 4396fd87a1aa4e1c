package io.parkcredit.classification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of the classification clauses (DOMAIN.md §4), stored as a versioned rule set and
 * editable by ADMIN. Defaults are those of DOMAIN.md. Windows are calendar months back from the
 * evaluation day D and exclude their start: (D − n months, D].
 *
 * @param evaluationDay         D for year Y is this day of Y (default 12-31)
 * @param loanHoldingMonths     loan-holding: a loan started by D and not settled before D − this (24)
 * @param lateWindowMonths      RED: no loan due in this window… (24)
 * @param lateDays              …with more than this many overdue days (30)
 * @param seriousWindowMonths   RED and WHITE: no counting SERIOUS event in this window (36)
 * @param generalWindowMonths   RED: no counting GENERAL event in this window (12)
 * @param evasionWindowMonths   evasion (a): a counting DEBT_EVASION event in this window (24)
 * @param evasionOverdueDays    evasion (c): a loan in arrears for at least this many days… (90)
 * @param inflowDays            …while the firm's IN flows of this many days up to D exceed its principal (90)
 * @param whiteMinYears         WHITE: registered at least this many years before D (1)
 * @param whiteStatementYears   WHITE: a statement with revenue &gt; 0 for Y or one of the previous n years (1)
 * @param ratingFloor           RED: a published rating valid on D must be this grade or better (A)
 */
public record RuleParams(String evaluationDay, int loanHoldingMonths, int lateWindowMonths, int lateDays,
        int seriousWindowMonths, int generalWindowMonths, int evasionWindowMonths, int evasionOverdueDays,
        int inflowDays, int whiteMinYears, int whiteStatementYears, String ratingFloor) {

    public static final List<String> GRADES = List.of("AAA", "AA", "A", "B", "C");

    public static RuleParams defaults() {
        return new RuleParams("12-31", 24, 24, 30, 36, 12, 24, 90, 90, 1, 1, "A");
    }

    /** The evaluation day of a year. */
    public LocalDate evaluationDayOf(int year) {
        MonthDay md = MonthDay.parse("--" + evaluationDay);
        return md.atYear(year);
    }

    /** What is wrong with these parameters, field by field; empty when they can be used. */
    @JsonIgnore
    public List<String[]> problems() {
        List<String[]> p = new ArrayList<>();
        try {
            if (MonthDay.parse("--" + evaluationDay).equals(MonthDay.of(2, 29))) {
                p.add(new String[] {"evaluationDay", "02-29 does not exist every year; choose another day"});
            }
        } catch (RuntimeException e) {
            p.add(new String[] {"evaluationDay", "a month and day as MM-dd, e.g. 12-31"});
        }
        check(p, "loanHoldingMonths", loanHoldingMonths, 1, 120);
        check(p, "lateWindowMonths", lateWindowMonths, 1, 120);
        check(p, "lateDays", lateDays, 0, 3650);
        check(p, "seriousWindowMonths", seriousWindowMonths, 1, 120);
        check(p, "generalWindowMonths", generalWindowMonths, 1, 120);
        check(p, "evasionWindowMonths", evasionWindowMonths, 1, 120);
        check(p, "evasionOverdueDays", evasionOverdueDays, 1, 3650);
        check(p, "inflowDays", inflowDays, 1, 3650);
        check(p, "whiteMinYears", whiteMinYears, 0, 50);
        check(p, "whiteStatementYears", whiteStatementYears, 0, 10);
        if (ratingFloor == null || !GRADES.contains(ratingFloor)) {
            p.add(new String[] {"ratingFloor", "one of " + GRADES});
        }
        return p;
    }

    private static void check(List<String[]> p, String field, int value, int min, int max) {
        if (value < min || value > max) {
            p.add(new String[] {field, "between " + min + " and " + max});
        }
    }
}
