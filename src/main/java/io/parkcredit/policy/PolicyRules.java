package io.parkcredit.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a firm qualifies for a policy, clause by clause (DOMAIN.md §10.2), like the lists of §4:
 * each clause carries its code, whether it passed and the fact behind it. A YELLOW firm never
 * qualifies (§4 measures: refused policy support). {@link PolicyMatcher} runs the same clauses in
 * SQL over the whole park; PolicyMatcherTest holds the two together.
 */
public final class PolicyRules {

    public static final List<String> GRADES = List.of("C", "B", "A", "AA", "AAA");

    private PolicyRules() {
    }

    /** A firm's facts on the matching day. */
    public record Facts(String list, String grade, String industryCode, BigDecimal revenue, Integer employees,
            LocalDate registeredOn, LocalDate lastSerious) {
    }

    public record Clause(String code, boolean passed, String detail) {
    }

    public static List<Clause> explain(Eligibility e, Facts f, LocalDate day) {
        List<Clause> out = new ArrayList<>();
        String list = f.list() == null ? "NONE" : f.list();
        out.add(new Clause("NOT_YELLOW", !list.equals("YELLOW"), list));
        if (e.lists() != null && !e.lists().isEmpty()) {
            out.add(new Clause("LIST", e.lists().contains(list), list));
        }
        if (e.minGrade() != null) {
            boolean ok = f.grade() != null && GRADES.indexOf(f.grade()) >= GRADES.indexOf(e.minGrade());
            out.add(new Clause("MIN_GRADE", ok, f.grade() == null ? "-" : f.grade()));
        }
        if (e.industries() != null && !e.industries().isEmpty()) {
            boolean ok = f.industryCode() != null && e.industries().stream().anyMatch(f.industryCode()::startsWith);
            out.add(new Clause("INDUSTRY", ok, f.industryCode() == null ? "-" : f.industryCode()));
        }
        if (e.revenueMin() != null || e.revenueMax() != null) {
            BigDecimal r = f.revenue();
            boolean ok = r != null && (e.revenueMin() == null || r.compareTo(e.revenueMin()) >= 0)
                    && (e.revenueMax() == null || r.compareTo(e.revenueMax()) <= 0);
            out.add(new Clause("REVENUE", ok, r == null ? "-" : r.toPlainString()));
        }
        if (e.employeesMin() != null || e.employeesMax() != null) {
            Integer n = f.employees();
            boolean ok = n != null && (e.employeesMin() == null || n >= e.employeesMin())
                    && (e.employeesMax() == null || n <= e.employeesMax());
            out.add(new Clause("EMPLOYEES", ok, n == null ? "-" : n.toString()));
        }
        if (e.minYears() != null) {
            boolean ok = f.registeredOn() != null && !f.registeredOn().isAfter(day.minusYears(e.minYears()));
            out.add(new Clause("YEARS_REGISTERED", ok, f.registeredOn() == null ? "-" : f.registeredOn().toString()));
        }
        if (e.noSeriousMonths() != null) {
            // a counting SERIOUS record in (day − N months, day] fails
            boolean ok = f.lastSerious() == null || !f.lastSerious().isAfter(day.minusMonths(e.noSeriousMonths()));
            out.add(new Clause("NO_SERIOUS", ok, f.lastSerious() == null ? "-" : f.lastSerious().toString()));
        }
        return out;
    }

    public static boolean qualifies(List<Clause> clauses) {
        return clauses.stream().allMatch(Clause::passed);
    }
}
