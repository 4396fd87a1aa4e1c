package io.parkcredit.testing;

import static io.parkcredit.testing.Fixtures.asAdmin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Firms for the rating workflow (DOMAIN.md §5): a sound firm that qualifies and scores high (good
 * ratios for the fiscal year and the year before, revenue every year, honours, tax grade A, a loan
 * running to {@code loanDue} with its bank), and a young firm without statements that fails the
 * qualification check.
 */
public final class RatingFixtures {

    private RatingFixtures() {
    }

    public static final String STATEMENT_HEADER = "uscc,year,total_assets,total_liabilities,current_assets,"
            + "current_liabilities,inventory,cash,accounts_receivable,equity,revenue,cost_of_sales,operating_profit,"
            + "net_profit,interest_expense,operating_cash_flow,retained_earnings,rd_expense,contracts_signed,"
            + "contracts_fulfilled\n";

    /** All on-site indicators of the default model at full points. */
    public static Map<String, Double> fullOnsite() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String c : new String[] {"Q03", "Q04", "M01", "M02", "M04", "M06", "I07", "S03"}) {
            m.put(c, 2.0);
        }
        m.put("S05", 1.0);
        m.put("S06", 1.0);
        return m;
    }

    /**
     * Imports a sound firm with statements for {@code fiscalYear − 3 … fiscalYear} and returns its USCC.
     *
     * @param bank    lender code of a running loan (started a year before, due at {@code loanDue})
     */
    public static String soundFirm(String name, int fiscalYear, String bank, String loanDue) {
        String uscc = Fixtures.newUscc();
        int y = fiscalYear;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("institutions", "code,name,kind\n" + bank + ",评级测试银行,BANK\n");
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, name));
        files.put("financial_statements", STATEMENT_HEADER
                + uscc + "," + (y - 3) + ",8000000,3400000,4500000,1700000,800000,1500000,800000,4600000,8000000,5600000,1300000,900000,90000,1000000,500000,300000,8000000,7800000\n"
                + uscc + "," + (y - 2) + ",8500000,3500000,4800000,1750000,850000,1600000,850000,5000000,9000000,6300000,1500000,1000000,95000,1100000,600000,400000,9000000,8800000\n"
                + uscc + "," + (y - 1) + ",9000000,3600000,5000000,1800000,900000,1800000,900000,5400000,10000000,7000000,1700000,1200000,100000,1300000,800000,500000,9500000,9300000\n"
                + uscc + "," + y + ",10000000,4000000,6000000,2000000,1000000,2000000,1000000,6000000,12000000,8000000,2000000,1500000,100000,1500000,1000000,700000,10000000,9900000\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "TAX,T-" + uscc + "," + uscc + ",TAX_CREDIT_GRADE,," + y + "-04-30,,A,纳税信用A级,,\n"
                + "GOV,H1-" + uscc + "," + uscc + ",HONOR,," + y + "-05-01,,,优秀民营企业,,\n"
                + "GOV,H2-" + uscc + "," + uscc + ",HONOR,," + y + "-06-01,,,守合同重信用企业,,\n"
                + "GOV,H3-" + uscc + "," + uscc + ",HONOR,," + y + "-07-01,,,科技创新奖,,\n"
                + "NGO,C1-" + uscc + "," + uscc + ",CHARITY,," + y + "-08-01,50000,,助学捐赠,,\n"
                + "NGO,C2-" + uscc + "," + uscc + ",CHARITY,," + y + "-09-01,30000,,抗洪捐赠,,\n");
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + bank + ",RT-" + uscc + "," + uscc + ",500000," + y + "-03-01," + loanDue + ",\n");
        Fixtures.importBundle(files);
        return uscc;
    }

    /** A firm registered last year without statements: fails qualification. */
    public static String youngFirm(String name, int thisYear) {
        String uscc = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + uscc + "," + name + ","
                + (thisYear - 1) + "-01-15,C3110,1000000,20,ACTIVE,李娜,13800138000,true,舞钢市朱兰路8号,0,0\n"));
        return uscc;
    }

    public static long apply(String user, String uscc) {
        return Fixtures.asUser(user).contentType("application/json").body(Map.of("uscc", uscc))
                .post("/api/ratings/applications").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static io.restassured.response.ValidatableResponse step(String user, long id, String step, Object body) {
        var spec = user == null ? asAdmin() : Fixtures.asUser(user);
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        return spec.post("/api/ratings/applications/" + id + "/" + step).then();
    }
}
