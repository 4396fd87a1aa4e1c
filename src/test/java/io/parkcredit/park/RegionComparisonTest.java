package io.parkcredit.park;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The region page and API (DOMAIN.md §10.3): each park's published lists and valid grades, side by side. */
@QuarkusTest
public class RegionComparisonTest {

    public static final int YEAR = 2021;

    /** Imports firms with an open loan into {@code park}; returns their USCCs. */
    public static List<String> firmsWithLoans(String parkCode, int n, String tag) {
        StringBuilder firms = new StringBuilder(Fixtures.ENTERPRISES_HEADER);
        StringBuilder loans = new StringBuilder("lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n");
        List<String> usccs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String uscc = Fixtures.newUscc();
            usccs.add(uscc);
            firms.append(Fixtures.enterpriseRow(uscc, tag + i));
            loans.append("B1,RC-").append(uscc).append(',').append(uscc).append(",100000,").append(YEAR).append("-01-01,")
                    .append(YEAR + 1).append("-01-01,\n");
        }
        asAdmin().contentType("application/zip").body(Fixtures.zip(Map.of("enterprises", firms.toString(), "loans",
                loans.toString()))).post("/api/bundles?park=" + parkCode).then().statusCode(200);
        return usccs;
    }

    public static void rate(String uscc, String grade, int score) {
        ParkFixtures.execute("insert into published_ratings (uscc, grade, score, valid_from, valid_until)"
                + " values (?, ?, ?, cast(? as date), cast(? as date))", uscc, grade, score, (YEAR - 1) + "-06-01",
                (YEAR + 2) + "-05-31");
    }

    static long runAndPublish(String parkCode) {
        long run = asAdmin().post("/api/classifications/" + YEAR + "/runs?park=" + parkCode).then().statusCode(201)
                .extract().jsonPath().getLong("runId");
        asAdmin().post("/api/classifications/" + YEAR + "/runs/" + run + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        return run;
    }

    @Test
    void eachParkShowsItsListsGradesAndFirms() {
        int east = ParkFixtures.newPark("东区");
        int west = ParkFixtures.newPark("西区");
        int quiet = ParkFixtures.newPark("未发布园");
        String eastCode = ParkFixtures.code(east);
        String westCode = ParkFixtures.code(west);
        String quietCode = ParkFixtures.code(quiet);
        // east: 3 firms; an A and an AA grade (RED) and a B grade (NONE: below the RED floor)
        List<String> e = firmsWithLoans(eastCode, 3, "东区企业");
        rate(e.get(0), "A", 75);
        rate(e.get(1), "AA", 85);
        rate(e.get(2), "B", 60);
        // west: 2 firms without a grade (RED), 1 with a C (NONE)
        List<String> w = firmsWithLoans(westCode, 3, "西区企业");
        rate(w.get(2), "C", 30);
        // quiet: one firm, no run, no grade
        firmsWithLoans(quietCode, 1, "未发布企业");
        runAndPublish(eastCode);
        runAndPublish(westCode);

        JsonPath region = asAdmin().get("/api/region/comparison?year=" + YEAR).then().statusCode(200)
                .body("year", is(YEAR)).body("gradesOn", equalTo(YEAR + "-12-31")).extract().jsonPath();
        String p = "parks.find { it.code == '%s' }.";
        org.assertj.core.api.Assertions.assertThat(region.getMap(p.formatted(eastCode) + "lists"))
                .isEqualTo(Map.of("RED", 2, "WHITE", 0, "YELLOW", 0, "NONE", 1));
        org.assertj.core.api.Assertions.assertThat(region.getMap(p.formatted(eastCode) + "grades"))
                .isEqualTo(Map.of("AAA", 0, "AA", 1, "A", 1, "B", 1, "C", 0));
        org.assertj.core.api.Assertions.assertThat(region.getInt(p.formatted(eastCode) + "firms")).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(region.getInt(p.formatted(eastCode) + "rated")).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(region.getMap(p.formatted(westCode) + "lists"))
                .isEqualTo(Map.of("RED", 2, "WHITE", 0, "YELLOW", 0, "NONE", 1));
        org.assertj.core.api.Assertions.assertThat(region.getMap(p.formatted(westCode) + "grades"))
                .isEqualTo(Map.of("AAA", 0, "AA", 0, "A", 0, "B", 0, "C", 1));
        org.assertj.core.api.Assertions.assertThat(region.getString(p.formatted(westCode) + "name")).isEqualTo("西区");
        org.assertj.core.api.Assertions.assertThat(region.getBoolean(p.formatted(quietCode) + "published")).isFalse();
        org.assertj.core.api.Assertions.assertThat(region.getInt(p.formatted(quietCode) + "firms")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(region.getMap(p.formatted(quietCode) + "lists"))
                .isEqualTo(Map.of("RED", 0, "WHITE", 0, "YELLOW", 0, "NONE", 0));

        // the region regulator reads it too, and the page shows the parks side by side
        String regulator = ParkFixtures.userIn(null, "REGULATOR", null, null);
        asUser(regulator).get("/api/region/comparison?year=" + YEAR).then().statusCode(200);
        String page = io.restassured.RestAssured.given().cookies(ParkFixtures.pageSession(regulator)).redirects()
                .follow(false).get("/region?year=" + YEAR).then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(page).contains("东区", "西区", "region-list-chart");

        // park users, even the park's ADMIN and REGULATOR, do not compare parks
        String eastAdmin = ParkFixtures.userIn(east, "ADMIN", null, null);
        String eastRegulator = ParkFixtures.userIn(east, "REGULATOR", null, null);
        for (String user : List.of(eastAdmin, eastRegulator)) {
            asUser(user).get("/api/region/comparison?year=" + YEAR).then().statusCode(403);
            io.restassured.RestAssured.given().cookies(ParkFixtures.pageSession(user)).redirects().follow(false)
                    .get("/region").then().statusCode(403);
        }
        String investor = ParkFixtures.userIn(east, "INVESTMENT", null, null);
        asUser(investor).get("/api/region/comparison").then().statusCode(403);
        asAdmin().get("/api/region/comparison?year=20x3").then().statusCode(422).body("errors[0].field", equalTo("year"));
    }
}
