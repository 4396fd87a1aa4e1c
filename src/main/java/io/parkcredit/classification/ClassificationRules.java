package io.parkcredit.classification;

import io.parkcredit.classification.FirmFacts.EventFact;
import io.parkcredit.classification.FirmFacts.LoanFact;
import io.parkcredit.enterprise.Loan;
import io.parkcredit.shared.Reason;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The red / white / yellow classification of one firm on its evaluation day D (DOMAIN.md §4):
 * YELLOW, then RED, then WHITE, else NONE. Pure: every clause that was checked comes back with
 * whether it passed and the loans, events and amounts that decided it: in plain Chinese as
 * {@code detail}, and as a structured {@link Reason} (messages in {@link ClassificationMsg}) that the
 * pages render in the reader's language.
 */
public final class ClassificationRules {

    private ClassificationRules() {
    }

    /** One clause as checked: a stable code, the outcome and the facts behind it (text and structured). */
    public record Clause(String code, boolean passed, String detail, Reason reason) {
    }

    /** The list a firm falls into, with every clause checked on the way. */
    public record Outcome(CreditList list, List<Clause> clauses) {
    }

    public static Outcome classify(FirmFacts f, int year, RuleParams p) {
        LocalDate d = p.evaluationDayOf(year);
        List<Clause> clauses = new ArrayList<>();

        // YELLOW: in arrears and an evasion indicator
        List<LoanFact> arrears = f.loans().stream().filter(l -> Loan.inArrearsOn(l.due(), l.settled(), d)).toList();
        Clause inArrears = new Clause("YELLOW_IN_ARREARS", !arrears.isEmpty(), arrears.isEmpty()
                ? "评价日 " + d + " 无欠贷"
                : "欠贷：" + loans(arrears, d),
                arrears.isEmpty() ? Reason.of("noArrears", "day", d) : Reason.list("arrears", loanReasons(arrears, d)));
        List<String> evasion = new ArrayList<>();
        List<Reason> evasionReasons = new ArrayList<>();
        evasionIndicators(f, d, p, arrears, evasion, evasionReasons);
        Clause evades = new Clause("YELLOW_EVASION", !evasion.isEmpty(),
                evasion.isEmpty() ? "无恶意逃废债迹象" : String.join("；", evasion),
                evasion.isEmpty() ? Reason.of("noEvasion") : Reason.list("evasion", evasionReasons));
        clauses.add(inArrears);
        clauses.add(evades);
        if (inArrears.passed() && evades.passed()) {
            return new Outcome(CreditList.YELLOW, clauses);
        }

        // RED
        LocalDate holdingFrom = d.minusMonths(p.loanHoldingMonths());
        List<LoanFact> holding = holding(f, d, holdingFrom);
        clauses.add(new Clause("RED_LOAN_HOLDING", !holding.isEmpty(), holding.isEmpty()
                ? "无在贷贷款，也无 " + holdingFrom + " 以来结清的贷款（无贷企业）"
                : "有贷企业：" + holding.stream().map(LoanFact::ref).collect(Collectors.joining("、")),
                holding.isEmpty() ? Reason.of("noLoanHeld", "from", holdingFrom) : loansHeld(holding)));
        clauses.add(new Clause("RED_NOT_IN_ARREARS", arrears.isEmpty(), inArrears.detail(), inArrears.reason()));
        LocalDate lateFrom = d.minusMonths(p.lateWindowMonths());
        List<LoanFact> late = f.loans().stream()
                .filter(l -> l.due().isAfter(lateFrom) && !l.due().isAfter(d))
                .filter(l -> Loan.overdueDaysOn(l.due(), l.settled(), d) > p.lateDays()).toList();
        clauses.add(new Clause("RED_NO_LATE", late.isEmpty(), late.isEmpty()
                ? "(" + lateFrom + ", " + d + "] 内到期的贷款均未逾期超过 " + p.lateDays() + " 天"
                : "逾期超过 " + p.lateDays() + " 天：" + loans(late, d),
                late.isEmpty() ? Reason.of("noLateLoan", "from", lateFrom, "day", d, "days", p.lateDays())
                        : Reason.list("lateLoans", loanReasons(late, d), "days", p.lateDays())));
        Clause noSerious = noEvents(f, d, p.seriousWindowMonths(), "SERIOUS", "严重", "NO_SERIOUS");
        clauses.add(prefixed("RED_", noSerious));
        clauses.add(prefixed("RED_", noEvents(f, d, p.generalWindowMonths(), "GENERAL", "一般", "NO_GENERAL")));
        clauses.add(ratingFloor(f, d, p));
        if (clauses.stream().filter(c -> c.code().startsWith("RED_")).allMatch(Clause::passed)) {
            return new Outcome(CreditList.RED, clauses);
        }

        // WHITE
        clauses.add(new Clause("WHITE_LOAN_FREE", holding.isEmpty(), holding.isEmpty()
                ? "无贷企业" : "有贷企业：" + holding.stream().map(LoanFact::ref).collect(Collectors.joining("、")),
                holding.isEmpty() ? Reason.of("loanFree") : loansHeld(holding)));
        clauses.add(new Clause("WHITE_ACTIVE", "ACTIVE".equals(f.status()), "登记状态 " + statusLabel(f.status()),
                Reason.of("registration", "status", f.status())));
        LocalDate registeredBy = d.minusYears(p.whiteMinYears());
        boolean registered = f.registeredOn() != null && !f.registeredOn().isAfter(registeredBy);
        clauses.add(new Clause("WHITE_REGISTERED", registered, f.registeredOn() == null ? "成立日期未知"
                : "成立于 " + f.registeredOn() + (registered ? "，不晚于 " : "，晚于 ") + registeredBy,
                f.registeredOn() == null ? Reason.of("registeredUnknown") : Reason.of(
                        registered ? "registeredInTime" : "registeredLate", "on", f.registeredOn(), "by", registeredBy)));
        clauses.add(prefixed("WHITE_", noSerious));
        List<Integer> years = new ArrayList<>();
        for (int y = year; y >= year - p.whiteStatementYears(); y--) {
            years.add(y);
        }
        List<Integer> withRevenue = years.stream().filter(f.revenueYears()::contains).toList();
        clauses.add(new Clause("WHITE_REVENUE", !withRevenue.isEmpty(), withRevenue.isEmpty()
                ? years + " 年度均无营业收入大于 0 的财务报表"
                : withRevenue.get(0) + " 年度财务报表营业收入大于 0",
                withRevenue.isEmpty() ? Reason.of("noRevenue", "years",
                        years.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        : Reason.of("revenue", "year", withRevenue.get(0))));
        if (clauses.stream().filter(c -> c.code().startsWith("WHITE_")).allMatch(Clause::passed)) {
            return new Outcome(CreditList.WHITE, clauses);
        }
        return new Outcome(CreditList.NONE, clauses);
    }

    /** Loan-holding on D: a loan started by D and not settled before D − n months. */
    static List<LoanFact> holding(FirmFacts f, LocalDate d, LocalDate from) {
        return f.loans().stream()
                .filter(l -> !l.start().isAfter(d) && (l.settled() == null || !l.settled().isBefore(from)))
                .toList();
    }

    private static void evasionIndicators(FirmFacts f, LocalDate d, RuleParams p, List<LoanFact> arrears,
            List<String> found, List<Reason> reasons) {
        LocalDate evasionFrom = d.minusMonths(p.evasionWindowMonths());
        for (EventFact e : counting(f, d, e -> "DEBT_EVASION".equals(e.type()) && e.occurred().isAfter(evasionFrom))) {
            found.add("(a) 恶意逃废债记录 " + e.ref() + "（" + e.occurred() + "）");
            reasons.add(Reason.of("evasionRecord", "ref", e.ref(), "day", e.occurred()));
        }
        for (EventFact e : counting(f, d, e -> "DISHONEST_DEBTOR".equals(e.type()))) {
            found.add("(b) 失信被执行人 " + e.ref() + "（" + e.occurred() + "）");
            reasons.add(Reason.of("dishonestDebtor", "ref", e.ref(), "day", e.occurred()));
        }
        BigDecimal inflow = f.inflow() == null ? BigDecimal.ZERO : f.inflow();
        for (LoanFact l : arrears) {
            long overdue = ChronoUnit.DAYS.between(l.due(), d);
            if (overdue >= p.evasionOverdueDays() && inflow.compareTo(l.principal()) > 0) {
                found.add("(c) 贷款 " + l.ref() + " 逾期 " + overdue + " 天，近 " + p.inflowDays() + " 天收入 "
                        + inflow.toPlainString() + " 元超过本金 " + l.principal().toPlainString() + " 元（有能力偿还而不还）");
                reasons.add(Reason.of("ableButNotPaying", "ref", l.ref(), "days", overdue, "inflowDays", p.inflowDays(),
                        "inflow", inflow, "principal", l.principal()));
            }
        }
    }

    /** Events that count against the firm on D (negative, occurred by D, not repaired by D) and match. */
    static List<EventFact> counting(FirmFacts f, LocalDate d, Predicate<EventFact> which) {
        return f.events().stream()
                .filter(e -> !e.occurred().isAfter(d) && (e.repaired() == null || e.repaired().isAfter(d)))
                .filter(which).toList();
    }

    private static Clause noEvents(FirmFacts f, LocalDate d, int months, String severity, String label, String code) {
        LocalDate from = d.minusMonths(months);
        List<EventFact> found = counting(f, d, e -> severity.equals(e.severity()) && e.occurred().isAfter(from));
        return new Clause(code, found.isEmpty(), found.isEmpty()
                ? "(" + from + ", " + d + "] 内无在计的" + label + "失信记录"
                : label + "失信记录：" + found.stream().map(e -> e.ref() + "（" + e.occurred() + " " + e.title() + "）")
                        .collect(Collectors.joining("、")),
                found.isEmpty() ? Reason.of("noDishonesty", "from", from, "day", d, "severity", severity)
                        : Reason.list("dishonesty", found.stream().map(e -> Reason.of("event", "ref", e.ref(),
                                "day", e.occurred(), "title", e.title())).toList(), "severity", severity));
    }

    private static Clause ratingFloor(FirmFacts f, LocalDate d, RuleParams p) {
        var r = f.rating();
        boolean valid = r != null && !r.validFrom().isAfter(d) && !r.validUntil().isBefore(d);
        if (!valid) {
            return new Clause("RED_RATING_FLOOR", true, "评价日无有效的信用等级，本条不适用", Reason.of("noRating"));
        }
        int rank = RuleParams.GRADES.indexOf(r.grade()); // an unknown grade never meets the floor
        boolean ok = rank >= 0 && rank <= RuleParams.GRADES.indexOf(p.ratingFloor());
        return new Clause("RED_RATING_FLOOR", ok, "信用等级 " + r.grade() + "（有效期 " + r.validFrom() + " 至 "
                + r.validUntil() + "）" + (ok ? "不低于 " : "低于 ") + p.ratingFloor(),
                Reason.of(ok ? "ratingAtFloor" : "ratingBelowFloor", "grade", r.grade(), "from", r.validFrom(),
                        "until", r.validUntil(), "floor", p.ratingFloor()));
    }

    private static Clause prefixed(String prefix, Clause c) {
        return new Clause(prefix + c.code(), c.passed(), c.detail(), c.reason());
    }

    private static String loans(List<LoanFact> loans, LocalDate d) {
        return loans.stream().map(l -> l.ref() + "（到期 " + l.due() + "，逾期 " + Loan.overdueDaysOn(l.due(), l.settled(), d)
                + " 天）").collect(Collectors.joining("、"));
    }

    private static List<Reason> loanReasons(List<LoanFact> loans, LocalDate d) {
        return loans.stream().map(l -> Reason.of("overdueLoan", "ref", l.ref(), "due", l.due(), "days",
                Loan.overdueDaysOn(l.due(), l.settled(), d))).toList();
    }

    private static Reason loansHeld(List<LoanFact> holding) {
        return Reason.list("loansHeld", holding.stream().map(l -> Reason.of("loan", "ref", l.ref())).toList());
    }

    private static String statusLabel(String status) {
        return switch (status == null ? "" : status) {
            case "ACTIVE" -> "存续";
            case "ABNORMAL" -> "异常";
            case "DEREGISTERED" -> "注销";
            default -> "未知";
        };
    }
}
