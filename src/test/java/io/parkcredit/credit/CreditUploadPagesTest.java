package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.credit.CreditScenarioTest.Firm;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The objection and repair forms of the /credit pages take evidence files (multipart): the same
 * type, content and size checks as the API; a refused file leaves nothing behind; a file is served
 * to its firm and the park, never to another firm.
 */
@QuarkusTest
class CreditUploadPagesTest {

    static final byte[] PDF = "%PDF-1.4\n% 结清证明\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Inject
    Clock clock;

    @Test
    void anObjectionFormCarriesItsFilesAndARefusedFileLeavesNothing() {
        Firm f = CreditScenarioTest.firm("附件", "2025-01-10", "2028-06-30", null);
        Firm other = CreditScenarioTest.firm("旁人", "2025-01-10", "2028-06-30", null);
        String loanRef = f.bank() + "/" + f.loanNo();
        Cookies firm = UnderObjectionMarksTest.signIn(f.user(), "password-" + f.user());

        // a text file, a PNG declared as a PDF and a file over 1 MiB are refused naming the files; nothing is stored
        objection(firm, f, loanRef, "说明.txt", "text/plain", "这不是PDF".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(422);
        objection(firm, f, loanRef, "伪装.pdf", "application/pdf", PNG).then().statusCode(422);
        byte[] big = Arrays.copyOf(PDF, AttachmentService.MAX_BYTES + 1);
        String refused = objection(firm, f, loanRef, "过大.pdf", "application/pdf", big).then().statusCode(422).extract()
                .asString();
        assertThat(refused).contains("id=\"credit-error\"").contains("1048576");
        // the forms are bounded as every route but the bundle upload (BodyLimits): a body over 2 MiB is 413
        // before it is read, a body of unknown length (chunked, as this client sends a file part) is 411
        objection(firm, f, loanRef, "巨大.pdf", "application/pdf", Arrays.copyOf(PDF, 3 * 1024 * 1024)).then()
                .statusCode(413);
        given().cookies(firm).redirects().follow(false).multiPart("uscc", f.uscc()).multiPart("itemType", "LOAN")
                .multiPart("itemRef", loanRef).multiPart("reason", "x").multiPart("files", "结清证明.pdf", PDF, "application/pdf")
                .post("/credit/objections").then().statusCode(411);
        assertThat(asUser(f.user()).get("/api/objections").then().statusCode(200).extract().jsonPath().getInt("total"))
                .isZero();

        // a PDF goes with the objection
        objection(firm, f, loanRef, "结清证明.pdf", "application/pdf", PDF).then().statusCode(303);
        JsonPath mine = asUser(f.user()).get("/api/objections").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getInt("total")).isEqualTo(1);
        assertThat(mine.getString("items[0].itemRef")).isEqualTo(loanRef);
        assertThat(mine.getList("items[0].attachments.fileName")).containsExactly("结清证明.pdf");
        assertThat(mine.getList("items[0].attachments.contentType")).containsExactly("application/pdf");
        assertThat(mine.getList("items[0].attachments.size")).containsExactly(PDF.length);
        long file = mine.getLong("items[0].attachments[0].id");
        // the firm's page links it; the firm and the park open it, another firm does not learn it exists
        assertThat(given().cookies(firm).get("/credit").then().statusCode(200).extract().asString())
                .contains("href=\"/credit/attachments/" + file + "\"");
        assertThat(given().cookies(firm).get("/credit/attachments/" + file).then().statusCode(200)
                .header("Content-Type", "application/pdf").extract().asByteArray()).isEqualTo(PDF);
        Cookies park = UnderObjectionMarksTest.signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        assertThat(given().cookies(park).get("/credit/attachments/" + file).then().statusCode(200).extract().asByteArray())
                .isEqualTo(PDF);
        Cookies stranger = UnderObjectionMarksTest.signIn(other.user(), "password-" + other.user());
        given().cookies(stranger).get("/credit/attachments/" + file).then().statusCode(404);
        asUser(other.user()).get("/api/attachments/" + file).then().statusCode(404);
        // the upload is audited
        assertThat(asAdmin().get("/api/audit?targetType=objection&targetKey=" + mine.getLong("items[0].id")).then()
                .statusCode(200).extract().jsonPath().getList("items.action"))
                .containsExactly("ATTACHMENT_ADDED", "OBJECTION_SUBMITTED");
    }

