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

    /** The default model's percentile indicators (scored against the firm's peers, so they depend on the park). */
    public static final java.util.List<String> PERCENTILE = java.util.List.of("Q01", "F05", "F06", "F07");

    /**
     * Points of the {@link #soundFirm} on the default model's 31 indicators that depend neither on its
     * peers nor on the on-site sheet, worked out by hand from the fixture's statements (fiscal year y:
     * assets 10M, liabilities 4M, current assets 6M / liabilities 2M, inventory 1M, equity 6M, revenue
     * 12M, cost 8M, operating profit 2M, net profit 1.5M, interest 0.1M, operating cash flow 1.5M,
     * R&D 0.7M, contracts 10M / 9.9M; y−1: assets 9M, equity 5.4M, revenue 10M, operating profit 1.7M),
     * its events (tax grade A, three honours, two donations) and registration (2015, capital 5M, 3 + 1 IP).
     * The rating day must be ten years or more after 2015-03-01 and within 36 months of the events.
     */
    public static Map<String, Double> soundFirmFixedPoints() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("Q02", 2.0); // ≥ 10 years in business: 2 × 1
        p.put("Q05", 2.0); // equity 6M / 5.4M − 1 = +11 % ≥ 0: 2 × 1
        p.put("Q06", 0.8); // 3 patents + 1 software copyright = 4, band "≥ 1": 2 × 0.4
        p.put("Q07", 2.0); // R&D 0.7M / revenue 12M = 5.8 % ≥ 5 %
        p.put("M03", 2.0); // no failed quality check
        p.put("M05", 3.0); // no safety violation
        p.put("M07", 2.0); // one running loan ≥ 1
        p.put("F01", 3.0); // debt to asset 4M / 10M = 0.4 = full mark
        p.put("F02", 2.5); // interest cover (2M + 0.1M) / 0.1M = 21 ≥ 6
        p.put("F03", 2.5); // quick ratio (6M − 1M) / 2M = 2.5 ≥ 1
        p.put("F04", 2.0); // cash flow 1.5M / current liabilities 2M = 0.75 ≥ 0.4
        p.put("F08", 2.0); // cash recovery 1.5M / average assets 9.5M = 0.158 ≥ 0.1
        p.put("F09", 2.5); // ROE 1.5M / average equity 5.7M = 0.263 ≥ 0.15
        p.put("F10", 2.5); // ROA (2M + 0.1M) / 9.5M = 0.221 ≥ 0.1
        p.put("F11", 2.0); // sales margin 2M / 12M = 0.167 ≥ 0.15
        p.put("F12", 2.0); // cost-expense margin 2M / 8M = 0.25 ≥ 0.2
        p.put("F13", 2.0); // capital return 1.5M / registered 5M = 0.3 ≥ 0.2
        p.put("F14", 2.0); // sales growth 12M / 10M − 1 = 0.2 ≥ 0.1
        p.put("F15", 2.0); // capital maintenance 6M / 5.4M = 1.11 ≥ 1.05
        p.put("F16", 2.0); // profit growth 2M / 1.7M − 1 = 0.18 ≥ 0.1
        p.put("F17", 2.0); // asset growth 10M / 9M − 1 = 0.11 ≥ 0.1
        p.put("F18", 3.0); // contracts 9.9M / 10M = 0.99 ≥ 0.98
        p.put("I01", 4.0); // no administrative penalty
        p.put("I02", 3.0); // no lawsuit
        p.put("I03", 2.0); // no complaint
        p.put("I04", 3.0); // tax grade A (4) ≥ 4
        p.put("I05", 2.0); // three honours ≥ 3
        p.put("I06", 4.0); // no bad loan
        p.put("S01", 2.0); // two donations ≥ 2
        p.put("S02", 2.0); // no wage arrears
        p.put("S04", 2.0); // no social insurance arrears
        return p;
    }

    /** The grade bands of DOMAIN.md §5, written out: AAA ≥ 90, AA ≥ 80, A ≥ 70, B ≥ 50, C ≥ 10. */
    public static String gradeOf(double score) {
        if (score >= 90) {
            return "AAA";
        }
        if (score >= 80) {
            return "AA";
        }
        if (score >= 70) {
            return "A";
        }
        if (score >= 50) {
            return "B";
        }
        return score >= 10 ? "C" : null;
    }

    /**
     * Checks a sound firm's scored indicators ({@code indicators}: code → points) against the hand-worked
     * points and the on-site sheet, and returns the score they add up to: the fixed points, the sheet,
     * and the four percentile indicators as scored (each within its weight).
     */
    public static double expectedSoundFirmScore(Map<String, Double> indicators, Map<String, Double> onsite) {
        double score = 0;
        for (var e : soundFirmFixedPoints().entrySet()) {
            org.assertj.core.api.Assertions.assertThat(indicators.get(e.getKey())).as(e.getKey())
                    .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(0.005));
            score += e.getValue();
        }
        for (var e : onsite.entrySet()) {
            org.assertj.core.api.Assertions.assertThat(indicators.get(e.getKey())).as(e.getKey())
                    .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(0.005));
            score += e.getValue();
        }
        Map<String, Double> weights = Map.of("Q01", 3.0, "F05", 2.0, "F06", 2.0, "F07", 2.0);
        for (String code : PERCENTILE) {
            org.assertj.core.api.Assertions.assertThat(indicators.get(code)).as(code).isBetween(0.0, weights.get(code));
            score += indicators.get(code);
        }
        org.assertj.core.api.Assertions.assertThat(indicators).hasSize(45);
        return score;
    }

    /** code → points of the {@code result.indicators} list of a scored application. */
    public static Map<String, Double> indicatorPoints(io.restassured.path.json.JsonPath json, String path) {
        Map<String, Double> points = new LinkedHashMap<>();
        for (Map<String, Object> line : json.<Map<String, Object>>getList(path)) {
            points.put((String) line.get("code"), ((Number) line.get("points")).doubleValue());
        }
        return points;
    }
}
