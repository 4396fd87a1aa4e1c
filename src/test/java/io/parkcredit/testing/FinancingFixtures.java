package io.parkcredit.testing;

import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Receivables financing test data (DOMAIN.md §7): firms with users and monthly flows, banks and
 * guarantors with products, published lists and ratings. Flows are placed in the 12 calendar months
 * before the current (grading) month, so grading reads them whatever the day the suite runs.
 */
public final class FinancingFixtures {

    public static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");
    /** Years for directly published lists: far in the past, so no other test's "latest year" moves. */
    private static final AtomicInteger LIST_YEAR = new AtomicInteger(1901);

    private FinancingFixtures() {
    }

    public record Firm(String uscc, String user) {
    }

    public record Inst(String code, String user) {
    }

    public static LocalDate today() {
        return LocalDate.now(PARK_ZONE);
    }

    /** A park firm in industry {@code industry} with an ENTERPRISE user. */
    public static Firm firm(String name, String industry) {
        String uscc = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER + uscc + "," + name
                + ",2015-03-01," + industry + ",5000000,120,ACTIVE,张伟,13800138000,true,舞钢市经山路1号,3,1\n"));
        return new Firm(uscc, Fixtures.newUser("ENTERPRISE", uscc, null));
    }

    public static Firm firm(String name) {
        return firm(name, "C3110");
    }

    /** A BANK or GUARANTOR institution with one officer. */
    public static Inst institution(String kind) {
        String code = Fixtures.newCode(kind.equals("BANK") ? "FB" : "FG");
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + code + "," + code + (kind.equals("BANK")
                ? "银行" : "担保公司") + "," + kind + "\n"));
        return new Inst(code, Fixtures.newUser(kind, null, code));
    }

    /** A product that takes any request of the given grades up to 10 million and 360 days. */
    public static Map<String, Object> product(String kind, List<String> grades) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", kind.equals("BANK") ? "应收账款质押贷" : "融资担保");
        p.put("kind", kind.equals("BANK") ? "LOAN" : "GUARANTEE");
        p.put("minAmount", 1);
        p.put("maxAmount", 10_000_000);
        p.put("maxTermDays", 360);
        p.put("grades", grades);
        p.put("lists", List.of());
        p.put("industries", List.of());
        p.put("rateMin", 3.5);
        p.put("rateMax", 6.0);
        return p;
    }

    public static long publish(Inst inst, Map<String, Object> product) {
        return Fixtures.asUser(inst.user()).contentType("application/json").body(product).post("/api/products")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A bank with a product for EXCELLENT and MIXED requests. */
    public static Inst bank() {
        Inst b = institution("BANK");
        publish(b, product("BANK", List.of("EXCELLENT", "MIXED")));
        return b;
    }

    /** A guarantor with a product for MIXED requests. */
    public static Inst guarantor() {
        Inst g = institution("GUARANTOR");
        publish(g, product("GUARANTOR", List.of("MIXED")));
        return g;
    }

    /**
     * IN flows of the seller in the 12 months before the grading month, oldest first: from the
     * debtor and from other customers (0 = no flow that month).
     */
    public static void flows(String seller, String debtor, double[] fromDebtor, double[] fromOthers) {
        LocalDate first = today().withDayOfMonth(1).minusMonths(12);
        StringBuilder csv = new StringBuilder("txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n");
        for (int m = 0; m < 12; m++) {
            LocalDate day = first.plusMonths(m).plusDays(9);
            if (fromDebtor[m] > 0) {
                csv.append(Fixtures.newCode("FT")).append(',').append(seller).append(',').append(day).append(",IN,")
                        .append(BigDecimal.valueOf(fromDebtor[m]).setScale(2, java.math.RoundingMode.HALF_UP))
                        .append(',').append(debtor).append(",债务人\n");
            }
            if (fromOthers[m] > 0) {
                csv.append(Fixtures.newCode("FT")).append(',').append(seller).append(',').append(day).append(",IN,")
                        .append(BigDecimal.valueOf(fromOthers[m]).setScale(2, java.math.RoundingMode.HALF_UP))
                        .append(",,其他客户\n");
            }
            // an OUT flow never counts
            csv.append(Fixtures.newCode("FT")).append(',').append(seller).append(',').append(day)
                    .append(",OUT,999999,").append(debtor).append(",债务人\n");
        }
        Fixtures.importBundle(Map.of("transactions", csv.toString()));
    }

    public static double[] months(double value) {
        double[] a = new double[12];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /**
     * Steady flows: 100,000 a month from the debtor for 12 months, 100,000 from others. Posted
     * unconfirmed with amount ≤ 200,000 this grades 25 + 20 + 15 = 60 (MIXED); confirmed 90.
     */
    public static void steadyFlows(String seller, String debtor) {
        flows(seller, debtor, months(100_000), months(100_000));
    }

    public static Map<String, Object> receivable(String debtor, String invoiceNo, double amount, double requested,
            int termDays) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("debtorUscc", debtor);
        r.put("debtorName", "债务人公司");
        r.put("invoiceNo", invoiceNo);
        r.put("invoiceDate", today().minusDays(10).toString());
        r.put("amount", amount);
        r.put("dueDate", today().plusDays(90).toString());
        r.put("contractNo", "HT-" + invoiceNo);
        r.put("requestedAmount", requested);
        r.put("termDays", termDays);
        return r;
    }

    public static JsonPath post(Firm seller, Map<String, Object> body) {
        return Fixtures.asUser(seller.user()).contentType("application/json").body(body).post("/api/financing-requests")
                .then().statusCode(201).extract().jsonPath();
    }

    /** Publishes a classification run of a year of its own holding exactly these firms' lists. */
    public static void publishLists(DataSource ds, Map<String, String> lists) {
        int year = LIST_YEAR.getAndIncrement();
        try (Connection c = ds.getConnection()) {
            long run;
            try (PreparedStatement st = c.prepareStatement("""
                    insert into classification_runs (year, version, rule_set_id, evaluation_day, status, created_by)
                    values (?, 1, (select min(id) from classification_rule_sets), ?, 'DRAFT', 'test') returning id""")) {
                st.setInt(1, year);
                st.setObject(2, LocalDate.of(year, 12, 31));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    run = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "insert into classification_results (run_id, uscc, name, list, clauses) values (?, ?, ?, ?, '[]')")) {
                for (var e : lists.entrySet()) {
                    st.setLong(1, run);
                    st.setString(2, e.getKey());
                    st.setString(3, "测试企业");
                    st.setString(4, e.getValue());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("update classification_runs set status = 'PUBLISHED', published_by = 'test',"
                        + " published_at = now() where id = " + run);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void rating(DataSource ds, String uscc, String grade, LocalDate from, LocalDate until,
            LocalDate revokedOn) {
        sql(ds, "insert into published_ratings (uscc, grade, score, valid_from, valid_until, revoked_on) values (?, ?, 85, ?, ?, ?)",
                uscc, grade, from, until, revokedOn);
    }

    public static int sql(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Object[]> rows(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int k = 0; k < n; k++) {
                        row[k] = rs.getObject(k + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A financing market for load and cluster tests, written straight into the tables: {@code requests}
     * ROUTED requests graded EXCELLENT with invoices {@code tag-1 … tag-n}, spread over the firms whose
     * name starts with {@code sellerNamePrefix}, each routed to every other bank of {@code banks}
     * (alternating, so each bank's queue holds half of them). The caller commits.
     */
    public static void routedMarket(Connection c, String tag, String sellerNamePrefix, String debtorName, int requests,
            String[] banks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with sellers as (select uscc, row_number() over (order by uscc) - 1 as n, count(*) over () as k
                                 from enterprises where name like ? || '%')
                insert into financing_requests (seller_uscc, debtor_uscc, debtor_name, invoice_no, invoice_date,
                    amount, due_date, contract_no, requested_amount, term_days, status, grade, score, factors,
                    route, graded_on, posted_at, routed_at, pickup_deadline)
                select s.uscc, '91410481MA00000000', ?, ? || '-' || g, current_date - 5,
                    200000, current_date + 90, 'HT-' || g, 150000, 90, 'ROUTED', 'EXCELLENT', 90,
                    '[{"code":"DEBTOR_CONFIRMED","points":30,"detail":"债务人已确认该应收账款"}]',
                    'BANKS', current_date, now(), now(), now() + interval '48 hours'
                from generate_series(1, ?) g join sellers s on s.n = g % s.k""")) {
            ps.setString(1, sellerNamePrefix);
            ps.setString(2, debtorName);
            ps.setString(3, tag);
            ps.setInt(4, requests);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into financing_routes (request_id, institution_code, leg, routed_at)
                select r.id, b.code, 'BANKS', now()
                from financing_requests r
                cross join unnest(?::text[]) with ordinality b(code, k)
                where r.invoice_no like ? || '-%' and (r.id + b.k) % 2 = 0""")) {
            ps.setArray(1, c.createArrayOf("text", banks));
            ps.setString(2, tag);
            ps.executeUpdate();
        }
    }
}
