package io.parkcredit.attack;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.park.RegionComparisonTest;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Parks × routes (DOMAIN.md §10.3): every GET route with an id of the parks, enterprise,
 * classification, rating and credit areas, read from the application's own resource classes like
 * {@link RouteRightsMatrixTest}, is walked with park A's ids. Park A's ADMIN and the region ADMIN reach
 * the item; park B's ADMIN gets 404, as for an id that does not exist.
 */
@QuarkusTest
class ParkRouteMatrixTest {

    static final Set<String> AREAS = Set.of("park", "enterprise", "classification", "rating", "credit");
    static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

    @Test
    void anotherParksIdIsAs404AsAnUnknownOne() {
        int a = ParkFixtures.newPark("矩阵甲园");
        int b = ParkFixtures.newPark("矩阵乙园");
        String codeA = ParkFixtures.code(a);
        String firmA = RegionComparisonTest.firmsWithLoans(codeA, 1, "矩阵甲园企业").get(0);
        String adminA = ParkFixtures.userIn(a, "ADMIN", null, null);
        String adminB = ParkFixtures.userIn(b, "ADMIN", null, null);
        int year = RegionComparisonTest.YEAR;
        long run = asUser(adminA).post("/api/classifications/" + year + "/runs").then().statusCode(201).extract()
                .jsonPath().getLong("runId");
        long application = asUser(adminA).contentType("application/json").body(Map.of("uscc", firmA))
                .post("/api/ratings/applications").then().statusCode(201).extract().jsonPath().getLong("id");
        long commitment = asUser(adminA).contentType("application/json").body(Map.of("uscc", firmA, "kind", "VOLUNTARY",
                "matter", "矩阵承诺", "text", "承诺。")).post("/api/commitments").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Map<String, Object> event = MonitoringFixtures.event(firmA, "ADMIN_PENALTY", "GENERAL",
                LocalDate.now().minusMonths(2), "矩阵处罚");
        MonitoringFixtures.post(event);
        long objection = asUser(adminA).contentType("application/json").body(Map.of("uscc", firmA, "itemType",
                "CREDIT_EVENT", "itemRef", "SAMR/" + event.get("eventNo"), "reason", "数据有误")).post("/api/objections")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long attachment = asUser(adminA).contentType("application/pdf").body("%PDF-1.4 证明".getBytes())
                .post("/api/objections/" + objection + "/attachments?name=proof.pdf").then().statusCode(201).extract()
                .jsonPath().getLong("id");

        // the value of each path parameter; {id} depends on the resource it names
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/ratings/applications/", Long.toString(application));
        ids.put("/rating/applications/", Long.toString(application));
        ids.put("/commitments/", Long.toString(commitment));
        ids.put("/objections/", Long.toString(objection));
        ids.put("/attachments/", Long.toString(attachment));

        io.restassured.http.Cookies pagesA = ParkFixtures.pageSession(adminA);
        io.restassured.http.Cookies pagesB = ParkFixtures.pageSession(adminB);
        io.restassured.http.Cookies pagesRegion = ParkFixtures.pageSession("admin", io.parkcredit.testing.Fixtures.ADMIN_PASSWORD);
        List<String> walked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (RouteRightsMatrixTest.Route r : RouteRightsMatrixTest.routes()) {
            if (!r.httpMethod().equals("GET") || r.action() == null || !AREAS.contains(r.action().feature())) {
                continue;
            }
            Matcher m = PARAM.matcher(r.path());
            StringBuilder url = new StringBuilder();
            boolean identifies = false;
            boolean known = true;
            while (m.find()) {
                String value = switch (m.group(1)) {
                    case "uscc" -> firmA;
                    case "year" -> Integer.toString(year);
                    case "runId" -> Long.toString(run);
                    case "code" -> codeA;
                    case "id" -> ids.entrySet().stream().filter(e -> r.path().contains(e.getKey() + "{id}"))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    default -> null;
                };
                if (value == null) {
                    known = false;
                    break;
                }
                identifies |= !m.group(1).equals("year");
                m.appendReplacement(url, value);
            }
            if (!known || !identifies) {
                continue;
            }
            m.appendTail(url);
            String path = url.toString();
            walked.add(r.path());
            boolean api = path.startsWith("/api");
            int own = (api ? asUser(adminA) : given().cookies(pagesA)).redirects().follow(false).get(path).statusCode();
            int region = (api ? asAdmin() : given().cookies(pagesRegion)).redirects().follow(false).get(path).statusCode();
            int other = (api ? asUser(adminB) : given().cookies(pagesB)).redirects().follow(false).get(path).statusCode();
            // the own park and the region reach the item (a report of an unscored application is 409: its state,
            // not its absence); another park gets the answer of an unknown id
            if (own == 404 || own >= 500 || region == 404 || region >= 500 || other != 404) {
                wrong.add(r + " " + path + ": park A " + own + ", region " + region + ", park B " + other);
            }
        }
        assertThat(wrong).as("routes that leak across parks or hide from the own park").isEmpty();
        assertThat(walked).contains("/api/enterprises/{uscc}", "/api/enterprises/{uscc}/portrait", "/enterprises/{uscc}",
                "/api/classifications/{year}/runs/{runId}/results", "/classification/{year}/runs/{runId}/firms/{uscc}",
                "/api/ratings/applications/{id}", "/rating/applications/{id}", "/api/commitments/{id}",
                "/api/objections/{id}", "/api/attachments/{id}", "/credit/firms/{uscc}", "/api/parks/{code}");
    }
}