    @Test
    void aRepairFormCarriesItsEvidenceFiles() {
        LocalDate occurred = LocalDate.now(clock).minusMonths(5);
        Firm f = CreditScenarioTest.firm("修复附件", "2025-01-10", "2028-06-30", null);
        String eventNo = Fixtures.newCode("UP-");
        asAdmin().contentType("application/json").body(Map.of("source", "SAMR", "eventNo", eventNo, "uscc", f.uscc(),
                "type", "ADMIN_PENALTY", "severity", "GENERAL", "occurredOn", occurred.toString(), "title", "未按规定公示"))
                .post("/api/credit-events").then().statusCode(201);
        long promise = CreditScenarioTest.commitment(f.user(), f.uscc(), "REPAIR", "整改修复承诺");
        Cookies firm = UnderObjectionMarksTest.signIn(f.user(), "password-" + f.user());
        new Form().field("uscc", f.uscc()).field("itemRef", "SAMR/" + eventNo).field("evidence", "罚款缴纳凭证\n整改报告")
                .field("commitmentId", Long.toString(promise)).file("files", "缴款凭证.png", "image/png", PNG)
                .file("files", "整改报告.pdf", "application/pdf", PDF).post(firm, "/credit/repairs").then().statusCode(303);
        JsonPath repairs = asUser(f.user()).get("/api/repairs").then().statusCode(200).extract().jsonPath();
        assertThat(repairs.getList("items.itemRef")).containsExactly("SAMR/" + eventNo);
        assertThat(repairs.getList("items[0].evidence")).containsExactly("罚款缴纳凭证", "整改报告");
        assertThat(repairs.getList("items[0].attachments.fileName")).containsExactly("缴款凭证.png", "整改报告.pdf");
        assertThat(repairs.getList("items[0].attachments.size")).containsExactly(PNG.length, PDF.length);
        // a form whose file input was left empty posts a nameless empty part: no file, the objection is taken
        new Form().field("uscc", f.uscc()).field("itemType", "LOAN").field("itemRef", f.bank() + "/" + f.loanNo())
                .field("reason", "本金有误").file("files", "", "application/octet-stream", new byte[0])
                .post(firm, "/credit/objections").then().statusCode(303);
        assertThat(asUser(f.user()).get("/api/objections").then().statusCode(200).extract().jsonPath()
                .getList("items[0].attachments")).isEmpty();
    }

    static Response objection(Cookies cookies, Firm f, String ref, String name, String type, byte[] content) {
        return new Form().field("uscc", f.uscc()).field("itemType", "LOAN").field("itemRef", ref)
                .field("reason", "该笔贷款已结清").file("files", name, type, content).post(cookies, "/credit/objections");
    }

    /**
     * A multipart/form-data body as a browser sends it, with its Content-Length (the pages refuse a
     * body of unknown length outside the bundle upload).
     */
    static final class Form {
        private static final String BOUNDARY = "----ParkCreditFormBoundary7MA4YWxkTrZu0gW";
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

        Form field(String name, String value) {
            part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n", value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Form file(String name, String fileName, String type, byte[] content) {
            part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                    + type + "\r\n\r\n", content);
            return this;
        }

        private void part(String head, byte[] content) {
            body.writeBytes(("--" + BOUNDARY + "\r\n" + head).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }

        Response post(Cookies cookies, String path) {
            byte[] bytes = java.util.Arrays.copyOf(body.toByteArray(), body.size());
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(bytes);
            all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return given().cookies(cookies).redirects().follow(false)
                    .contentType("multipart/form-data; boundary=" + BOUNDARY).body(all.toByteArray()).post(path);
        }
    }
}
