package io.parkcredit.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extreme values in every numeric and string field of every JSON body: each is refused with 422
 * problem+json naming the field before any resource logic runs, nothing answers 500, and the
 * server is still there afterwards. The first test is the confirmed exploit: a number whose plain
 * form is a gigabyte killed the JVM.
 */
@QuarkusTest
class ExtremeInputTest {

    static final String HUGE = "1e999999999";
    static final String LONG_TEXT = "长".repeat(50_000);
    /** JSON literals of numbers that no field accepts. */
    static final List<String> BAD_NUMBERS = List.of(HUGE, "-1e999999999", "1e-999999999", "\"NaN\"", "\"Infinity\"",
            "\"-Infinity\"", "123456789012345678901234567890", "0.00000000000000000001");
    /** JSON literals of whole numbers that no int field accepts. */
    static final List<String> BAD_INTEGERS = List.of(HUGE, "99999999999999999999", "2147483648", "1.5", "\"NaN\"");
    /** JSON literals of text that no field accepts. */
    static final List<String> BAD_TEXT = List.of("\"" + LONG_TEXT + "\"", "\"a\\u0000b\"", "\"bell\\u0007\"",
            "\"gpj.\\u202Eexe\"", "\"iso\\u2067late\"", "\"half\\ud800\"", "\"c1\\u0085\"");

    /** Marks a whole-number field of type long, where 2147483648 is a legal value. */
    static final String LONG = "#long";

    @Inject
    DataSource ds;

    Firm firm;
    Inst bank;
    Inst guarantor;
    String investment;
    String evaluator;

    @BeforeEach
    void users() {
        if (firm == null) {
            firm = FinancingFixtures.firm("极值输入公司");
            bank = FinancingFixtures.institution("BANK");
            guarantor = FinancingFixtures.institution("GUARANTOR");
            investment = Fixtures.newUser("INVESTMENT", null, null);
            evaluator = Fixtures.newUser("EVALUATOR", null, null);
        }
    }

    /** A body route, who may call it, and its fields by kind; nested fields as their JSON path. */
    record Route(String method, String path, Supplier<RequestSpecification> who, List<String> decimals,
            List<String> integers, List<String> texts) {
    }

    List<Route> routes() {
        Supplier<RequestSpecification> admin = Fixtures::asAdmin;
        Supplier<RequestSpecification> seller = () -> Fixtures.asUser(firm.user());
        Supplier<RequestSpecification> officer = () -> Fixtures.asUser(bank.user());
        Supplier<RequestSpecification> guarantee = () -> Fixtures.asUser(guarantor.user());
        Supplier<RequestSpecification> invest = () -> Fixtures.asUser(investment);
        Supplier<RequestSpecification> eval = () -> Fixtures.asUser(evaluator);
        long none = 999_999_999L;
        return List.of(
                new Route("POST", "/api/financing-requests", seller, List.of("amount", "requestedAmount"),
                        List.of("termDays"), List.of("debtorUscc", "debtorName", "invoiceNo", "invoiceDate", "dueDate",
                                "contractNo")),
                new Route("POST", "/api/financing-requests/" + none + "/override", admin, List.of(), List.of(),
                        List.of("route", "reason")),
                new Route("POST", "/api/financing-requests/" + none + "/withdrawal", seller, List.of(), List.of(),
                        List.of("reason")),
                new Route("POST", "/api/financing-requests/" + none + "/offers", officer, List.of("amount", "rate"),
                        List.of("termDays"), List.of("note")),
                new Route("POST", "/api/financing-requests/" + none + "/guarantee", guarantee,
                        List.of("amount", "feeRate"), List.of(), List.of("letterNo")),
                new Route("POST", "/api/financing-requests/" + none + "/disbursement", officer, List.of("amount"),
                        List.of(), List.of()),
                new Route("POST", "/api/financing-requests/" + none + "/consents", seller, List.of(), List.of(),
                        List.of("institutionCode")),
                new Route("POST", "/api/products", officer, List.of("minAmount", "maxAmount", "rateMin", "rateMax"),
                        List.of("maxTermDays"), List.of("name", "kind", "grades[0]", "lists[0]", "industries[0]")),
                new Route("POST", "/api/alerts/" + none + "/acknowledgement", admin, List.of(), List.of(),
                        List.of("note")),
                new Route("POST", "/api/monitoring/rules", admin, List.of(), List.of("version" + LONG),
                        List.of("eventType", "severity", "level", "templateCode", "template", "reason")),
                new Route("PUT", "/api/monitoring/subscriptions/NONE", admin, List.of(), List.of(),
                        List.of("mobile", "minLevel")),
                new Route("POST", "/api/ratings/applications", seller, List.of(), List.of(), List.of("uscc")),
                new Route("POST", "/api/ratings/applications/" + none + "/review", admin, List.of(), List.of(),
                        List.of("note")),
                new Route("POST", "/api/ratings/applications/" + none + "/scores", eval, List.of("onsiteScores.Q1"),
                        List.of(), List.of()),
                new Route("POST", "/api/ratings/applications/" + none + "/objection", seller, List.of(), List.of(),
                        List.of("reason")),
                new Route("POST", "/api/ratings/applications/" + none + "/objection/resolution", admin,
                        List.of("onsiteScores.Q1"), List.of(), List.of("answer")),
                new Route("POST", "/api/ratings/applications/" + none + "/revocation", admin, List.of(), List.of(),
                        List.of("reason")),
                new Route("PUT", "/api/ratings/model", admin, List.of("model.onsiteDefault"), List.of("model.minPeers"),
                        List.of("note", "model.dimensions[0].code", "model.dimensions[0].name")),
                new Route("POST", "/api/screenings", invest, List.of("criteria[0].weight"), List.of("limit"),
                        List.of("weighting", "criteria[0].code")),
                new Route("POST", "/api/screenings/" + none + "/shortlist", invest, List.of(), List.of(),
                        List.of("uscc", "note")),
                new Route("PUT", "/api/chains", invest, List.of(), List.of(),
                        List.of("reason", "chains[0].code", "chains[0].name", "chains[0].description",
                                "chains[0].segments[0].name", "chains[0].segments[0].industryCodes[0]")),
                new Route("PUT", "/api/classifications/rules", admin, List.of(), List.of("params.lateDays"),
                        List.of("note", "params.evaluationDay", "params.ratingFloor")),
                new Route("POST", "/api/users", admin, List.of(), List.of(),
                        List.of("username", "password", "role", "uscc", "institutionCode")));
    }

