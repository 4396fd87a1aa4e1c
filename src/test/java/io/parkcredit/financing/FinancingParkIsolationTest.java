package io.parkcredit.financing;

import static io.parkcredit.testing.FinancingFixtures.receivable;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Financing in a region of two parks (DOMAIN.md §10.3): a request goes only to the institutions of
 * its seller's park; banks, firms, park ADMINs and REGULATORs of the other park never see it (lists
 * leave it out, by id and actions are 404); a region REGULATOR sees both parks.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinancingParkIsolationTest {

    int parkB;
    Firm sellerA;
    Firm sellerB;
    Inst bankA;
    Inst bankB;
    Inst quietBankB;
    long reqA;
    long reqB;
    String regulatorA;
    String regulatorB;
    String adminB;
    String regionRegulator;

    boolean ready;

    /** Once per class (the server's HTTP port is known from the first test on). */
    @BeforeEach
    void twoParks() {
        if (ready) {
            return;
        }
        ready = true;
        parkB = ParkFixtures.newPark("第二园区");
        sellerA = FinancingFixtures.firm("甲园区卖方");
        Firm debtorA = FinancingFixtures.firm("甲园区买方");
        sellerB = moved(FinancingFixtures.firm("乙园区卖方"));
        Firm debtorB = moved(FinancingFixtures.firm("乙园区买方"));
        bankA = FinancingFixtures.bank();
        bankB = moved(FinancingFixtures.bank());
        quietBankB = moved(FinancingFixtures.institution("BANK")); // no product: nothing is routed to it
        reqA = FinancingFixtures.post(sellerA, receivable(debtorA.uscc(), Fixtures.newCode("PA"), 150_000, 100_000, 90))
                .getLong("id");
        reqB = FinancingFixtures.post(sellerB, receivable(debtorB.uscc(), Fixtures.newCode("PB"), 150_000, 100_000, 90))
                .getLong("id");
        // no flows: both are POOR and wait for the park's review; the region ADMIN sends both to the banks
        for (long id : List.of(reqA, reqB)) {
            Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "园区隔离测试"))
                    .post("/api/financing-requests/" + id + "/override").then().statusCode(200);
        }
        regulatorA = ParkFixtures.userIn(1, "REGULATOR", null, null);
        regulatorB = ParkFixtures.userIn(parkB, "REGULATOR", null, null);
        adminB = ParkFixtures.userIn(parkB, "ADMIN", null, null);
        regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);
    }

    private Firm moved(Firm f) {
        ParkFixtures.execute("update enterprises set park_id = ? where uscc = ?", parkB, f.uscc());
        ParkFixtures.execute("update app_users set park_id = ? where username = ?", parkB, f.user());
        return f;
    }

    private Inst moved(Inst i) {
        ParkFixtures.execute("update institutions set park_id = ? where code = ?", parkB, i.code());
        ParkFixtures.execute("update app_users set park_id = ? where username = ?", parkB, i.user());
        return i;
    }

    private static RequestSpecification as(String user) {
        return Fixtures.asUser(user);
    }

    private static List<Long> ids(RequestSpecification who, String path) {
        return who.get(path).then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void aRequestIsRoutedOnlyToTheInstitutionsOfItsSellersPark() {
        JsonPath b = Fixtures.asAdmin().get("/api/financing-requests/" + reqB).then().statusCode(200).extract().jsonPath();
        assertThat(b.getList("routedTo", String.class)).containsExactly(bankB.code());
        JsonPath a = Fixtures.asAdmin().get("/api/financing-requests/" + reqA).then().statusCode(200).extract().jsonPath();
        assertThat(a.getList("routedTo", String.class)).contains(bankA.code()).doesNotContain(bankB.code());
        // every institution a park-A request went to is of park A
        List<Object[]> parks = FinancingFixtures.rows(
                io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get(),
                "select distinct i.park_id from financing_routes rt join institutions i on i.code = rt.institution_code"
                        + " where rt.request_id = ?", reqA);
        assertThat(parks).hasSize(1);
        assertThat(((Number) parks.get(0)[0]).intValue()).isEqualTo(1);
    }

    @Test
    void aBankOfTheOtherParkNeverSeesTheRequest() {
        assertThat(ids(as(bankB.user()), "/api/financing-requests?size=1000")).containsExactly(reqB);
        assertThat(ids(as(bankB.user()), "/api/financing-requests?status=ROUTED&size=1000")).containsExactly(reqB);
        assertThat(ids(as(bankB.user()), "/api/financing/queue?size=100")).containsExactly(reqB);
        assertThat(ids(as(bankA.user()), "/api/financing-requests?size=1000")).contains(reqA).doesNotContain(reqB);
        assertThat(ids(as(bankA.user()), "/api/financing/queue?size=100")).contains(reqA).doesNotContain(reqB);
        for (String bank : List.of(bankB.user(), quietBankB.user())) {
            as(bank).get("/api/financing-requests/" + reqA).then().statusCode(404)
                    .contentType("application/problem+json");
            as(bank).post("/api/financing-requests/" + reqA + "/claim").then().statusCode(404);
            as(bank).get("/api/financing-requests/" + reqA + "/offers").then().statusCode(404);
            as(bank).contentType("application/json")
                    .body(Map.of("amount", 100000, "rate", 4.5, "termDays", 90, "expiresOn",
                            FinancingFixtures.today().plusDays(5).toString()))
                    .post("/api/financing-requests/" + reqA + "/offers").then().statusCode(404);
        }
        as(bankA.user()).get("/api/financing-requests/" + reqB).then().statusCode(404);
        as(bankA.user()).post("/api/financing-requests/" + reqB + "/claim").then().statusCode(404);
        // within its park an institution the request did not go to is still refused, as before
        as(quietBankB.user()).get("/api/financing-requests/" + reqB).then().statusCode(403);
        // an institution's limits and portfolio are its park's to read
        as(regulatorB).get("/api/financing/limits?institution=" + bankA.code()).then().statusCode(404);
        as(regulatorB).get("/api/financing/portfolio?institution=" + bankA.code()).then().statusCode(404);
        as(regulatorB).get("/api/financing/limits/history?institution=" + bankA.code()).then().statusCode(404);
        as(regulatorB).get("/api/financing/limits?institution=" + bankB.code()).then().statusCode(200);
        as(regulatorA).get("/api/financing/portfolio?institution=" + bankB.code()).then().statusCode(404);
        as(regionRegulator).get("/api/financing/portfolio?institution=" + bankB.code()).then().statusCode(200);
    }

    @Test
    void aFirmOfTheOtherParkGets404() {
        as(sellerB.user()).get("/api/financing-requests/" + reqA).then().statusCode(404);
        as(sellerA.user()).get("/api/financing-requests/" + reqB).then().statusCode(404);
        assertThat(ids(as(sellerB.user()), "/api/financing-requests?size=1000")).containsExactly(reqB);
    }

    @Test
    void theParkCommitteeSeesItsParkAndTheRegionSeesBoth() {
        assertThat(ids(as(regulatorB), "/api/financing-requests?size=1000")).containsExactly(reqB);
        assertThat(ids(as(adminB), "/api/financing-requests?size=1000")).containsExactly(reqB);
        assertThat(ids(as(regulatorA), "/api/financing-requests?size=1000")).contains(reqA).doesNotContain(reqB);
        assertThat(ids(as(regionRegulator), "/api/financing-requests?size=1000")).contains(reqA, reqB);
        as(regulatorB).get("/api/financing-requests/" + reqA).then().statusCode(404);
        as(regulatorB).get("/api/financing-requests/" + reqB).then().statusCode(200);
        as(regulatorA).get("/api/financing-requests/" + reqB).then().statusCode(404);
        as(regionRegulator).get("/api/financing-requests/" + reqA).then().statusCode(200);
        as(regionRegulator).get("/api/financing-requests/" + reqB).then().statusCode(200);
        as(adminB).contentType("application/json").body(Map.of("route", "BANKS", "reason", "越园区"))
                .post("/api/financing-requests/" + reqA + "/override").then().statusCode(404);
        as(adminB).post("/api/financing-requests/" + reqA + "/debtor-confirmation").then().statusCode(404);

        // the funnel of park B counts its one request, posted and routed
        JsonPath funnel = as(regulatorB).get("/api/financing/funnel").then().statusCode(200).extract().jsonPath();
        assertThat(funnel.getList("stages.count", Long.class).subList(0, 2)).containsExactly(1L, 1L);
        assertThat(funnel.getLong("rejected")).isZero();
        JsonPath region = as(regionRegulator).get("/api/financing/funnel").then().statusCode(200).extract().jsonPath();
        assertThat(region.getList("stages.count", Long.class).get(0)).isGreaterThanOrEqualTo(2L);

        // products: park B reads its institutions' products only
        assertThat(as(regulatorB).get("/api/products").then().statusCode(200).extract().jsonPath()
                .getList("institutionCode", String.class)).containsExactly(bankB.code());
        assertThat(as(regionRegulator).get("/api/products").then().statusCode(200).extract().jsonPath()
                .getList("institutionCode", String.class)).contains(bankA.code(), bankB.code());
    }
}
