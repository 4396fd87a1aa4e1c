package io.parkcredit.testing;

import static io.parkcredit.testing.Fixtures.asAdmin;

import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small park whose firms fall on each list when classified for a given year (DOMAIN.md §4):
 * a RED borrower who repaid on time, a WHITE loan-free firm with revenue, a YELLOW firm in
 * arrears while cash flows in, and a NONE firm with a serious record. Names share a tag so a
 * search finds exactly these four.
 */
public final class ClassificationFixtures {

    private ClassificationFixtures() {
    }

    public record Park(int year, String tag, String bank, String red, String white, String yellow, String none) {
        public String name(String uscc) {
            String kind = uscc.equals(red) ? "守信" : uscc.equals(white) ? "培育" : uscc.equals(yellow) ? "逃债" : "失信";
            return tag + kind + "公司";
        }
    }

    public static Park park(int y) {
        String tag = "分类" + y + "测" + Fixtures.newCode("").substring(0, 4);
        Park p = new Park(y, tag, Fixtures.newCode("BK"), Fixtures.newUscc(), Fixtures.newUscc(), Fixtures.newUscc(),
                Fixtures.newUscc());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + p.bank() + ",分类测试银行,BANK\n");
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER
                + Fixtures.enterpriseRow(p.red(), p.name(p.red()))
                + Fixtures.enterpriseRow(p.white(), p.name(p.white()))
                + Fixtures.enterpriseRow(p.yellow(), p.name(p.yellow()))
                + Fixtures.enterpriseRow(p.none(), p.name(p.none())));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + p.bank() + ",R-" + p.red() + "," + p.red() + ",500000," + y + "-03-01," + (y + 1) + "-03-01,\n"
                + p.bank() + ",Y-" + p.yellow() + "," + p.yellow() + ",100000," + (y - 1) + "-06-01," + y + "-06-01,\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR,S-" + p.none() + "," + p.none() + ",ADMIN_PENALTY,SERIOUS," + y + "-05-01,50000,,重大环保处罚,,\n");
        files.put("financial_statements", "uscc,year,revenue\n" + p.white() + "," + y + ",2000000\n"
                + p.none() + "," + y + ",900000\n");
        files.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + "IN-" + p.yellow() + "," + p.yellow() + "," + y + "-11-30,IN,250000,,大客户\n");
        Fixtures.importBundle(files);
        return p;
    }

    /** Runs the year's classification through the API and returns the run. */
    public static JsonPath run(int year) {
        return asAdmin().post("/api/classifications/" + year + "/runs").then().statusCode(201).extract().jsonPath();
    }

    public static void publish(int year, long runId) {
        asAdmin().post("/api/classifications/" + year + "/runs/" + runId + "/publish").then().statusCode(200);
    }

    public static String listOf(int year, long runId, String uscc) {
        return asAdmin().get("/api/classifications/" + year + "/runs/" + runId + "/results?q=" + uscc).then()
                .statusCode(200).extract().jsonPath().getString("items[0].list");
    }
}
