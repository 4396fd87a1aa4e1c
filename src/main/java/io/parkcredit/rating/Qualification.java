package io.parkcredit.rating;

import io.parkcredit.shared.Reason;
import io.parkcredit.rating.RatingFacts.Event;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The qualification check of a rating application (DOMAIN.md §5, seed 002 第十二条): an active park
 * firm, registered at least 3 years, with revenue in each of the last 3 fiscal years and no serious
 * dishonesty in 3 years. Every clause is reported with its facts, passed or not.
 */
public final class Qualification {

    private static final Set<String> DISHONESTY = Set.of("DISHONEST_DEBTOR", "SERIOUS_ILLEGAL");

    private Qualification() {
    }

    /** One condition as checked: its code, the outcome and the facts, in Chinese and structured (RatingReasonMsg). */
    public record Clause(String code, boolean passed, String detail, Reason reason) {
    }

    public static boolean passed(List<Clause> clauses) {
        return clauses.stream().allMatch(Clause::passed);
    }

    /**
     * @param revenueYears the years with a statement whose revenue is above 0
     * @param events       the firm's credit events (any age)
     */
    public static List<Clause> check(LocalDate day, String status, boolean inPark, LocalDate registeredOn,
            Set<Integer> revenueYears, List<Event> events) {
        List<Clause> out = new ArrayList<>();
        boolean active = inPark && "ACTIVE".equals(status);
        out.add(new Clause("QUAL_ACTIVE_IN_PARK", active, active ? "园区在营企业"
                : "企业状态 " + status + (inPark ? "" : "，不在园区"),
                Reason.of(active ? "activeInPark" : inPark ? "notActive" : "notInPark", "status", status)));
        LocalDate latest = day.minusYears(3);
        boolean old = registeredOn != null && !registeredOn.isAfter(latest);
        out.add(new Clause("QUAL_REGISTERED_3Y", old, registeredOn == null ? "缺少成立日期"
                : "成立于 " + registeredOn + (old ? "，存续满三年" : "，存续不满三年（需不晚于 " + latest + "）"),
                registeredOn == null ? Reason.of("noRegistrationDate")
                        : Reason.of(old ? "registered3y" : "registeredRecently", "on", registeredOn, "latest", latest)));
        List<Integer> missing = new ArrayList<>();
        for (int y = day.getYear() - 3; y < day.getYear(); y++) {
            if (!revenueYears.contains(y)) {
                missing.add(y);
            }
        }
        out.add(new Clause("QUAL_REVENUE_EVERY_YEAR", missing.isEmpty(), missing.isEmpty()
                ? (day.getYear() - 3) + "–" + (day.getYear() - 1) + " 年度均有营业收入"
                : "以下年度无营业收入记录：" + missing,
                missing.isEmpty() ? Reason.of("revenueEveryYear", "from", day.getYear() - 3, "to", day.getYear() - 1)
                        : Reason.of("revenueMissing", "years",
                                missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))));
        LocalDate from = day.minusMonths(36);
        List<String> found = new ArrayList<>();
        List<Reason> items = new ArrayList<>();
        for (Event e : events) {
            boolean counts = !e.occurredOn().isAfter(day) && (e.repairedOn() == null || e.repairedOn().isAfter(day));
            boolean recent = e.occurredOn().isAfter(from);
            if (counts && recent && ("SERIOUS".equals(e.severity()) || DISHONESTY.contains(e.type()))) {
                found.add(e.type() + " " + e.occurredOn());
                items.add(Reason.of("dishonestyEvent", "type", e.type(), "day", e.occurredOn()));
            }
        }
        out.add(new Clause("QUAL_NO_SERIOUS_DISHONESTY", found.isEmpty(), found.isEmpty()
                ? "近三年无严重失信记录" : "近三年有严重失信记录：" + String.join("；", found),
                found.isEmpty() ? Reason.of("noSeriousDishonesty") : Reason.list("seriousDishonesty", items)));
        return out;
    }
}