    @Test
    void theGigabyteNumberIsRefusedNamingItsFieldAndTheServerLives() {
        Firm debtor = FinancingFixtures.firm("极值债务人");
        String body = "{\"debtorUscc\":\"" + debtor.uscc() + "\",\"debtorName\":\"债务人\",\"invoiceNo\":\"X1\","
                + "\"invoiceDate\":\"" + FinancingFixtures.today().minusDays(1) + "\",\"amount\":1e999999999,"
                + "\"dueDate\":\"" + FinancingFixtures.today().plusDays(30) + "\",\"contractNo\":\"C1\","
                + "\"requestedAmount\":2e999999999,\"termDays\":30}";
        Response r = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()), body);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        assertThat(r.jsonPath().getString("errors[0].message")).isEqualTo("too large: at most 18 digits before the point");
        // the second field alone, and a number that is tiny instead of huge
        Response second = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()),
                body.replace("1e999999999", "1000"));
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(second.jsonPath().getString("errors[0].field")).isEqualTo("requestedAmount");
        Response tiny = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()),
                body.replace("1e999999999", "1e-999999999"));
        assertThat(tiny.jsonPath().getString("errors[0].field")).isEqualTo("amount");
        assertThat(tiny.jsonPath().getString("errors[0].message")).isEqualTo("at most 10 decimals");
        Fixtures.asAdmin().get("/api/enterprises/" + firm.uscc()).then().statusCode(200);
        assertThat(((Number) FinancingFixtures.rows(ds, "select count(*) from financing_requests where seller_uscc = ?",
                firm.uscc()).get(0)[0]).longValue()).isZero();
    }

    @Test
    void minusZeroIsZeroAndRefusedWhereAnAmountMustBePositive() {
        Firm debtor = FinancingFixtures.firm("负零债务人");
        Map<String, Object> body = FinancingFixtures.receivable(debtor.uscc(), Fixtures.newCode("NZ"), 1000, 1000, 30);
        String json = json(body).replace("\"amount\":1000.0", "\"amount\":-0");
        Response r = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()), json);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.jsonPath().getList("errors.field")).contains("amount");
        assertThat(r.jsonPath().getString("errors.find { it.field == 'amount' }.message")).isEqualTo("must be greater than 0");
    }

    @Test
    void everyNumericAndTextFieldOfEveryBodyRefusesExtremeValuesByName() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Route route : routes()) {
            for (String field : route.decimals()) {
                for (String bad : BAD_NUMBERS) {
                    checked++;
                    expectRefused(route, field, bad, failures);
                }
            }
            for (String field : route.integers()) {
                for (String bad : BAD_INTEGERS) {
                    if (field.endsWith(LONG) && bad.equals("2147483648")) {
                        continue;
                    }
                    checked++;
                    expectRefused(route, field.replace(LONG, ""), bad, failures);
                }
            }
            for (String field : route.texts()) {
                for (String bad : BAD_TEXT) {
                    checked++;
                    expectRefused(route, field, bad, failures);
                }
            }
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(failures).isEmpty();
        Fixtures.asAdmin().get("/api/enterprises/" + firm.uscc()).then().statusCode(200);
    }

    @Test
    void textFieldsStoredInBoundedColumnsTakeTheirColumnsLengthAndNoMore() {
        Supplier<RequestSpecification> seller = () -> Fixtures.asUser(firm.user());
        Supplier<RequestSpecification> officer = () -> Fixtures.asUser(bank.user());
        Supplier<RequestSpecification> invest = () -> Fixtures.asUser(investment);
        record Bounded(String method, String path, Supplier<RequestSpecification> who, String field, int max) {
        }
        List<Bounded> fields = List.of(
                new Bounded("POST", "/api/financing-requests", seller, "debtorName", 200),
                new Bounded("POST", "/api/financing-requests", seller, "invoiceNo", 64),
                new Bounded("POST", "/api/financing-requests", seller, "contractNo", 64),
                new Bounded("POST", "/api/products", officer, "name", 200),
                new Bounded("PUT", "/api/chains", invest, "chains[0].code", 32),
                new Bounded("PUT", "/api/chains", invest, "chains[0].name", 100),
                new Bounded("PUT", "/api/chains", invest, "chains[0].segments[0].code", 32),
                new Bounded("PUT", "/api/chains", invest, "chains[0].segments[0].name", 100),
                new Bounded("POST", "/api/users", Fixtures::asAdmin, "username", 64));
        List<String> failures = new ArrayList<>();
        for (Bounded b : fields) {
            // the chain map's reason is checked before its chains, so it is given
            java.util.function.Function<String, String> body = v -> {
                String json = nest(b.field(), "\"" + v + "\"");
                return b.path().equals("/api/chains") ? json.substring(0, json.length() - 1) + ",\"reason\":\"x\"}" : json;
            };
            Response over = send(b.method(), b.path(), b.who(), body.apply("a".repeat(b.max() + 1)));
            List<String> named = over.statusCode() == 422 ? over.jsonPath().getList("errors.field") : List.of();
            if (!named.contains(b.field())) {
                failures.add(b.path() + " " + b.field() + " of " + (b.max() + 1) + " → " + over.statusCode() + " " + named);
            }
            Response at = send(b.method(), b.path(), b.who(), body.apply("a".repeat(b.max())));
            if (at.statusCode() >= 500 || (at.statusCode() == 422 && at.jsonPath().getList("errors.field").contains(b.field()))) {
                failures.add(b.path() + " " + b.field() + " of " + b.max() + " refused: " + shorten(at.asString()));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void deeplyNestedJsonIsRefusedAsMalformed() {
        // nesting where the body's type expects none is simply the wrong type; the parser's depth
        // limit guards what is read without a type: an unknown property is skipped token by token
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Response r = send("PUT", "/api/chains", () -> Fixtures.asUser(investment),
                "{\"chains\":[],\"reason\":\"x\",\"extra\":" + deep + "}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("detail")).contains("nesting depth (65) exceeds the maximum allowed (64");
        Response obj = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()),
                "{\"extra\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001));
        assertThat(obj.statusCode()).isEqualTo(400);
        assertThat(obj.jsonPath().getString("detail")).contains("nesting depth");
        // the wrong type at the top of a deep value is named like any wrong value
        Response typed = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()),
                "{\"debtorName\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001));
        assertThat(typed.statusCode()).isEqualTo(422);
        assertThat(typed.jsonPath().getString("errors[0].field")).isEqualTo("debtorName");
        Fixtures.asAdmin().get("/api/enterprises/" + firm.uscc()).then().statusCode(200);
    }

    @Test
    void queryParametersAndFormFieldsRefuseControlCharactersByName() {
        Response q = Fixtures.asAdmin().queryParam("q", "gpj.\u202Eexe").get("/api/enterprises");
        assertThat(q.statusCode()).isEqualTo(422);
        assertThat(q.contentType()).startsWith("application/problem+json");
        assertThat(q.jsonPath().getString("errors[0].field")).isEqualTo("q");
        assertThat(q.jsonPath().getString("errors[0].message")).isEqualTo("contains the bidirectional control U+202E at position 5");
        Response path = Fixtures.asAdmin().urlEncodingEnabled(false).get("/api/enterprises/abc%07");
        assertThat(path.statusCode()).isEqualTo(422);
        assertThat(path.jsonPath().getString("errors[0].field")).isEqualTo("uscc");
        assertThat(path.jsonPath().getString("errors[0].message")).isEqualTo("contains the control character U+0007 at position 4");
        // a 50,000-character query does not fit the request line at all
        assertThat(Fixtures.asAdmin().queryParam("q", LONG_TEXT).get("/api/enterprises").statusCode()).isEqualTo(414);

        io.restassured.http.Cookies session = io.restassured.RestAssured.given().redirects().follow(false)
                .formParam("j_username", firm.user()).formParam("j_password", "password-" + firm.user())
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
        Response form = io.restassured.RestAssured.given().cookies(session).accept("text/html")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("reason", "撤回\u0000").post("/financing/999999999/withdraw");
        assertThat(form.statusCode()).isEqualTo(422);
        assertThat(form.contentType()).startsWith("text/html");
        assertThat(form.asString()).contains("reason").contains("U+0000");
        // a tab, line breaks, Chinese and emoji in a text area are text: the request reaches its route (no such request)
        Response fine = io.restassured.RestAssured.given().cookies(session).accept("text/html")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("reason", "撤回\t原因\r\n第二行😀").post("/financing/999999999/withdraw");
        assertThat(fine.statusCode()).isEqualTo(404);
    }

    @Test
    void emojiAndChineseAreTextAndKeptIntact() {
        Firm debtor = FinancingFixtures.firm("表情债务人");
        Map<String, Object> body = FinancingFixtures.receivable(debtor.uscc(), Fixtures.newCode("EM"), 1000, 1000, 30);
        body.put("debtorName", "债务人😀公司\u200F");
        Response r = send("POST", "/api/financing-requests", () -> Fixtures.asUser(firm.user()), json(body));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.jsonPath().getString("debtorName")).isEqualTo("债务人😀公司\u200F");
    }

    private void expectRefused(Route route, String field, String bad, List<String> failures) {
        Response r = send(route.method(), route.path(), route.who(), nest(field, bad));
        String what = route.method() + " " + route.path() + " " + field + "=" + (bad.length() > 30 ? bad.substring(0, 30) + "…" : bad);
        if (r.statusCode() != 422) {
            failures.add(what + " → " + r.statusCode() + " " + shorten(r.asString()));
            return;
        }
        if (!r.contentType().startsWith("application/problem+json")) {
            failures.add(what + " → content type " + r.contentType());
            return;
        }
        String named = r.jsonPath().getString("errors[0].field");
        if (!field.equals(named)) {
            failures.add(what + " → names " + named);
        }
    }

    static String json(Object body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** {@code a.b[0].c} = literal → {"a":{"b":[{"c":literal}]}}. */
    static String nest(String path, String literal) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? null : path.substring(dot + 1);
        String inner;
        if (head.endsWith("[0]")) {
            String name = head.substring(0, head.length() - 3);
            inner = "[" + (rest == null ? literal : nest(rest, literal)) + "]";
            return "{\"" + name + "\":" + inner + "}";
        }
        return "{\"" + head + "\":" + (rest == null ? literal : nest(rest, literal)) + "}";
    }

    private static Response send(String method, String path, Supplier<RequestSpecification> who, String json) {
        // a failing request is logged without pretty printing: prettifying 100,000 nested brackets exhausts the test's heap
        RequestSpecification spec = who.get().config(RestAssured.config().logConfig(
                RestAssured.config().getLogConfig().enablePrettyPrinting(false))).contentType("application/json").body(json);
        return method.equals("PUT") ? spec.put(path) : spec.post(path);
    }
}
