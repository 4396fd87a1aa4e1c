package io.parkcredit.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Screening in a region of two parks (DOMAIN.md §9, §10.3): an investment officer screens its park's
 * prospects against its park's chain map; screenings and shortlists of the other park are 404.
 */
@QuarkusTest
class ScreeningParkIsolationTest {

    @Test
    void anOfficerScreensItsParksProspectsOnItsParksMap() {
        int parkB = ParkFixtures.newPark("招商第二园区");
        String prospectA = Fixtures.newUscc();
        String prospectB1 = Fixtures.newUscc();
        String prospectB2 = Fixtures.newUscc();
        Fixtures.importBundle(Map.of("enterprises", Fixtures.ENTERPRISES_HEADER
                + ScreeningApiTest.prospect(prospectA, "甲园区招商对象", "C3412", 300, 5)
                + ScreeningApiTest.prospect(prospectB1, "乙园区招商对象一", "C3412", 300, 5)
                + ScreeningApiTest.prospect(prospectB2, "乙园区招商对象二", "F5174", 80, 1)));
        ParkFixtures.execute("update enterprises set park_id = ? where uscc in (?, ?)", parkB, prospectB1, prospectB2);
        String officerA = ParkFixtures.userIn(1, "INVESTMENT", null, null);
        String officerB = ParkFixtures.userIn(parkB, "INVESTMENT", null, null);

        // park B starts with no chain map; its officer's map is its own, the first park's is untouched
        assertThat(Fixtures.asUser(officerB).get("/api/chains").then().statusCode(200).extract().jsonPath()
                .getList("code", String.class)).isEmpty();
        Fixtures.asUser(officerB).contentType("application/json").body(Map.of("reason", "乙园区物流链", "chains",
                List.of(Map.of("code", "STEEL", "name", "乙园区钢铁链", "segments", List.of(
                        Map.of("code", "TRADE", "name", "五金贸易", "stage", "UPSTREAM", "industryCodes", List.of("F51")))))))
                .put("/api/chains").then().statusCode(200);
        assertThat(Fixtures.asUser(officerB).get("/api/chains").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class)).containsExactly("乙园区钢铁链");
        assertThat(Fixtures.asUser(officerA).get("/api/chains").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class)).doesNotContain("乙园区钢铁链").contains("特钢及装备制造产业链");

        JsonPath b = Fixtures.asUser(officerB).contentType("application/json").body(Map.of("limit", 100000))
                .post("/api/screenings").then().statusCode(200).extract().jsonPath();
        List<String> seenB = new ArrayList<>(b.getList("ranked.uscc", String.class));
        seenB.addAll(b.getList("excluded.uscc", String.class));
        assertThat(seenB).containsExactlyInAnyOrder(prospectB1, prospectB2);
        // the trade prospect fills park B's one chain segment; the other is outside its map
        assertThat(b.getFloat("ranked.find { it.uscc == '" + prospectB2 + "' }.contributions.find { it.code == 'CHAIN_FIT' }.value"))
                .isGreaterThan(0f);
        assertThat(b.getFloat("ranked.find { it.uscc == '" + prospectB1 + "' }.contributions.find { it.code == 'CHAIN_FIT' }.value"))
                .isZero();
        long screeningB = b.getLong("screeningId");

        JsonPath a = Fixtures.asUser(officerA).contentType("application/json").body(Map.of("limit", 100000))
                .post("/api/screenings").then().statusCode(200).extract().jsonPath();
        List<String> seenA = new ArrayList<>(a.getList("ranked.uscc", String.class));
        seenA.addAll(a.getList("excluded.uscc", String.class));
        assertThat(seenA).contains(prospectA).doesNotContain(prospectB1, prospectB2);
        long screeningA = a.getLong("screeningId");

        // saved screenings and shortlists stay in their park
        assertThat(Fixtures.asUser(officerB).get("/api/screenings").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).containsExactly(screeningB);
        assertThat(Fixtures.asUser(officerA).get("/api/screenings").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(screeningA).doesNotContain(screeningB);
        Fixtures.asUser(officerB).post("/api/screenings/" + screeningA + "/rerun").then().statusCode(404)
                .contentType("application/problem+json");
        Fixtures.asUser(officerB).get("/api/screenings/" + screeningA + "/shortlist").then().statusCode(404);
        Fixtures.asUser(officerA).contentType("application/json").body(Map.of("uscc", prospectB1, "note", "越园区"))
                .post("/api/screenings/" + screeningB + "/shortlist").then().statusCode(404);
        // a prospect of the other park is no prospect of this screening's park
        Fixtures.asUser(officerA).contentType("application/json").body(Map.of("uscc", prospectB1, "note", "越园区"))
                .post("/api/screenings/" + screeningA + "/shortlist").then().statusCode(422);
        Fixtures.asUser(officerB).contentType("application/json").body(Map.of("uscc", prospectB1, "note", "重点洽谈"))
                .post("/api/screenings/" + screeningB + "/shortlist").then().statusCode(200);
        assertThat(Fixtures.asUser(officerB).get("/api/screenings/" + screeningB + "/shortlist").then().statusCode(200)
                .extract().jsonPath().getList("uscc", String.class)).containsExactly(prospectB1);
        // the region ADMIN reads every park's screenings
        assertThat(Fixtures.asAdmin().get("/api/screenings").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(screeningA, screeningB);
    }
}
