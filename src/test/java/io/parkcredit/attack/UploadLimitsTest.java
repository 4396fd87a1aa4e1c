package io.parkcredit.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/** Bodies past their route's limit, zip bombs and zips of too many files: refused by name, nothing written. */
@QuarkusTest
class UploadLimitsTest {

    @Test
    void aZipBombIsRefusedNamingTheFileAndNothingIsImported() throws IOException {
        String uscc = Fixtures.newUscc();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("enterprises.csv"));
            zip.write((Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, "炸弹公司")).getBytes(StandardCharsets.UTF_8));
            byte[] blank = new byte[1 << 20];
            java.util.Arrays.fill(blank, (byte) '\n');
            for (int i = 0; i < 64; i++) {
                zip.write(blank);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(200_000);
        Response r = Fixtures.asAdmin().contentType("application/zip").body(bytes.toByteArray()).post("/api/bundles");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("errors[0].file")).isEqualTo("enterprises.csv");
        assertThat(r.jsonPath().getString("errors[0].message")).contains("parkcredit.bundle.max-compression-ratio");
        Fixtures.asAdmin().get("/api/enterprises/" + uscc).then().statusCode(404);
    }

    @Test
    void aSpreadsheetNumberWhosePlainFormIsAGigabyteIsRefusedByCell() throws IOException {
        String uscc = Fixtures.newUscc();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "ParkCredit", "1.0");
        Worksheet ent = wb.newWorksheet("enterprises");
        String[] header = Fixtures.ENTERPRISES_HEADER.strip().split(",");
        for (int c = 0; c < header.length; c++) {
            ent.value(0, c, header[c]);
        }
        ent.value(1, 0, uscc);
        ent.value(1, 1, "巨数公司");
        ent.value(1, 2, "2016-08-09");
        ent.value(1, 3, "C3412");
        ent.value(1, 4, new BigDecimal("1e999999999")); // written as the number cell 1E+999999999
        ent.value(1, 5, 88);
        ent.value(1, 6, "ACTIVE");
        ent.value(1, 9, true);
        wb.finish();
        Response r = Fixtures.asAdmin().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(bytes.toByteArray()).post("/api/bundles");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getString("errors[0].column")).isEqualTo("registered_capital");
        assertThat(r.jsonPath().getInt("errors[0].line")).isEqualTo(2);
        assertThat(r.jsonPath().getString("errors[0].message")).contains("too large");
        Fixtures.asAdmin().get("/api/enterprises/" + uscc).then().statusCode(404);
    }

    @Test
    void aZipOfAHundredThousandFilesIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 100_000; i++) {
                zip.putNextEntry(new ZipEntry("f" + i + ".txt"));
                zip.closeEntry();
            }
        }
        Response r = Fixtures.asAdmin().contentType("application/zip").body(bytes.toByteArray()).post("/api/bundles");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getString("errors[0].file")).isEqualTo("(bundle)");
        assertThat(r.jsonPath().getString("errors[0].message"))
                .isEqualTo("holds 100000 files; at most 1000 (parkcredit.bundle.max-entries)");
    }

    @Test
    void aLargeBodyOutsideTheBundleRoutesIs413BeforeItIsRead() {
        byte[] body = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        Response r = Fixtures.asAdmin().contentType("application/json").body(body).post("/api/financing-requests");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("detail")).isEqualTo("the body has 3145728 bytes; this route accepts at most "
                + "2097152 (parkcredit.http.max-body-size)");
        // the same size is an ordinary bundle upload
        Response bundle = Fixtures.asAdmin().contentType("application/zip").body(body).post("/api/bundles");
        assertThat(bundle.statusCode()).isEqualTo(422);
        assertThat(bundle.jsonPath().getString("errors[0].message")).startsWith("not a zip file");
    }
}
