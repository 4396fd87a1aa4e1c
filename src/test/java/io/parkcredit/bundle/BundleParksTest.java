package io.parkcredit.bundle;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Bundles import into a park and export a park (DOMAIN.md §3, §10.3). */
@QuarkusTest
class BundleParksTest {

    private static final String LOANS = "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n";

    @Test
    void aParkAdminImportsIntoItsParkAndAnotherParksFirmIsRejectedWithNothingWritten() {
        int park = ParkFixtures.newPark("导入园");
        String code = ParkFixtures.code(park);
        String parkAdmin = ParkFixtures.userIn(park, "ADMIN", null, null);
        String defaultFirm = Fixtures.newEnterprise("默认园老企业");

        String fresh = Fixtures.newUscc();
        asUser(parkAdmin).contentType("application/zip").body(Fixtures.zip(Map.of("enterprises",
                Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(fresh, "导入园新企业")))).post("/api/bundles")
                .then().statusCode(200).body("imported.enterprises", is(1));
        asUser(parkAdmin).get("/api/enterprises/" + fresh).then().statusCode(200).body("name", equalTo("导入园新企业"));
        String defaultAdmin = ParkFixtures.userIn(1, "ADMIN", null, null);
        asUser(defaultAdmin).get("/api/enterprises/" + fresh).then().statusCode(404);
        asAdmin().get("/api/audit?action=&targetType=bundle&targetKey=" + code).then().statusCode(200)
                .body("items[0].action", equalTo("BUNDLE_IMPORTED")).body("items[0].actor", equalTo(parkAdmin));

        // a bundle naming the default park's firm (line 3) and a new firm (line 2): rejected whole
        String second = Fixtures.newUscc();
        asUser(parkAdmin).contentType("application/zip").body(Fixtures.zip(Map.of("enterprises",
                Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(second, "不应写入") + Fixtures.enterpriseRow(defaultFirm,
                        "改名企图"), "loans", LOANS + "B1,PK-1," + defaultFirm + ",1000,2020-01-01,2021-01-01,\n"
                                + "B1,PK-2," + fresh + ",1000,2020-01-01,2021-01-01,\n")))
                .post("/api/bundles").then().statusCode(422)
                .body("errors.size()", is(2))
                .body("errors[0].file", equalTo("enterprises.csv")).body("errors[0].line", is(3))
                .body("errors[0].column", equalTo("uscc"))
                .body("errors[0].message", equalTo("enterprise " + defaultFirm + " belongs to another park"))
                .body("errors[1].file", equalTo("loans.csv")).body("errors[1].line", is(2))
                .body("errors[1].column", equalTo("uscc"))
                .body("errors[1].message", equalTo("enterprise " + defaultFirm + " belongs to another park"));
        asAdmin().get("/api/enterprises/" + second).then().statusCode(404);
        asAdmin().get("/api/enterprises/" + defaultFirm).then().statusCode(200).body("name", equalTo("默认园老企业"));
        asAdmin().get("/api/enterprises/" + fresh + "/loans").then().statusCode(200).body("size()", is(0));

        // institutions of another park likewise
        String bank = ParkFixtures.institutionIn(1, "BANK");
        asUser(parkAdmin).contentType("application/zip").body(Fixtures.zip(Map.of("institutions",
                "code,name,kind\n" + bank + ",改名银行,BANK\n"))).post("/api/bundles").then().statusCode(422)
                .body("errors[0].file", equalTo("institutions.csv")).body("errors[0].line", is(2))
                .body("errors[0].column", equalTo("code"))
                .body("errors[0].message", equalTo("institution " + bank + " belongs to another park"));

        // a park ADMIN cannot import into another park
        asUser(parkAdmin).contentType("application/zip").body(Fixtures.zip(Map.of("enterprises",
                Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(Fixtures.newUscc(), "越权")))).post("/api/bundles?park=PARK")
                .then().statusCode(404);
    }

    @Test
    void aRegionAdminNamesTheParkAndEachParkExportsItsOwn() throws IOException {
        int park = ParkFixtures.newPark("区域导入园");
        String code = ParkFixtures.code(park);
        String there = Fixtures.newUscc();
        asAdmin().contentType("application/zip").body(Fixtures.zip(Map.of("enterprises",
                Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(there, "区域导入企业"), "loans",
                LOANS + "B1,RG-" + there + "," + there + ",5000,2020-01-01,2021-01-01,\n")))
                .post("/api/bundles?park=" + code).then().statusCode(200).body("imported.enterprises", is(1));
        String parkAdmin = ParkFixtures.userIn(park, "ADMIN", null, null);
        asUser(parkAdmin).get("/api/enterprises/" + there).then().statusCode(200);
        // without the parameter: the default park, as before
        String here = Fixtures.newEnterprise("默认导入企业");
        asUser(parkAdmin).get("/api/enterprises/" + here).then().statusCode(404);
        asAdmin().contentType("application/zip").body(Fixtures.zip(Map.of("enterprises",
                Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(Fixtures.newUscc(), "无此园")))).post("/api/bundles?park=NOPE")
                .then().statusCode(404);

        Map<String, String> export = unzip(asUser(parkAdmin).get("/api/bundles/export").then().statusCode(200).extract()
                .asByteArray());
        assertThat(export.get("enterprises.csv")).contains(there).doesNotContain(here);
        assertThat(export.get("enterprises.csv").lines().count()).isEqualTo(2);
        assertThat(export.get("loans.csv")).contains("RG-" + there);
        assertThat(export.get("loans.csv").lines().count()).isEqualTo(2);
        Map<String, String> whole = unzip(asAdmin().get("/api/bundles/export").then().statusCode(200).extract().asByteArray());
        assertThat(whole.get("enterprises.csv")).contains(there, here);
    }

    static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                out.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
