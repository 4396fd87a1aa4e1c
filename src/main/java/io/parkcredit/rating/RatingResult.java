package io.parkcredit.rating;

import io.parkcredit.shared.Reason;
import java.math.BigDecimal;
import java.util.List;

/**
 * A scored rating with its reasons (DOMAIN.md §5): the total, the grade (null below 10), each
 * dimension's points and every indicator's points, maximum and the value that produced them, and
 * what would raise the grade: the indicators with the most recoverable points.
 */
public record RatingResult(int modelVersion, BigDecimal score, Grade grade, List<DimensionScore> dimensions,
        List<Line> indicators, Raise raise) {

    public record DimensionScore(String code, String name, String nameEn, BigDecimal points, BigDecimal max) {
    }

    /**
     * @param value  the metric value (null when undefined or on-site)
     * @param detail    how the points came about, in Chinese
     * @param groupCode the indicator group's code (null in results scored before it was kept)
     * @param reason    how the points came about, structured (ScoreMsg); null in older results
     */
    public record Line(String code, String name, String dimension, String group, Metric metric, Double value,
            BigDecimal points, BigDecimal max, String detail, String groupCode, Reason reason) {

        public BigDecimal recoverable() {
            return max.subtract(points);
        }
    }

    /**
     * @param nextGrade    the grade above, null at AAA
     * @param pointsNeeded points missing to reach it
     * @param indicators   the indicators with the largest recoverable points, largest first
     */
    public record Raise(Grade nextGrade, BigDecimal pointsNeeded, List<Line> indicators) {
    }
}
