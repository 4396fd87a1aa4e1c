package io.parkcredit.monitoring;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static io.parkcredit.testing.MonitoringFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Intake, alert rules, dedup and who sees which alert (DOMAIN.md §6, API.md). */
@QuarkusTest
class MonitoringApiTest {

    private static final LocalDate RECENT = LocalDate.now().minusDays(2);

    private static JsonPath alerts(String uscc) {
        return asAdmin().get("/api/alerts?uscc=" + uscc).then().statusCode(200).extract().jsonPath();
    }

    @Inject
    DataSource dataSource;

    /** The firm's credit events still waiting in the monitoring queue (the pass deletes them as it alerts). */
    private long queuedEvents(String uscc) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from monitoring_queue q join credit_events e on e.id = q.event_id where e.uscc = ?")) {
            ps.setString(1, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath sms(String uscc) {
        return asAdmin().get("/api/sms?uscc=" + uscc).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSeriousPenaltyAlertsTheFirmByChineseSmsTheOfficersAndTheLendingBank() {
        Firm firm = MonitoringFixtures.firm("监护严重");
        String bank = MonitoringFixtures.bankLending(firm.uscc(), RECENT.minusYears(1), RECENT.plusYears(1));
        String quietBank = MonitoringFixtures.bankLending(Fixtures.newEnterprise("别家公司"), RECENT.minusYears(1), RECENT.plusYears(1));
        String officerMobile = MonitoringFixtures.newMobile();
        asAdmin().contentType("application/json").body(Map.of("mobile", officerMobile, "minLevel", "CRITICAL"))
                .put("/api/monitoring/subscriptions/" + bank).then().statusCode(200).body("mobile", equalTo(officerMobile));

        JsonPath stored = post(event(firm.uscc(), "ADMIN_PENALTY", "SERIOUS", RECENT, "违法排放污染物"));
        assertThat(stored.getBoolean("[0].created")).isTrue();
        String ref = stored.getString("[0].source") + "/" + stored.getString("[0].eventNo");

        JsonPath a = alerts(firm.uscc());
        assertThat(a.getInt("total")).isEqualTo(1);
        assertThat(a.getString("items[0].eventRef")).isEqualTo(ref);
        assertThat(a.getString("items[0].level")).isEqualTo("CRITICAL");
        assertThat(a.getList("items[0].channels", String.class)).containsExactly("INBOX", "SMS", "INSTITUTIONS");
        assertThat(a.getList("items[0].institutions", String.class)).containsExactly(bank);
        assertThat(a.getString("items[0].reason")).contains("ADMIN_PENALTY / SERIOUS");

        JsonPath s = sms(firm.uscc());
        assertThat(s.getList("items.mobile", String.class)).containsExactlyInAnyOrder(firm.mobile(), officerMobile);
        String text = s.getString("items.find { it.mobile == '" + firm.mobile() + "' }.text");
        assertThat(text).startsWith("【园区信用通】" + firm.name() + "：").contains("违法排放污染物", "行政处罚", "信用修复");
        assertThat(s.getList("items.status", String.class)).containsOnly("PENDING");

        String bankUser = Fixtures.newUser("BANK", null, bank);
        asUser(bankUser).get("/api/alerts").then().statusCode(200).body("items.eventRef", hasItem(ref));
        String otherBankUser = Fixtures.newUser("BANK", null, quietBank);
        asUser(otherBankUser).get("/api/alerts?uscc=" + firm.uscc()).then().statusCode(200).body("total", equalTo(0));
        String firmUser = Fixtures.newUser("ENTERPRISE", firm.uscc(), null);
        asUser(firmUser).get("/api/alerts").then().statusCode(200).body("total", equalTo(1));
        asUser(firmUser).get("/api/sms").then().statusCode(403);
    }

    @Test
    void aGeneralEventAlertsTheFirmButNotTheBanks() {
        Firm firm = MonitoringFixtures.firm("监护一般");
        MonitoringFixtures.bankLending(firm.uscc(), RECENT.minusYears(1), RECENT.plusYears(1));
        post(event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠缴增值税"));
        JsonPath a = alerts(firm.uscc());
        assertThat(a.getString("items[0].level")).isEqualTo("WARNING");
        assertThat(a.getList("items[0].institutions")).isEmpty();
        assertThat(sms(firm.uscc()).getList("items.mobile", String.class)).containsExactly(firm.mobile());
    }

    @Test
    void aRepeatedEventRaisesNothingNew() {
        Firm firm = MonitoringFixtures.firm("监护重复");
        Map<String, Object> e = event(firm.uscc(), "WAGE_ARREARS", "GENERAL", RECENT, "拖欠农民工工资");
        post(e);
        JsonPath again = post(List.of(e, e));
        assertThat(again.getList("id")).hasSize(1);
        assertThat(again.getBoolean("[0].created")).isFalse();
        assertThat(alerts(firm.uscc()).getInt("total")).isEqualTo(1);
        assertThat(sms(firm.uscc()).getInt("total")).isEqualTo(1);
    }

    @Test
    void theMostSpecificRuleWinsPerTypeAndSeverity() {
        String template = "【园区信用通】{firm}：{type}“{title}”，请于7日内到园区信用办说明情况。";
        int id = asAdmin().contentType("application/json").body(Map.of("eventType", "QUALITY_CHECK_FAILED",
                "severity", "MINOR", "level", "WARNING", "notifyFirm", true, "notifyOfficers", true,
                "notifyInstitutions", false, "sms", true, "templateCode", "PC_QUALITY", "template", template,
                "reason", "抽检不合格需当面说明")).post("/api/monitoring/rules").then().statusCode(201).extract().path("id");

        Firm firm = MonitoringFixtures.firm("监护规则");
        post(List.of(event(firm.uscc(), "QUALITY_CHECK_FAILED", "MINOR", RECENT, "产品抽检不合格"),
                event(firm.uscc(), "CONSUMER_COMPLAINT", "MINOR", RECENT, "消费者投诉属实")));
        JsonPath a = alerts(firm.uscc());
        assertThat(a.getString("items.find { it.title == '产品抽检不合格' }.level")).isEqualTo("WARNING");
        assertThat(a.getString("items.find { it.title == '产品抽检不合格' }.reason")).contains("rule " + id + " ");
        assertThat(a.getString("items.find { it.title == '消费者投诉属实' }.level")).isEqualTo("INFO");
        assertThat(sms(firm.uscc()).getList("items.text", String.class)).contains(
                "【园区信用通】" + firm.name() + "：抽检不合格“产品抽检不合格”，请于7日内到园区信用办说明情况。");

        // a disabled rule silences its events; the change is versioned and audited
        asAdmin().contentType("application/json").body(Map.of("eventType", "QUALITY_CHECK_FAILED", "severity", "MINOR",
                "level", "WARNING", "templateCode", "PC_QUALITY", "template", template, "enabled", false, "version", 0,
                "reason", "暂停")).put("/api/monitoring/rules/" + id).then().statusCode(200).body("version", equalTo(1));
        asAdmin().contentType("application/json").body(Map.of("eventType", "QUALITY_CHECK_FAILED", "severity", "MINOR",
                "level", "WARNING", "templateCode", "PC_QUALITY", "template", template, "version", 0, "reason", "旧版本"))
                .put("/api/monitoring/rules/" + id).then().statusCode(409);
        Firm other = MonitoringFixtures.firm("监护停用");
        post(event(other.uscc(), "QUALITY_CHECK_FAILED", "MINOR", RECENT, "再次抽检不合格"));
        assertThat(alerts(other.uscc()).getInt("total")).isZero();
        asAdmin().get("/api/audit?targetType=alert-rule&targetKey=" + id).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void positiveAndOldEventsRaiseNoAlert() {
        Firm firm = MonitoringFixtures.firm("监护正面");
        post(List.of(event(firm.uscc(), "HONOR", null, RECENT, "省级专精特新"),
                event(firm.uscc(), "LAWSUIT_DEFENDANT", "GENERAL", RECENT.minusYears(2), "旧诉讼")));
        assertThat(alerts(firm.uscc()).getInt("total")).isZero();
    }

    @Test
    void invalidEventsAreRefusedWithTheField() {
        Firm firm = MonitoringFixtures.firm("监护校验");
        Map<String, Object> bad = event(firm.uscc(), "ADMIN_PENALTY", null, RECENT, "x");
        bad.put("occurredOn", "2026-13-45");
        asAdmin().contentType("application/json").body(List.of(event(firm.uscc(), "HONOR", null, RECENT, "ok"), bad))
                .post("/api/credit-events").then().statusCode(422)
                .body("errors.field", hasItem("[1].severity")).body("errors.field", hasItem("[1].occurredOn"));
        asAdmin().contentType("application/json").body(event(Fixtures.newUscc(), "HONOR", null, RECENT, "无此企业"))
                .post("/api/credit-events").then().statusCode(422).body("errors[0].field", equalTo("uscc"));
        asAdmin().contentType("application/json").body("\"text\"").post("/api/credit-events").then().statusCode(400);
        String firmUser = Fixtures.newUser("ENTERPRISE", firm.uscc(), null);
        asUser(firmUser).contentType("application/json").body(event(firm.uscc(), "HONOR", null, RECENT, "自报"))
                .post("/api/credit-events").then().statusCode(403);
    }

    @Test
    void eventsFromABundleImportAreMonitoredToo() {
        Firm firm = MonitoringFixtures.firm("监护导入");
        String no = Fixtures.newCode("B");
        Fixtures.importBundle(Map.of("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR," + no + "," + firm.uscc() + ",SAFETY_VIOLATION,SERIOUS," + RECENT + ",50000,,重大安全隐患未整改,,\n"));
        MonitoringFixtures.await("the import's alert", Duration.ofSeconds(20), () -> alerts(firm.uscc()).getInt("total") == 1);
        assertThat(alerts(firm.uscc()).getString("items[0].eventRef")).isEqualTo("SAMR/" + no);
        // importing the same bundle again raises nothing new, once whatever it queued has been processed
        Fixtures.importBundle(Map.of("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SAMR," + no + "," + firm.uscc() + ",SAFETY_VIOLATION,SERIOUS," + RECENT + ",50000,,重大安全隐患未整改,,\n"));
        MonitoringFixtures.await("the monitoring queue drained of the firm's events", Duration.ofSeconds(20),
                () -> queuedEvents(firm.uscc()) == 0);
        JsonPath a = alerts(firm.uscc());
        assertThat(a.getInt("total")).isEqualTo(1);
        assertThat(a.getString("items[0].eventRef")).isEqualTo("SAMR/" + no);
        JsonPath s = sms(firm.uscc());
        assertThat(s.getInt("total")).isEqualTo(1);
        assertThat(s.getList("items.mobile", String.class)).containsExactly(firm.mobile());
    }

    @Test
    void theOfficerAcknowledgesAnAlertOnce() {
        Firm firm = MonitoringFixtures.firm("监护确认");
        post(event(firm.uscc(), "CONTRACT_BREACH", "GENERAL", RECENT, "合同违约"));
        long id = alerts(firm.uscc()).getLong("items[0].id");
        asAdmin().contentType("application/json").body(Map.of("note", "已电话联系企业")).post("/api/alerts/" + id + "/acknowledgement")
                .then().statusCode(200).body("acknowledgedBy", equalTo("admin"));
        asAdmin().contentType("application/json").body(Map.of("note", "again")).post("/api/alerts/" + id + "/acknowledgement")
                .then().statusCode(409);
        asAdmin().get("/api/alerts?open=true&uscc=" + firm.uscc()).then().body("total", equalTo(0));
        asAdmin().get("/api/monitoring/firms/" + firm.uscc()).then().statusCode(200).body("alerts.size()", equalTo(1));
    }
}
