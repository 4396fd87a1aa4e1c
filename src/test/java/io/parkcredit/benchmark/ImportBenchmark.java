package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.bundle.DemoPark;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Import benchmark of issue "platform foundation": a generated bundle of 100,000 firms (500,000
 * loans, 1,000,000 events, 300,000 statements, 5,000,000 flows) imported through the HTTP API into
 * the embedded PostgreSQL, against a baseline of plain {@code COPY} (run before and after the import, the
 * zip read through first so both start warm) of the same CSV files into
 * unindexed tables of the same database, in the same run. Peak heap is sampled during the import.
 *
 * Then times the yearly classification of the imported park.
 *
 * <p>Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.firms=100000}. Results go to the console and
 * {@code target/benchmarks/import.md}.
 */
@QuarkusTest
@Tag("benchmark")
class ImportBenchmark {

    static final String[] FILES = {"institutions", "enterprises", "loans", "credit_events", "financial_statements",
        "transactions"};

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/api/bundles")
    URL bundles;

    @Test
    void importGeneratedParkAgainstPlainCopy() throws Exception {
        int firms = Integer.getInteger("bench.firms", 100_000);
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Path zip = dir.resolve("bench-" + firms + ".zip");
        long g0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16)) {
            new DemoPark(DemoPark.Settings.benchmark(firms, LocalDate.of(2026, 6, 30))).writeZip(out);
        }
        double genSeconds = (System.nanoTime() - g0) / 1e9;

        // the zip is read through once first, so that neither the baseline nor the import pays for a cold file
        try (InputStream in = Files.newInputStream(zip)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Double> copyBefore = baselineCopy(zip, rows);

        PeakHeap heap = new PeakHeap();
        heap.start();
        long t0 = System.nanoTime();
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                HttpRequest.newBuilder(bundles.toURI())
                        .header("Content-Type", "application/zip")
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (Fixtures.ADMIN + ":" + Fixtures.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofFile(zip)).build(),
                HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        heap.stop();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonPath result = JsonPath.from(response.body());
        // the baseline again, now after the import: the ratio uses the faster of the two COPY runs per file
        Map<String, Double> copyAfter = baselineCopy(zip, new LinkedHashMap<>());
        Map<String, Double> copySeconds = new LinkedHashMap<>();
        copyBefore.forEach((f, sec) -> copySeconds.put(f, Math.min(sec, copyAfter.get(f))));

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Bundle: %d firms, %.1f MB zip, generated in %.1f s. Max heap (-Xmx): %d MB. Peak heap used during import: %d MB.%n%n",
                firms, Files.size(zip) / 1e6, genSeconds, Runtime.getRuntime().maxMemory() >> 20, heap.peak() >> 20));
        md.append("| file | rows | import load s | import merge s | import rows/s | plain COPY s | COPY rows/s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double copyTotal = 0;
        for (String f : FILES) {
            String api = apiName(f);
            long n = rows.get(f);
            double load = result.getLong("changes." + api + ".loadMs") / 1000.0;
            double merge = result.getLong("changes." + api + ".mergeMs") / 1000.0;
            double copy = copySeconds.get(f);
            copyTotal += copy;
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %,.0f | %.1f | %,.0f |%n", f, n, load, merge,
                    n / Math.max(0.001, load + merge), copy, n / Math.max(0.001, copy)));
            assertThat(result.getLong("imported." + api)).isEqualTo(n);
        }
        long totalRows = rows.values().stream().mapToLong(Long::longValue).sum();
        md.append(String.format(Locale.ROOT, "| **whole bundle (HTTP, end to end)** | %,d | | | %,.0f | %.1f | %,.0f |%n%n",
                totalRows, totalRows / importSeconds, copyTotal, totalRows / copyTotal));
        md.append(String.format(Locale.ROOT, "Import %.1f s end to end vs plain COPY %.1f s: ratio **%.2f×** (COPY before"
                + " the import %.1f s, after it %.1f s; the faster per file is used).%n", importSeconds, copyTotal,
                importSeconds / copyTotal, copyBefore.values().stream().mapToDouble(Double::doubleValue).sum(),
                copyAfter.values().stream().mapToDouble(Double::doubleValue).sum()));
        Targets targets = new Targets("import")
                .atMost("bundle import end to end", importSeconds, 180, "s")
                .atMost("import / plain COPY", importSeconds / copyTotal, 3.0, "×");
        md.append(targets.markdown());
        // the yearly classification of the same park, as the committee would run it next
        long c0 = System.nanoTime();
        JsonPath run = io.parkcredit.testing.Fixtures.asAdmin().post("/api/classifications/2025/runs")
                .then().statusCode(201).extract().jsonPath();
        double classifySeconds = (System.nanoTime() - c0) / 1e9;
        Map<String, Integer> counts = run.getMap("counts");
        int classified = counts.values().stream().mapToInt(Integer::intValue).sum();
        md.append(String.format(Locale.ROOT, "%nClassification of the same park for 2025 (POST /api/classifications/2025/runs): "
                + "%,d firms in %.1f s (%,.0f firms/s); counts %s.%n", classified, classifySeconds,
                classified / classifySeconds, counts));
        // screening the park's prospects through the API: the first call computes the criteria
        String officer = io.parkcredit.testing.Fixtures.newUser("INVESTMENT", null, null);
        long s0 = System.nanoTime();
        JsonPath first = io.parkcredit.testing.Fixtures.asUser(officer).contentType("application/json")
                .body("{}").post("/api/screenings").then().statusCode(200).extract().jsonPath();
        double firstMs = (System.nanoTime() - s0) / 1e6;
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            io.parkcredit.testing.Fixtures.asUser(officer).contentType("application/json").body("{}")
                    .post("/api/screenings").then().statusCode(200);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        // the same caller on a trivial endpoint: what HTTP and Basic authentication (bcrypt) cost alone
        double[] auth = new double[30];
        for (int i = 0; i < auth.length; i++) {
            long t = System.nanoTime();
            io.parkcredit.testing.Fixtures.asUser(officer).get("/api/screenings/criteria").then().statusCode(200);
            auth[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(auth);
        md.append(String.format(Locale.ROOT, "%nScreening the park's prospects through POST /api/screenings (default criteria, "
                + "BLEND, top 100, saved): %,d candidates, %,d excluded; first call (criteria computed) %.0f ms; "
                + "then p50 %.0f ms, p99 %.0f ms over %d calls. Baseline GET /api/screenings/criteria by the same "
                + "caller (HTTP + Basic authentication): p50 %.0f ms, p99 %.0f ms.%n", first.getInt("candidates"),
                first.getList("excluded").size(), firstMs, ms[ms.length / 2], ms[ms.length - 1], ms.length,
                auth[auth.length / 2], auth[auth.length - 1]));
        Files.writeString(dir.resolve("import.md"), md.toString());
        System.out.println("\n==== import benchmark ====\n" + md);
        Files.deleteIfExists(zip);
        targets.assertAllMet();
    }

    /** Plain COPY of each CSV of the bundle into an unindexed table with the same column types. */
    private Map<String, Double> baselineCopy(Path zip, Map<String, Long> rows) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile()); Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String f : FILES) {
                try (Statement st = c.createStatement()) {
                    st.execute("drop table if exists plain_" + f);
                    st.execute("create table plain_" + f + " (like " + f + " excluding all)");
                    // plain tables carry only the bundle's columns
                    st.execute("alter table plain_" + f + " drop column if exists id, drop column if exists updated_at,"
                            + " drop column if exists version, drop column if exists recorded_at");
                }
                String header;
                try (InputStream in = z.getInputStream(z.getEntry(f + ".csv"))) {
                    header = new String(in.readNBytes(4096), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
                }
                long t0 = System.nanoTime();
                long n;
                try (InputStream in = z.getInputStream(z.getEntry(f + ".csv"))) {
                    n = copy.copyIn("copy plain_" + f + " (" + header + ") from stdin with (format csv, header)", in);
                }
                seconds.put(f, (System.nanoTime() - t0) / 1e9);
                rows.put(f, n);
            }
            try (Statement st = c.createStatement()) {
                for (String f : FILES) {
                    st.execute("drop table plain_" + f);
                }
            }
        }
        return seconds;
    }

    private static String apiName(String file) {
        String[] parts = file.split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /** Samples the used heap every 50 ms and keeps the highest value. */
    static final class PeakHeap {
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        void start() {
            System.gc();
            sampler.scheduleAtFixedRate(() -> {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }

        long peak() {
            return peak.get();
        }
    }
}
