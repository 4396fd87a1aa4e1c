package io.parkcredit.credit;

import io.parkcredit.enterprise.EventType;
import io.parkcredit.enterprise.Severity;
import io.parkcredit.rating.Grade;
import io.parkcredit.shared.Reason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of commitments, repair and publicity (DOMAIN.md §8) as pure functions over plain
 * inputs; the parameters come from the current {@link CreditParams} version. Every refusal is a
 * {@link Reason}: a code with the facts behind it (which record, which day), worded at the edge.
 *
 * <p>Periods count like §4's windows: a period of n months from the day a record occurred is
 * (occurredOn, occurredOn + n months], so its last day is the same calendar day n months later or,
 * when that month is shorter, the month's last day (2025-11-30 + 3 months = 2026-02-28), and the
 * day after it is the first day outside (2026-03-01).
 */
public final class CreditRules {

    private CreditRules() {
    }

    /** A negative credit record as the rules see it. */
    public record RecordFact(String ref, EventType type, Severity severity, LocalDate occurredOn, LocalDate repairedOn) {
    }

    /**
     * A record's publication (§8.3): published from the day it occurred through {@code lastDay};
     * a repair may be applied for from {@code firstRepairDay}, the day after the shortest period.
     */
    public record Publication(LocalDate from, LocalDate shortestEnds, LocalDate firstRepairDay, LocalDate lastDay) {
    }

    /** The publication period of a record of this severity; empty for MINOR (never published) or no severity. */
    public static Optional<Publication> publication(Severity severity, LocalDate occurredOn, CreditParams p) {
        if (severity == null || severity == Severity.MINOR) {
            return Optional.empty();
        }
        int shortest = severity == Severity.SERIOUS ? p.seriousShortestMonths() : p.generalShortestMonths();
        int longest = severity == Severity.SERIOUS ? p.seriousLongestMonths() : p.generalLongestMonths();
        LocalDate shortestEnds = occurredOn.plusMonths(shortest);
        return Optional.of(new Publication(occurredOn, shortestEnds, shortestEnds.plusDays(1), occurredOn.plusMonths(longest)));
    }

    /** Whether the public page shows the record on {@code day}: inside its period and not repaired by then. */
    public static boolean publishedOn(RecordFact r, LocalDate day, CreditParams p) {
        if (r.type() == null || !r.type().negative()) {
            return false;
        }
        return publication(r.severity(), r.occurredOn(), p)
                .filter(pub -> !day.isBefore(pub.from()) && !day.isAfter(pub.lastDay()))
                .isPresent() && (r.repairedOn() == null || day.isBefore(r.repairedOn()));
    }

    /**
     * Whether a GENERAL or SERIOUS record counts against the firm on {@code day} for §8's decisions
     * (告知承诺, verification): occurred by then, inside its longest period, not repaired by then —
     * the same windows §4 uses by default (12 and 36 months).
     */
    public static boolean countsOn(RecordFact r, LocalDate day, CreditParams p) {
        if (r.type() == null || !r.type().negative() || r.occurredOn().isAfter(day)) {
            return false;
        }
        if (r.repairedOn() != null && !r.repairedOn().isAfter(day)) {
            return false;
        }
        return publication(r.severity(), r.occurredOn(), p).filter(pub -> !day.isAfter(pub.lastDay())).isPresent();
    }

    /**
     * Why the firm may not apply today to repair this record (§8.3), or empty when it may.
     * {@code lastRejectedOn}: the day its latest repair application for the record was rejected, or null;
     * {@code openApplication}: whether one is being decided.
     */
    public static Optional<Reason> repairRefusal(RecordFact r, LocalDate today, LocalDate lastRejectedOn,
            boolean openApplication, CreditParams p) {
        if (r.type() == null || !r.type().negative()) {
            return Optional.of(Reason.of("repairNotNegative", "ref", r.ref()));
        }
        if (r.type() == EventType.DISHONEST_DEBTOR) {
            return Optional.of(Reason.of("repairDishonestDebtor", "ref", r.ref()));
        }
        if (r.severity() != Severity.GENERAL && r.severity() != Severity.SERIOUS) {
            return Optional.of(Reason.of("repairMinor", "ref", r.ref()));
        }
        if (r.repairedOn() != null && !r.repairedOn().isAfter(today)) {
            return Optional.of(Reason.of("repairAlreadyRepaired", "ref", r.ref(), "repairedOn", r.repairedOn()));
        }
        if (openApplication) {
            return Optional.of(Reason.of("repairOpen", "ref", r.ref()));
        }
        Publication pub = publication(r.severity(), r.occurredOn(), p).orElseThrow();
        if (today.isBefore(pub.firstRepairDay())) {
            return Optional.of(Reason.of("repairTooEarly", "ref", r.ref(), "firstDay", pub.firstRepairDay(),
                    "severity", r.severity()));
        }
        if (lastRejectedOn != null) {
            LocalDate again = reapplyFrom(lastRejectedOn, p);
            if (today.isBefore(again)) {
                return Optional.of(Reason.of("repairReapplyBar", "ref", r.ref(), "firstDay", again,
                        "rejectedOn", lastRejectedOn));
            }
        }
        return Optional.empty();
    }

