package io.parkcredit.browser;

import static io.parkcredit.browser.PagesTest.signIn;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The monitoring pages over HTTP with the session cookie: inbox, acknowledgement, timeline, SMS log, rules (DOMAIN.md §6). */
@QuarkusTest
class MonitoringPagesTest {

    @Test
    void theOfficerSeesTheAlertAcknowledgesItAndFindsTheSms() {
        Firm firm = MonitoringFixtures.firm("页面监护");
        MonitoringFixtures.post(event(firm.uscc(), "DISHONEST_DEBTOR", "SERIOUS", LocalDate.now().minusDays(1), "列入失信被执行人"));
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);

        given().cookies(admin).accept("text/html").get("/monitoring?uscc=" + firm.uscc()).then().statusCode(200)
                .body(containsString("<h1>预警收件箱</h1>")).body(containsString("列入失信被执行人"))
                .body(containsString("CRITICAL")).body(containsString(firm.name()));
        long id = Fixtures.asAdmin().get("/api/alerts?uscc=" + firm.uscc()).then().extract().jsonPath().getLong("items[0].id");
        given().cookies(admin).redirects().follow(false).formParam("note", "已约谈").post("/monitoring/alerts/" + id + "/acknowledgement")
                .then().statusCode(303);
        assertThat(Fixtures.asAdmin().get("/api/alerts?uscc=" + firm.uscc()).then().extract().jsonPath()
                .getString("items[0].acknowledgedBy")).isEqualTo("admin");

        given().cookies(admin).accept("text/html").get("/monitoring/firms/" + firm.uscc()).then().statusCode(200)
                .body(containsString("信用监护时间线")).body(containsString("列入失信被执行人"));
        given().cookies(admin).accept("text/html").get("/monitoring/sms?mobile=" + firm.mobile()).then().statusCode(200)
                .body(containsString("【园区信用通】" + firm.name())).body(containsString("PENDING"));
    }

    @Test
    void theRulesEditorSavesWithAReasonAndShowsRefusals() {
        Cookies admin = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        given().cookies(admin).accept("text/html").get("/monitoring/rules").then().statusCode(200)
                .body(containsString("预警规则")).body(containsString("PC_EVENT_SERIOUS"));
        JsonPath rule = Fixtures.asAdmin().contentType("application/json").body(java.util.Map.of("eventType", "TAX_ARREARS",
                "severity", "SERIOUS", "level", "CRITICAL", "notifyInstitutions", true, "templateCode", "PC_TAX",
                "template", "【园区信用通】{firm}：严重欠税“{title}”。", "reason", "页面测试"))
                .post("/api/monitoring/rules").then().statusCode(201).extract().jsonPath();
        long id = rule.getLong("id");
        given().cookies(admin).accept("text/html").formParam("eventType", "TAX_ARREARS").formParam("severity", "SERIOUS")
                .formParam("level", "CRITICAL").formParam("templateCode", "PC_TAX").formParam("template", "{firm} {amount}")
                .formParam("version", 0).formParam("reason", "错误模板").formParam("enabled", "on")
                .post("/monitoring/rules/" + id).then().statusCode(422).body(containsString("{amount}"));
        given().cookies(admin).redirects().follow(false).formParam("eventType", "TAX_ARREARS").formParam("severity", "SERIOUS")
                .formParam("level", "WARNING").formParam("templateCode", "PC_TAX").formParam("template", "【园区信用通】{firm}：{title}")
                .formParam("version", 0).formParam("reason", "降级").formParam("sms", "on").formParam("notifyFirm", "on")
                .post("/monitoring/rules/" + id).then().statusCode(303);
        assertThat(Fixtures.asAdmin().get("/api/monitoring/rules").then().extract().jsonPath()
                .getString("find { it.id == " + id + " }.level")).isEqualTo("WARNING");
        // back to what the default rule does for the rest of the suite's TAX_ARREARS / SERIOUS events
        given().cookies(admin).redirects().follow(false).formParam("eventType", "TAX_ARREARS").formParam("severity", "SERIOUS")
                .formParam("level", "CRITICAL").formParam("templateCode", "PC_TAX").formParam("template", "【园区信用通】{firm}：{title}")
                .formParam("notifyFirm", "on").formParam("notifyOfficers", "on").formParam("notifyInstitutions", "on")
                .formParam("sms", "on").formParam("enabled", "on")
                .formParam("version", 1).formParam("reason", "恢复默认").post("/monitoring/rules/" + id).then().statusCode(303);
    }

    @Test
    void aFirmSeesItsOwnTimelineButNotTheSmsLog() {
        Firm firm = MonitoringFixtures.firm("页面企业");
        String user = Fixtures.newUser("ENTERPRISE", firm.uscc(), null);
        Cookies session = signIn(user, "password-" + user);
        given().cookies(session).accept("text/html").get("/monitoring/firms/" + firm.uscc()).then().statusCode(200);
        given().cookies(session).accept("text/html").get("/monitoring/firms/" + Fixtures.newEnterprise("别人")).then().statusCode(403);
        given().cookies(session).accept("text/html").get("/monitoring/sms").then().statusCode(403);
    }
}
