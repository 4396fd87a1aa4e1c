package io.parkcredit.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The back-test in a region of two parks (DOMAIN.md §10.3, §10.4): a park's REGULATOR measures its
 * park's firms only, the region's every park's.
 */
@QuarkusTest
class BacktestParkIsolationTest {

    @Inject
    DataSource dataSource;

    @Test
    void aParkIsMeasuredOverItsOwnFirms() {
        int y = 2185 + (int) (System.nanoTime() % 10);
        int parkB = ParkFixtures.newPark("回测第二园区");
        String a0 = Fixtures.newEnterprise("甲园区回测");
        String b0 = ParkFixtures.enterpriseIn(parkB, "乙园区回测优");
        String b1 = ParkFixtures.enterpriseIn(parkB, "乙园区回测差");
        ParkFixtures.importInto(parkB, Map.of("credit_events",
                "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                        + "SAMR," + Fixtures.newCode("BTP") + "," + b1 + ",ADMIN_PENALTY,SERIOUS," + (y + 1)
                        + "-03-01,,,处罚,,\n"));
        LocalDate from = LocalDate.of(y, 6, 1);
        LocalDate until = LocalDate.of(y + 1, 5, 31);
        FinancingFixtures.sql(dataSource, "insert into published_ratings (uscc, grade, score, valid_from, valid_until)"
                + " values (?, 'AAA', 95, ?, ?), (?, 'C', 30, ?, ?), (?, 'B', 60, ?, ?)", b0, from, until, b1, from, until,
                a0, from, until);
        String regulatorA = ParkFixtures.userIn(1, "REGULATOR", null, null);
        String regulatorB = ParkFixtures.userIn(parkB, "REGULATOR", null, null);
        String regionRegulator = ParkFixtures.userIn(null, "REGULATOR", null, null);

        JsonPath b = Fixtures.asUser(regulatorB).get("/api/backtests/" + y).then().statusCode(200).extract().jsonPath();
        assertThat(b.getList("grades.grade")).containsExactly("C", "B", "A", "AA", "AAA");
        assertThat(b.getList("grades.count", Integer.class)).containsExactly(1, 0, 0, 0, 1);
        assertThat(b.getList("grades.bad", Integer.class)).containsExactly(1, 0, 0, 0, 0);
        // the one good firm (95) outscores the one bad firm (30)
        assertThat(b.getDouble("auc")).isEqualTo(1.0);
        String csvB = Fixtures.asUser(regulatorB).get("/api/backtests/" + y + "/export").then().statusCode(200).extract()
                .asString();
        assertThat(csvB.lines().skip(1).map(l -> l.substring(0, 18)).toList()).containsExactlyInAnyOrder(b0, b1);

        String csvA = Fixtures.asUser(regulatorA).get("/api/backtests/" + y + "/export").then().statusCode(200).extract()
                .asString();
        assertThat(csvA).contains(a0).doesNotContain(b0).doesNotContain(b1);
        String region = Fixtures.asUser(regionRegulator).get("/api/backtests/" + y + "/export").then().statusCode(200)
                .extract().asString();
        assertThat(region).contains(a0, b0, b1);
    }
}
