package io.parkcredit.backtest;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.bundle.DemoStoryTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The demo park's back-test of the year before last separates its firms (README "Back-testing"):
 * its yearly review scores come from statements that the same hidden risk drives as the firm's
 * later arrears and serious records.
 */
@QuarkusTest
@TestProfile(DemoStoryTest.Profile.class)
class BacktestDemoTest {

    @Inject
    Clock clock;

    @Test
    void theDemoParksGradesSeparateGoodFromBadFirms() {
        int y = LocalDate.now(clock).getYear() - 2;
        JsonPath bt = asAdmin().get("/api/backtests/" + y).then().statusCode(200).extract().jsonPath();
        assertThat(bt.getDouble("auc")).isGreaterThan(0.62);
        assertThat(bt.getDouble("ks")).isGreaterThan(0.25);
        assertThat(bt.getList("grades.count", Integer.class).stream().mapToInt(Integer::intValue).sum()).isGreaterThan(50);
        assertThat(bt.getDouble("psi")).isNotNull();
        // and the page draws it
        String html = io.restassured.RestAssured.given().cookies(io.restassured.RestAssured.given()
                .redirects().follow(false).formParam("j_username", io.parkcredit.testing.Fixtures.ADMIN)
                .formParam("j_password", io.parkcredit.testing.Fixtures.ADMIN_PASSWORD).post("/j_security_check")
                .then().statusCode(302).extract().detailedCookies())
                .get("/backtests?year=" + y).then().statusCode(200).extract().asString();
        assertThat(html).contains("backtest-roc-chart", "backtest-data", "/api/backtests/" + y + "/export");
    }
}
