package io.parkcredit.bundle;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one import, keeping the first {@code max} and counting all of them. */
final class ImportErrors {

    private final int max;
    private final List<FieldProblem> kept = new ArrayList<>();
    private long total;

    ImportErrors(int max) {
        this.max = max;
    }

    void add(FieldProblem p) {
        total++;
        if (kept.size() < max) {
            kept.add(p);
        }
    }

    /** Adds a problem that stands for {@code countedTotal} errors found by one query (0 for its later rows). */
    void addCounted(FieldProblem p, long countedTotal) {
        if (kept.size() < max) {
            kept.add(p);
        }
        total += countedTotal;
    }

    boolean any() {
        return total > 0;
    }

    /** How many more errors will be listed one by one. */
    int room() {
        return Math.max(0, max - kept.size());
    }

    ProblemException rejection() {
        return new ProblemException(422, "bundle-rejected", "数据包被拒绝 Bundle rejected",
                total + " invalid row(s); nothing was imported", kept).withTotalErrors(total);
    }
}