    /** The first day a repair may be applied for again after a rejection: 30 days later by default. */
    public static LocalDate reapplyFrom(LocalDate rejectedOn, CreditParams p) {
        return rejectedOn.plusDays(p.reapplyDays());
    }

    /** The first day a firm may apply to repair the record, whatever else stands in the way; null when never. */
    public static LocalDate firstRepairDay(RecordFact r, CreditParams p) {
        if (r.type() == null || !r.type().negative() || r.type() == EventType.DISHONEST_DEBTOR) {
            return null;
        }
        return publication(r.severity(), r.occurredOn(), p).map(Publication::firstRepairDay).orElse(null);
    }

    /** Evidence a repair application needs (§8.3): proof for every record, and a second document (credit report or training certificate) for SERIOUS. */
    public static int evidenceNeeded(Severity severity) {
        return severity == Severity.SERIOUS ? 2 : 1;
    }

    /** The firm's credit as §8.1's verification tiers read it. */
    public record CreditStanding(boolean red, Grade validGrade, List<String> countingGeneral) {
    }

    /** A verification level with the fact that set it. */
    public record Tier(Verification level, Reason reason) {
    }

    /**
     * Verification after the fact (§8.1): RED or a valid grade at least AA → EXEMPT; a counting GENERAL
     * record or a valid grade at most B → ON_SITE; else DESK.
     */
    public static Tier verification(CreditStanding s, CreditParams p) {
        Grade exempt = Grade.valueOf(p.exemptGrade());
        Grade onSite = Grade.valueOf(p.onSiteGrade());
        if (s.red()) {
            return new Tier(Verification.EXEMPT, Reason.of("tierRed"));
        }
        if (s.validGrade() != null && s.validGrade().atLeast(exempt)) {
            return new Tier(Verification.EXEMPT, Reason.of("tierGoodGrade", "grade", s.validGrade()));
        }
        if (!s.countingGeneral().isEmpty()) {
            return new Tier(Verification.ON_SITE, Reason.of("tierGeneralRecord", "ref", s.countingGeneral().get(0)));
        }
        if (s.validGrade() != null && onSite.atLeast(s.validGrade())) {
            return new Tier(Verification.ON_SITE, Reason.of("tierPoorGrade", "grade", s.validGrade()));
        }
        return new Tier(Verification.DESK, Reason.of("tierDesk"));
    }

    /** What stands between a firm and 告知承诺 (§8.1). */
    public record NotificationFacts(List<String> countingSerious, Integer yellowYear, List<Long> unrepairedFalse) {
    }

    /**
     * Why a commitment of this kind is refused, one reason per obstacle (empty when allowed): only
     * 告知承诺 kinds can be refused — while the firm has a counting SERIOUS record, is YELLOW in the
     * latest published list, or has a false commitment not repaired (在信用修复前不适用告知承诺制).
     */
    public static List<Reason> notificationRefusals(CommitmentKind kind, NotificationFacts f) {
        List<Reason> out = new ArrayList<>();
        if (!kind.notification()) {
            return out;
        }
        for (String ref : f.countingSerious()) {
            out.add(Reason.of("refusedSerious", "ref", ref));
        }
        if (f.yellowYear() != null) {
            out.add(Reason.of("refusedYellow", "year", f.yellowYear()));
        }
        for (Long id : f.unrepairedFalse()) {
            out.add(Reason.of("refusedFalseCommitment", "commitment", id));
        }
        return out;
    }

    /**
     * The severity of the COMMITMENT_BREACH event a breach records: SERIOUS for a false statement
     * (§8.1) or a repair commitment broken within its year, which revokes the repair (§8.3); else GENERAL.
     */
    public static Severity breachSeverity(boolean falseStatement, boolean revokesRepair) {
        return falseStatement || revokesRepair ? Severity.SERIOUS : Severity.GENERAL;
    }

    /** Whether breaching a repair commitment on {@code breachDay} revokes the repair made on {@code repairedOn} (§8.3). */
    public static boolean revokesRepair(LocalDate repairedOn, LocalDate breachDay, CreditParams p) {
        return repairedOn != null && !breachDay.isBefore(repairedOn)
                && !breachDay.isAfter(repairedOn.plusMonths(p.repairBreachMonths()));
    }
}
