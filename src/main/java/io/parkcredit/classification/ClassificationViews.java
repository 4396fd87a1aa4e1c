package io.parkcredit.classification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parkcredit.classification.ClassificationRules.Clause;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What classification shows on the wire and on pages. */
public final class ClassificationViews {

    private ClassificationViews() {
    }

    /** A run (version) of a year's classification with its counts per list (API.md). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunView(long runId, int year, int version, String status, LocalDate evaluationDay,
            int ruleSetVersion, Map<String, Integer> counts, String createdBy, Instant createdAt, String publishedBy,
            Instant publishedAt, Long supersedesRunId, String parkCode) {

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One firm's result with every clause checked (API.md); {@code underObjection} (an addition): the
     * result, or a record, loan or statement of the firm it was decided from, has an objection being
     * handled (DOMAIN.md §8.2).
     */
    public record ResultView(String uscc, String name, CreditList list, List<Clause> clauses, boolean underObjection) {
    }

    /** A firm that changed list between two runs; a null list means "not classified in that run". */
    public record TransitionView(String uscc, String name, String fromList, String toList) {
    }

    /** Number of firms moving from one list to another (the Sankey chart of a year). */
    public record Flow(String from, String to, long count) {
    }

    /** A measure sent on publication: a YELLOW notice or a correction. */
    public record NoticeView(long id, int year, long runId, String uscc, String name, String list,
            String recipientKind, String recipient, String kind, String detail, Instant createdAt) {
    }

    /** A year at a glance: its runs, the current published one, and the moves since the previous year. */
    public record YearOverview(int year, List<RunView> runs, RunView published, RunView previousYear,
            List<Flow> flowsFromPreviousYear, List<TransitionView> movedSincePreviousYear) {
    }

    /**
     * What publishing a draft would do: its counts beside the version it replaces and the previous
     * year's published lists, and how many firms change list against each.
     */
    public record PublishPreview(RunView draft, RunView replaces, RunView previousYear, long movesOnPublish,
            long movesSincePreviousYear) {

        public List<String> lists() {
            return List.of("RED", "WHITE", "YELLOW", "NONE");
        }
    }
}
