package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue as a decision table (README, "Workbench"): each sort and filter on the API and the page
 * gives exactly the requests and order computed by hand; every sort is one index range (no sort of
 * the queue in the plan); the credit snapshot and the headroom per request.
 */
@QuarkusTest
class WorkbenchQueueTest {

    @Inject
    DataSource ds;

    Inst bank;
    Firm s1;
    Firm s2;
    Firm s3;
    Firm d1;
    Firm d2;
    long r1;
    long r2;
    long r3;
    long r4;
    long r5;
    long r6;

    /** A request routed to the banks by the park, then given the grade and score the test wants. */
    long request(Firm seller, Firm debtor, double amount, double requested, int term, String grade, int score) {
        long id = FinancingFixtures.post(seller, receivable(debtor.uscc(), Fixtures.newCode("Q"), amount, requested, term))
                .getLong("id");
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "队列测试"))
                .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        FinancingFixtures.sql(ds, "update financing_requests set grade = ?, score = ? where id = ?", grade, score, id);
        return id;
    }

    @BeforeEach
    void park() {
        // a bank of its own, so that its queue holds exactly these requests; its product takes any amount
        bank = FinancingFixtures.institution("BANK");
        FinancingFixtures.publish(bank, FinancingFixtures.product("BANK", List.of("EXCELLENT", "MIXED")));
        s1 = FinancingFixtures.firm("队列红名单卖方", "C3110");
        s2 = FinancingFixtures.firm("队列白名单卖方", "F5100");
        s3 = FinancingFixtures.firm("队列新设卖方", "C3910");
        d1 = FinancingFixtures.firm("队列买方一");
        d2 = FinancingFixtures.firm("队列买方二");
        FinancingFixtures.sql(ds, "update enterprises set registered_on = ? where uscc = ?", LocalDate.of(2010, 1, 1), s1.uscc());
        FinancingFixtures.sql(ds, "update enterprises set registered_on = ? where uscc = ?", LocalDate.of(2020, 6, 1), s2.uscc());
        FinancingFixtures.sql(ds, "update enterprises set registered_on = ? where uscc = ?",
                FinancingFixtures.today().minusMonths(6), s3.uscc());
        FinancingFixtures.publishLists(ds, Map.of(s1.uscc(), "RED", s2.uscc(), "WHITE", d2.uscc(), "RED"));
        FinancingFixtures.rating(ds, s1.uscc(), "AA", FinancingFixtures.today().minusMonths(1),
                FinancingFixtures.today().plusMonths(11), null);
        r1 = request(s1, d1, 800_000, 600_000, 90, "EXCELLENT", 92);
        r2 = request(s1, d1, 300_000, 200_000, 60, "EXCELLENT", 80);
        r3 = request(s2, d2, 900_000, 700_000, 180, "EXCELLENT", 85);
        r4 = request(s2, d2, 1_200_000, 550_000, 30, "MIXED", 60);
        r5 = request(s3, d1, 700_000, 650_000, 120, "POOR", 30);
        r6 = request(s1, d1, 1_000_000, 510_000, 150, "EXCELLENT", 78);
    }

    private JsonPath queue(String query) {
        return Fixtures.asUser(bank.user()).get("/api/financing/queue" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(200).extract()
                .jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private List<Long> ids(String query) {
        return queue(query).getList("items.id", Long.class);
    }

    @Test
    void eachSortAndFilterGivesTheRequestsInTheOrderComputedByHand() {
        assertThat(ids("")).containsExactly(r6, r5, r4, r3, r2, r1);
        assertThat(ids("dir=asc")).containsExactly(r1, r2, r3, r4, r5, r6);
        // EXCELLENT requests of RED sellers above 500,000
        assertThat(ids("grade=EXCELLENT&sellerList=RED&minRequested=500000")).containsExactly(r6, r1);
        assertThat(ids("grade=EXCELLENT&sellerList=RED&minRequested=500000&sort=REQUESTED")).containsExactly(r1, r6);
        assertThat(ids("grade=EXCELLENT&sellerList=RED&minRequested=500000.01&maxRequested=599999.99")).containsExactly(r6);
        // best grade first, the higher score first within a grade; and back
        assertThat(ids("sort=GRADE")).containsExactly(r1, r3, r2, r6, r4, r5);
        assertThat(ids("sort=GRADE&dir=asc")).containsExactly(r5, r4, r6, r2, r3, r1);
        assertThat(ids("sort=AMOUNT&dir=asc")).containsExactly(r2, r5, r1, r3, r6, r4);
        assertThat(ids("sort=AMOUNT&minAmount=800000&maxAmount=1000000")).containsExactly(r6, r3, r1);
        assertThat(ids("sort=TERM&dir=asc&industry=C")).containsExactly(r2, r1, r5, r6);
        assertThat(ids("sort=TERM&industry=c31")).containsExactly(r6, r1, r2);
        assertThat(ids("minTerm=60&maxTerm=90")).containsExactly(r2, r1);
        // most years registered first; the same firm's requests oldest first
        assertThat(ids("sort=AGE")).containsExactly(r1, r2, r6, r3, r4, r5);
        assertThat(ids("minYears=10")).containsExactly(r6, r2, r1);
        assertThat(ids("sort=INDUSTRY&dir=asc&grade=EXCELLENT,MIXED")).containsExactly(r1, r2, r6, r3, r4);
        assertThat(ids("debtorList=RED")).containsExactly(r4, r3);
        assertThat(ids("sellerList=NONE")).containsExactly(r5);
        assertThat(ids("minScore=80&grade=EXCELLENT&grade=POOR")).containsExactly(r3, r2, r1);
        // a pickup deadline moved on the request moves on its queue row (trigger)
        FinancingFixtures.sql(ds, "update financing_requests set pickup_deadline = now() + interval '90 minutes' where id = ?", r5);
        assertThat(ids("pickupWithinHours=2")).containsExactly(r5);
        assertThat(ids("sort=PICKUP&dir=asc").get(0)).isEqualTo(r5);
        // a page of two: one index range, the total of the filter
        JsonPath page = queue("size=2&page=1&sort=AMOUNT&dir=asc");
        assertThat(page.getList("items.id", Long.class)).containsExactly(r1, r3);
        assertThat(page.getLong("total")).isEqualTo(6);
        assertThat(queue("size=2&page=0&grade=EXCELLENT").getLong("total")).isEqualTo(4);
    }

    @Test
    void eachRowCarriesTheCreditSnapshotAndTheHeadroom() {
        Map<String, Object> limit = new HashMap<>();
        limit.put("kind", "DEBTOR");
        limit.put("subject", d1.uscc());
        limit.put("amount", 1_000_000);
        Fixtures.asUser(bank.user()).contentType("application/json").body(limit).post("/api/financing/limits").then()
                .statusCode(200);
        JsonPath q = queue("sort=GRADE");
        assertThat(q.getString("items[0].sellerName")).isEqualTo("队列红名单卖方");
        assertThat(q.getString("items[0].sellerList")).isEqualTo("RED");
        assertThat(q.getString("items[0].sellerRating")).isEqualTo("AA");
        assertThat(q.getString("items[0].industryCode")).isEqualTo("C3110");
        assertThat(q.getInt("items[0].yearsRegistered"))
                .isEqualTo(Period.between(LocalDate.of(2010, 1, 1), FinancingFixtures.today()).getYears());
        assertThat(q.getString("items[0].debtorName")).isEqualTo("队列买方一");
        assertThat(q.getString("items[0].debtorList")).isNull();
        assertThat(q.getString("items[1].debtorList")).isEqualTo("RED");
        assertThat(q.getString("items[0].headroomLimit")).isEqualTo("DEBTOR");
        assertThat((BigDecimal) q.get("items[0].headroom")).isEqualByComparingTo("1000000");
        assertThat((Object) q.get("items[1].headroom")).isNull();
        assertThat(q.getLong("items[0].minutesLeft")).isPositive();
        assertThat(q.getList("items.sellerUnderObjection", Boolean.class)).containsOnly(false);

        // an open objection of the debtor d2 marks its snapshot on r3 and r4, and nothing else (§8.2)
        FinancingFixtures.sql(ds, "insert into credit_objections (uscc, item_type, item_ref, reason, submitted_on, due_on, rule_version, created_by)"
                + " values (?, 'CLASSIFICATION', 'Q', '数据有误', current_date, current_date + 14, 1, 'test')", d2.uscc());
        q = queue("sort=GRADE");
        assertThat(q.getList("items.debtorUnderObjection", Boolean.class)).containsExactly(false, true, false, false, true,
                false);
        assertThat(q.getList("items.sellerUnderObjection", Boolean.class)).containsOnly(false);
        assertThat(given().cookies(FinancingPagesTest.signIn(bank.user())).accept("text/html").get("/financing/queue?sort=GRADE").then().statusCode(200).extract().asString())
                .contains("<span class=\"tag objection\">");
        FinancingFixtures.sql(ds, "update credit_objections set status = 'UPHELD' where uscc = ?", d2.uscc());

        // claiming r2 (200,000 on d1) shrinks the headroom of every d1 request to 800,000
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + r2 + "/claim").then().statusCode(200);
        q = queue("sort=GRADE");
        assertThat(q.getList("items.id", Long.class)).containsExactly(r1, r3, r6, r4, r5);
        assertThat((BigDecimal) q.get("items[0].headroom")).isEqualByComparingTo("800000");
        assertThat(q.getBoolean("items[0].withinHeadroom")).isTrue();
        // and r1 (600,000) to 200,000: r6 (510,000) no longer fits
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + r1 + "/claim").then().statusCode(200);
        q = queue("sort=GRADE");
        assertThat(q.getList("items.id", Long.class)).containsExactly(r3, r6, r4, r5);
        assertThat((BigDecimal) q.get("items[1].headroom")).isEqualByComparingTo("200000");
        assertThat(q.getBoolean("items[1].withinHeadroom")).isFalse();
        Fixtures.asUser(bank.user()).post("/api/financing-requests/" + r6 + "/claim").then().statusCode(409);
    }

    @Test
    void thePageFiltersSortsAndKeepsAnOfficersFilters() {
        Cookies officer = FinancingPagesTest.signIn(bank.user());
        String html = given().cookies(officer).accept("text/html")
                .get("/financing/queue?grade=EXCELLENT&sellerList=RED&minRequested=500000&sort=REQUESTED").then()
                .statusCode(200).extract().asString();
        assertThat(rowIds(html)).containsExactly(r1, r6);
        html = given().cookies(officer).accept("text/html").get("/financing/queue?sort=AGE&minYears=5").then()
                .statusCode(200).extract().asString();
        assertThat(rowIds(html)).containsExactly(r1, r2, r6, r3, r4);

        // a bad value is a 422 naming the field, on the API as on the page
        JsonPath bad = Fixtures.asUser(bank.user()).get("/api/financing/queue?sort=NAME&minAmount=abc&grade=GOOD").then()
                .statusCode(422).contentType("application/problem+json").extract().jsonPath();
        assertThat(bad.getList("errors.field")).containsExactlyInAnyOrder("sort", "minAmount", "grade");
        given().cookies(officer).accept("text/html").get("/financing/queue?maxTerm=999").then().statusCode(422);

        // saved filters are the officer's own, stored in their normal form
        given().cookies(officer).contentType(FinancingPagesTest.FORM).formParam("name", "红名单大额")
                .formParam("query", "sellerList=red&grade=EXCELLENT&minRequested=500000&bogus=1").redirects().follow(false)
                .post("/financing/queue/filters").then().statusCode(303);
        JsonPath saved = Fixtures.asUser(bank.user()).get("/api/financing/queue/filters").then().statusCode(200).extract()
                .jsonPath();
        assertThat(saved.getList("name")).containsExactly("红名单大额");
        assertThat(saved.getString("[0].query")).isEqualTo("grade=EXCELLENT&sellerList=RED&minRequested=500000");
        String other = Fixtures.newUser("BANK", null, bank.code());
        assertThat(Fixtures.asUser(other).get("/api/financing/queue/filters").then().statusCode(200).extract().jsonPath()
                .getList("name")).isEmpty();
        Fixtures.asUser(other).delete("/api/financing/queue/filters/" + saved.getLong("[0].id")).then().statusCode(404);
        html = given().cookies(officer).accept("text/html").get("/financing/queue").then().statusCode(200).extract()
                .asString();
        assertThat(html).contains("href=\"/financing/queue?grade=EXCELLENT&amp;sellerList=RED&amp;minRequested=500000\"");
        Fixtures.asUser(bank.user()).delete("/api/financing/queue/filters/" + saved.getLong("[0].id")).then().statusCode(204);
        // the park and firms have no queue
        Fixtures.asAdmin().get("/api/financing/queue").then().statusCode(403);
        Fixtures.asUser(s1.user()).get("/api/financing/queue").then().statusCode(403);
    }

    private static List<Long> rowIds(String html) {
        String table = html.substring(html.indexOf("id=\"decision-queue\""));
        table = table.substring(0, table.indexOf("</table>"));
        Matcher m = Pattern.compile("<tr data-id=\"(\\d+)\"").matcher(table);
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /** Every sort, both ways, with and without filters, reads one index range: no sort node in the plan. */
    @Test
    void everySortOfAFewThousandRowQueueIsAnIndexRange() throws Exception {
        String inst = Fixtures.newCode("PLAN");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into institutions (code, name, kind) values ('" + inst + "', '计划银行', 'BANK')");
            st.execute("""
                    insert into financing_requests (seller_uscc, debtor_uscc, debtor_name, invoice_no, invoice_date, amount,
                        due_date, contract_no, requested_amount, term_days, status, grade, score, factors, route, seller_list,
                        graded_on, posted_at, pickup_deadline)
                    select lpad(g::text, 18, '9'), lpad((g %% 50)::text, 18, '8'), '计划债务人', '%s-' || g, current_date,
                           1000 + g * 10, current_date + 90, 'HT', 500 + g * 7 %% 1000, 1 + g %% 360, 'ROUTED',
                           (array['EXCELLENT', 'MIXED', 'POOR'])[1 + g %% 3], g %% 100, '[]', 'BANKS', 'NONE',
                           current_date, now(), now() + (g %% 72) * interval '1 hour'
                    from generate_series(1, 4000) g""".formatted(inst));
            st.execute("insert into financing_routes (request_id, institution_code, leg, routed_at)"
                    + " select id, '" + inst + "', 'BANKS', now() from financing_requests where invoice_no like '"
                    + inst + "-%'");
            st.execute("analyze financing_queue");
            st.execute("analyze financing_requests");
        }
        List<String> plans = new ArrayList<>();
        for (QueueFilter.Sort sort : QueueFilter.Sort.values()) {
            for (String dir : List.of("asc", "desc")) {
                for (String filter : List.of("", "&grade=EXCELLENT&minRequested=600")) {
                    QueueFilter f = QueueFilter.parse("sort=" + sort + "&dir=" + dir + filter);
                    List<Object> params = new ArrayList<>();
                    String where = f.where(params, LocalDate.now(), java.time.Instant.now());
                    String plan = explain(QueueService.idsSql(f, where), inst, params);
                    assertThat(plan).as(sort + " " + dir + filter + "\n" + plan).doesNotContainPattern("(?m)^\\s*(->\\s*)?(Incremental )?Sort");
                    assertThat(plan).as(sort + " " + dir + filter + "\n" + plan)
                            .containsPattern("Index (Only )?Scan (Backward )?using financing_queue_");
                    assertThat(plan).as(sort + " " + dir + filter + "\n" + plan).contains("rows=20 ");
                    plans.add(plan);
                }
            }
        }
        assertThat(plans).hasSize(QueueFilter.Sort.values().length * 4);
    }

    private String explain(String sql, String inst, List<Object> params) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain (analyze, costs off, timing off) " + sql)) {
            int i = 1;
            ps.setString(i++, inst);
            for (Object p : params) {
                if (p instanceof Short[] a) {
                    ps.setArray(i++, c.createArrayOf("smallint", a));
                } else if (p instanceof String[] a) {
                    ps.setArray(i++, c.createArrayOf("varchar", a));
                } else {
                    ps.setObject(i++, p);
                }
            }
            ps.setInt(i++, 20);
            ps.setInt(i, 40);
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString();
        }
    }
}
