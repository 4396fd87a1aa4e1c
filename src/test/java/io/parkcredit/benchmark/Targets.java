package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark's targets: each is checked against what was measured, printed as MET or MISSED and
 * added to the report; {@link #assertAllMet()} then fails the run on any miss. Benchmarks only run
 * with {@code -Pbenchmark} (surefire excludes the {@code benchmark} tag otherwise).
 */
final class Targets {

    private final String benchmark;
    private final List<String> lines = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();

    Targets(String benchmark) {
        this.benchmark = benchmark;
    }

    /** {@code measured} must be at least {@code target}. */
    Targets atLeast(String what, double measured, double target, String unit) {
        return check(what, measured, measured >= target, "≥ " + num(target) + " " + unit, unit);
    }

    /** {@code measured} must be at most {@code target}. */
    Targets atMost(String what, double measured, double target, String unit) {
        return check(what, measured, measured <= target, "≤ " + num(target) + " " + unit, unit);
    }

    private Targets check(String what, double measured, boolean met, String target, String unit) {
        String line = String.format(Locale.ROOT, "%s %s: %s %s (target %s)", met ? "MET" : "MISSED", what, num(measured),
                unit, target);
        lines.add(line);
        if (!met) {
            missed.add(line);
        }
        System.out.println("[" + benchmark + "] " + line);
        return this;
    }

    /** The checks as a Markdown list, for the benchmark's report file. */
    String markdown() {
        StringBuilder md = new StringBuilder("\nTargets:\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        return md.toString();
    }

    void assertAllMet() {
        assertThat(missed).as(benchmark + " targets missed").isEmpty();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }
}
