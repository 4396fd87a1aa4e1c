package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.bundle.DemoPark;
import io.parkcredit.rating.RatingModel;
import io.parkcredit.rating.RatingModelService;
import io.parkcredit.rating.RatingReviewRunner;
import io.parkcredit.rating.RatingViews.ReviewView;
import io.quarkus.test.junit.QuarkusTest;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Rating benchmark of issue 4: the yearly review of a generated park of 100,000 firms with 3 years
 * of statements each (plus 5 loans and 10 credit events per firm, DemoPark's benchmark shape)
 * through {@link RatingReviewRunner} (four whole-park queries merged by USCC, scoring in Java,
 * COPY out), against one SQL query computing the same 45 scores ({@link SqlScores}, generated from
 * the same model), in the same run and database. The two results are compared firm by firm.
 *
 * <p>Run: {@code ./mvnw -B verify -Pbenchmark -Dtest=RatingBenchmark -Dbench.firms=100000
 * -Dsurefire.failIfNoSpecifiedTests=false}. Results go to the console and {@code target/benchmarks/rating.md}.
 */
@QuarkusTest
@Tag("benchmark")
class RatingBenchmark {

    static final String[] FILES = {"enterprises", "loans", "credit_events", "financial_statements"};
    static final int YEAR = 2025;

    @Inject
    DataSource dataSource;

    @Inject
    RatingReviewRunner reviews;

    @Inject
    RatingModelService models;

    @Test
    void yearlyReviewOfAGeneratedParkAgainstOneSqlQuery() throws Exception {
        int firms = Integer.getInteger("bench.firms", 100_000);
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        DemoPark park = new DemoPark(DemoPark.Settings.benchmark(firms, LocalDate.of(2026, 6, 30)));
        long l0 = System.nanoTime();
        boolean loaded = load(park, dir);
        double loadSeconds = (System.nanoTime() - l0) / 1e9;

        RatingModelService.Version model = models.current();
        String sql = SqlScores.query(model.model(), YEAR, LocalDate.of(YEAR, 12, 31));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Park: %d firms (%s in %.1f s). Max heap (-Xmx): %d MB. Model v%d.%n%n",
                firms, loaded ? "generated and copied" : "already loaded", loadSeconds,
                Runtime.getRuntime().maxMemory() >> 20, model.version()));
        md.append("| run | Java review s | firms | one SQL query s | Java / SQL |\n|---|---:|---:|---:|---:|\n");
        ReviewView last = null;
        double[] javaRuns = new double[2];
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            last = reviews.run(YEAR, "benchmark");
            double javaSeconds = (System.nanoTime() - t0) / 1e9;
            double sqlSeconds;
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                // the baseline writes what the Java review writes: one logged row per firm with score, grade and
                // the points per dimension, into a table shaped like rating_review_results (same primary key)
                st.execute("drop table if exists bench_sql_scores");
                st.execute("create table bench_sql_scores (like rating_review_results including defaults including indexes)");
                long s0 = System.nanoTime();
                st.execute("insert into bench_sql_scores (review_id, uscc, score, grade, dimensions)"
                        + " select " + run + ", uscc, score, grade, dimensions from (" + sql + ") q");
                sqlSeconds = (System.nanoTime() - s0) / 1e9;
                st.execute("analyze bench_sql_scores");
            }
            javaRuns[run - 1] = javaSeconds;
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %,d | %.2f | %.2f× |%n", run, javaSeconds, last.firms(),
                    sqlSeconds, javaSeconds / sqlSeconds));
        }
        long compared;
        long differ;
        long gradeDiffer;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*), count(*) filter (where abs(j.score - s.score) > 0.011),"
                        + " count(*) filter (where j.grade is distinct from s.grade) from rating_review_results j"
                        + " join bench_sql_scores s on s.uscc = j.uscc and s.review_id = 2 where j.review_id = " + last.id())) {
            rs.next();
            compared = rs.getLong(1);
            differ = rs.getLong(2);
            gradeDiffer = rs.getLong(3);
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select j.uscc, j.score, s.score from rating_review_results j"
                        + " join bench_sql_scores s on s.uscc = j.uscc and s.review_id = 2 where j.review_id = " + last.id()
                        + " and abs(j.score - s.score) > 0.011 order by j.uscc limit 5")) {
            while (rs.next()) {
                System.out.println("differs: " + rs.getString(1) + " java " + rs.getBigDecimal(2) + " sql " + rs.getBigDecimal(3));
            }
        }
        md.append(String.format(Locale.ROOT, "%nCompared %,d firms: %,d scores differ by more than 0.01, %,d grades differ."
                + " Grades: %s%n", compared, differ, gradeDiffer, last.grades()));
        Targets targets = new Targets("rating")
                .atMost("yearly review of the whole park, slower run", Math.max(javaRuns[0], javaRuns[1]), 30, "s");
        md.append(targets.markdown());
        System.out.println("\n=== Rating benchmark ===\n" + md);
        Files.writeString(dir.resolve("rating.md"), md.toString());
        assertThat(compared).isEqualTo(last.firms());
        assertThat(differ).isZero();
        assertThat(gradeDiffer).as("grades that differ between the Java review and the SQL baseline").isZero();
        targets.assertAllMet();
    }

    /** Copies the park's files straight into the registry tables, unless this park is already there. */
    private boolean load(DemoPark park, Path dir) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from enterprises where uscc = '" + DemoPark.uscc(0) + "'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return false;
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String f : FILES) {
                Path csv = dir.resolve("rating-" + f + ".csv");
                try (OutputStream out = Files.newOutputStream(csv);
                        CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).bufferSize(1 << 16)
                                .build(out, StandardCharsets.UTF_8)) {
                    park.writeFile(f, w);
                }
                String header;
                try (BufferedReader r = Files.newBufferedReader(csv)) {
                    header = r.readLine();
                }
                try (InputStream in = Files.newInputStream(csv)) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + f + " (" + header
                            + ") from stdin (format csv, header true)", in);
                }
                Files.delete(csv);
            }
            try (Statement st = c.createStatement()) {
                for (String f : FILES) {
                    st.execute("analyze " + f);
                }
            }
            c.commit();
        }
        return true;
    }

}
