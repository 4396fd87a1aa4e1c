package io.parkcredit.credit;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The public disclosure (DOMAIN.md §8.4) asked without credentials, on 1 February 1901 (a day no
 * other test publishes anything): the RED list published on 20 January 1901, the grade valid that
 * day, the GENERAL record inside its year, the public commitment — and none of the firms' loans,
 * statements, flows, contacts, private commitments, repaired or minor records.
 */
@QuarkusTest
class PublicityApiTest {

    static final String DAY = "1901-02-01";

    @Inject
    DataSource dataSource;

    @Test
    void anyoneSeesWhatIsPublishedAndNothingPrivate() {
        String tag = "公示" + Fixtures.newCode("T");
        String red = Fixtures.newUscc();
        String graded = Fixtures.newUscc();
        String penalised = Fixtures.newUscc();
        String promising = Fixtures.newUscc();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\nPB" + tag.hashCode() + ",公示测试银行,BANK\n");
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER
                + red + "," + tag + "红名单公司,2015-03-01,C3110,5000000,120,ACTIVE,李秘密,13912345678,true,机密路8号,3,1\n"
                + Fixtures.enterpriseRow(graded, tag + "等级公司") + Fixtures.enterpriseRow(penalised, tag + "处罚公司")
                + Fixtures.enterpriseRow(promising, tag + "承诺公司"));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\nPB" + tag.hashCode()
                + ",SECRET-LOAN-1," + red + ",777777,1900-01-01,1902-01-01,\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR,G-" + penalised + "," + penalised + ",ADMIN_PENALTY,GENERAL,1900-06-01,20000,,超标排放,内部细节,\n"
                + "SAMR,R-" + penalised + "," + penalised + ",ADMIN_PENALTY,GENERAL,1900-06-02,20000,,已修复记录,,1900-12-01\n"
                + "SAMR,M-" + penalised + "," + penalised + ",CONSUMER_COMPLAINT,MINOR,1900-06-03,,,轻微投诉,,\n"
                + "SAMR,O-" + penalised + "," + penalised + ",ADMIN_PENALTY,GENERAL,1900-01-15,,,已过公示期,,\n");
        files.put("financial_statements", "uscc,year,revenue\n" + red + ",1900,8888888\n");
        files.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "SECRET-TXN-" + red + "," + red + ",1900-11-30,IN,250000,,秘密客户\n");
        Fixtures.importBundle(files);
        // the 1900 RED list, published on 20 January 1901; a grade valid through 1903
        long run = FinancingFixtures.rows(dataSource, "insert into classification_runs (year, version, rule_set_id, evaluation_day,"
                + " status, created_by) values (1900, (select coalesce(max(version), 0) + 1 from classification_runs where year = 1900),"
                + " (select min(id) from classification_rule_sets), '1900-12-31', 'DRAFT', 'test') returning id").size();
        assertThat(run).isEqualTo(1);
        FinancingFixtures.sql(dataSource, "insert into classification_results (run_id, uscc, name, list, clauses)"
                + " select max(id), ?, ?, 'RED', '[]' from classification_runs where year = 1900", red, tag + "红名单公司");
        FinancingFixtures.sql(dataSource, "update classification_runs set status = 'PUBLISHED', published_by = 'test',"
                + " published_at = timestamptz '1901-01-20 10:00+08' where year = 1900 and status = 'DRAFT'");
        FinancingFixtures.rating(dataSource, graded, "AA", LocalDate.parse("1901-01-01"), LocalDate.parse("1903-12-31"), null);
        // a public commitment and a private one
        asAdmin().contentType("application/json").body(Map.of("uscc", promising, "kind", "VOLUNTARY", "matter", "按时足额发放工资",
                "text", "承诺。", "signedOn", "1901-01-10", "public", true)).post("/api/commitments").then().statusCode(201);
        asAdmin().contentType("application/json").body(Map.of("uscc", promising, "kind", "VOLUNTARY", "matter", "内部整改计划",
                "text", "承诺。", "signedOn", "1901-01-11")).post("/api/commitments").then().statusCode(201);

        // when anyone asks, without credentials
        String body = given().get("/api/publicity?day=" + DAY + "&q=" + tag).then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonPath page = JsonPath.from(body);

        // then exactly the published entries, in the order lists, grades, records, commitments
        assertThat(page.getInt("total")).isEqualTo(4);
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).containsExactly(
                entry("RED_LIST", red, tag + "红名单公司", "1900 年度园区金融信用红名单", "1901-01-20", null),
                entry("RATING", graded, tag + "等级公司", "企业信用等级 AA", "1901-01-01", "1903-12-31"),
                entry("NEGATIVE_RECORD", penalised, tag + "处罚公司", "行政处罚（一般失信）：超标排放 [SAMR/G-" + penalised + "]",
                        "1900-06-01", "1901-06-01"),
                entry("COMMITMENT", promising, tag + "承诺公司", "主动信用承诺：按时足额发放工资", "1901-01-10", null));
        // nothing private: no loan, statement, flow, contact, address, private commitment or record detail
        for (String secret : List.of("SECRET-LOAN", "777777", "8888888", "SECRET-TXN", "秘密客户", "李秘密", "13912345678",
                "机密路", "内部整改计划", "内部细节", "已修复记录", "轻微投诉", "已过公示期")) {
            assertThat(body).doesNotContain(secret);
        }
        // a kind filters; the RED list of a day before its publication is not shown
        assertThat(given().get("/api/publicity?kind=RATING&day=" + DAY + "&q=" + tag).then().statusCode(200).extract()
                .jsonPath().getList("items.uscc")).containsExactly(graded);
        assertThat(given().get("/api/publicity?kind=RED_LIST&day=1901-01-19&q=" + tag).then().statusCode(200).extract()
                .jsonPath().getList("items")).isEmpty();
        // the record leaves the page the day after its year is over
        assertThat(given().get("/api/publicity?kind=NEGATIVE_RECORD&day=1901-06-02&q=" + tag).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();

        // and the page, without signing in, shows the same and nothing private
        String html = given().accept("text/html").get("/publicity?day=" + DAY + "&q=" + tag).then().statusCode(200)
                .extract().asString();
        assertThat(html).contains(tag + "红名单公司", tag + "等级公司", "超标排放", "按时足额发放工资", "/login");
        for (String secret : List.of("SECRET-LOAN", "777777", "8888888", "李秘密", "13912345678", "内部整改计划", "已修复记录")) {
            assertThat(html).doesNotContain(secret);
        }
        // while the signed-in API stays closed to visitors
        given().get("/api/commitments").then().statusCode(401);
        given().redirects().follow(false).accept("text/html").get("/credit").then().statusCode(302);
    }

    private static Map<String, Object> entry(String kind, String uscc, String name, String basis, String from, String until) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("uscc", uscc);
        m.put("name", name);
        m.put("basis", basis);
        m.put("from", from);
        m.put("until", until);
        return m;
    }
}
