package io.parkcredit.bundle;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Export → empty registry → import reproduces the data: every cell the export writes is the cell
 * that was imported (normalised: numbers without trailing zeros, empty cells as their defaults), and
 * the second export is identical, file by file, to the first (API.md "importing it into an empty
 * instance reproduces the data").
 */
@QuarkusTest
class ExportRoundTripTest {

    @Inject
    DataSource dataSource;

    @Test
    void exportThenImportIntoAnEmptyRegistryReproducesTheData() throws Exception {
        // the registry holds exactly what this test imports: a demo park with every kind of row, and a firm
        // with quotes, commas, a line break and Chinese text (written with default status and two empty counts)
        emptyRegistry();
        String quoted = Fixtures.ENTERPRISES_HEADER
                + Fixtures.newUscc() + ",\"逗号,引号\"\"公司\",2015-03-01,C3110,5000000.50,120,,张伟,13800138000,false,\"多行\n地址\",,\n";
        Fixtures.importBundle(Map.of("enterprises", quoted));
        byte[] demo = demoPark();
        asAdmin().contentType("application/zip").body(demo).post("/api/bundles").then().statusCode(200);

        Map<String, String> first = unzip(asAdmin().get("/api/bundles/export").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray());
        assertThat(first.keySet()).containsExactly("institutions.csv", "enterprises.csv", "loans.csv",
                "credit_events.csv", "financial_statements.csv", "transactions.csv");

        // every cell of every exported file is the cell imported (normalised), and no row is missing or extra
        Map<String, String> imported = unzip(demo);
        imported.put("enterprises.csv", imported.get("enterprises.csv") + quoted.substring(quoted.indexOf('\n') + 1));
        assertThat(imported.keySet()).isEqualTo(first.keySet());
        for (String file : first.keySet()) {
            Map<String, Map<String, String>> expected = rows(file, imported.get(file));
            Map<String, Map<String, String>> actual = rows(file, first.get(file));
            assertThat(actual.keySet()).as(file + " keys").isEqualTo(expected.keySet());
            Set<String> exportedColumns = actual.values().iterator().next().keySet();
            for (var row : expected.entrySet()) {
                // a column the bundle left out holds its default
                exportedColumns.forEach(col -> row.getValue().putIfAbsent(col, normalised(file, col, "")));
                assertThat(actual.get(row.getKey())).as(file + " row " + row.getKey()).isEqualTo(row.getValue());
            }
        }
        assertThat(rows("enterprises.csv", first.get("enterprises.csv")).values()).filteredOn(r -> r.get("name").equals("逗号,引号\"公司"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("address")).isEqualTo("多行\n地址");
                    assertThat(r.get("registered_capital")).isEqualTo("5000000.5");
                    assertThat(r.get("status")).isEqualTo("ACTIVE");
                    assertThat(r.get("in_park")).isEqualTo("false");
                    assertThat(r.get("patents")).isEqualTo("0");
                });

        emptyRegistry();
        asAdmin().get("/api/enterprises").then().body("total", org.hamcrest.Matchers.is(0));

        // a first load into empty tables that SQL finds fault with is reported line by line, and writes nothing
        String firm = Fixtures.newUscc();
        Map<String, String> faulty = new LinkedHashMap<>();
        faulty.put("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(firm, "首次导入公司"));
        faulty.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + "B1,L1," + Fixtures.newUscc() + ",100,2024-01-01,2025-01-01,\n");
        faulty.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "T1," + firm + ",2025-01-01,IN,10,,\nT1," + firm + ",2025-01-02,IN,10,,\n");
        var rejected = asAdmin().contentType("application/zip").body(Fixtures.zip(faulty)).post("/api/bundles")
                .then().statusCode(422).extract().jsonPath();
        assertThat(rejected.getList("errors", Map.class)).extracting(e -> e.get("file") + ":" + e.get("line") + ":" + e.get("column"))
                .containsExactlyInAnyOrder("loans.csv:2:uscc", "transactions.csv:3:txn_id");
        asAdmin().get("/api/enterprises").then().body("total", org.hamcrest.Matchers.is(0));
        // a repeated key alone (no unknown firm) is found when the unique index cannot be built
        faulty.remove("loans");
        asAdmin().contentType("application/zip").body(Fixtures.zip(faulty)).post("/api/bundles")
                .then().statusCode(422).body("errors[0].line", org.hamcrest.Matchers.is(3));
        asAdmin().get("/api/enterprises").then().body("total", org.hamcrest.Matchers.is(0));

        asAdmin().contentType("application/zip").body(zipOf(first)).post("/api/bundles").then().statusCode(200);
        Map<String, String> second = unzip(asAdmin().get("/api/bundles/export").then().statusCode(200)
                .extract().asByteArray());
        for (String file : first.keySet()) {
            assertThat(second.get(file)).as(file).isEqualTo(first.get(file));
        }
        assertThat(first.get("transactions.csv").lines().count()).isGreaterThan(100);
        asAdmin().get("/api/audit?targetType=bundle&size=1").then().body("items[0].action",
                org.hamcrest.Matchers.equalTo("BUNDLE_EXPORTED"));
    }

    /** Key columns of each bundle file (DOMAIN.md §3), written here rather than read from the exporter. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "institutions.csv", List.of("code"),
            "enterprises.csv", List.of("uscc"),
            "loans.csv", List.of("lender_code", "loan_no"),
            "credit_events.csv", List.of("source", "event_no"),
            "financial_statements.csv", List.of("uscc", "year"),
            "transactions.csv", List.of("txn_id"));

    /** What an empty or absent cell of a bundle stands for (API.md, data bundle v1). */
    private static final Map<String, String> DEFAULTS = Map.of(
            "enterprises.csv:status", "ACTIVE",
            "enterprises.csv:in_park", "true",
            "enterprises.csv:patents", "0",
            "enterprises.csv:software_copyrights", "0");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** The rows of one CSV file by key; each row maps every column of the file to its normalised cell. */
    static Map<String, Map<String, String>> rows(String file, String csv) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        List<String> header = null;
        for (CsvRecord rec : CsvReader.builder().allowMissingFields(true).skipEmptyLines(true).ofCsvRecord(csv)) {
            if (header == null) {
                header = rec.getFields().stream().map(String::strip).toList();
                continue;
            }
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), normalised(file, header.get(i), i < rec.getFieldCount() ? rec.getField(i) : ""));
            }
            String key = KEYS.get(file).stream().map(row::get).collect(Collectors.joining("|"));
            assertThat(rows.put(key, row)).as(file + " key " + key + " once").isNull();
        }
        return rows;
    }

    private static String normalised(String file, String column, String cell) {
        String v = cell.strip();
        if (v.isEmpty()) {
            return DEFAULTS.getOrDefault(file + ":" + column, "");
        }
        return NUMBER.matcher(v).matches() && !column.equals("uscc") && !column.endsWith("_mobile")
                ? new BigDecimal(v).stripTrailingZeros().toPlainString() : v;
    }

    private static byte[] demoPark() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        new DemoPark(DemoPark.Settings.demo(40, LocalDate.of(2026, 6, 30))).writeZip(out);
        return out.toByteArray();
    }

    /** Removes every registry row (and the enterprise users bound to firms) so the import starts empty. */
    private void emptyRegistry() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from published_ratings; delete from transactions; delete from financial_statements; delete from credit_events;"
                    + " delete from loans; delete from app_users where uscc is not null or institution_code is not null;"
                    + " delete from enterprises; delete from institutions;");
        }
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static byte[] zipOf(Map<String, String> files) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        files.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return Fixtures.zipBytes(raw);
    }
}
