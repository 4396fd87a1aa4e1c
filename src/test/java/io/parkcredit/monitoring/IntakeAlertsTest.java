package io.parkcredit.monitoring;

import static io.parkcredit.testing.MonitoringFixtures.event;
import static io.parkcredit.testing.MonitoringFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The intake API writes its events' alerts and firm SMS itself ({@code COPY}, MonitoringPass
 * .processNew); events from elsewhere (a bundle import) go through the queued pass's statement. Both
 * must write the same rows for the same event.
 */
@QuarkusTest
class IntakeAlertsTest {

    private static final LocalDate RECENT = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1);

    @Inject
    DataSource dataSource;

    /** The alert and firm SMS of each of the firm's events, by title: the columns both paths write, the firm's name as {firm}. */
    private List<String> rows(Firm firm, String name) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select a.kind, a.level, a.channels, a.title, a.reason, a.rule_id, a.accepted_at is not null,
                       m.template_code, m.params ->> 'title', m.params ->> 'type', m.params ->> 'date', m.params ->> 'firm',
                       m.text, m.urgent, m.mobile, m.dedup_key = 'FIRM:' || a.uscc || ':' || a.ref, m.accepted_at = a.accepted_at
                from monitoring_alerts a left join sms_messages m on m.alert_id = a.id
                where a.uscc = ? order by a.title""")) {
            ps.setString(1, firm.uscc());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 17; i++) {
                        String v = rs.getString(i);
                        row.append(v == null ? "null" : v.replace(name, "{firm}").replace(firm.mobile(), "{mobile}")).append(" | ");
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    @Test
    void theIntakeWritesTheAlertsAndSmsTheQueuedPassWritesForTheSameEvents() throws Exception {
        List<Firm> firms = MonitoringFixtures.firms(2, "同写");
        Firm api = firms.get(0);
        Firm imported = firms.get(1);
        post(List.of(event(api.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠缴税款"),
                event(api.uscc(), "SERIOUS_ILLEGAL", "SERIOUS", RECENT, "列入严重违法失信名单"),
                event(api.uscc(), "CONSUMER_COMPLAINT", "MINOR", RECENT, "")));
        String header = "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n";
        Fixtures.importBundle(Map.of("credit_events", header
                + "SAMR," + Fixtures.newCode("Q") + "," + imported.uscc() + ",TAX_ARREARS,GENERAL," + RECENT + ",20000,,欠缴税款,,\n"
                + "SAMR," + Fixtures.newCode("Q") + "," + imported.uscc() + ",SERIOUS_ILLEGAL,SERIOUS," + RECENT + ",20000,,列入严重违法失信名单,,\n"
                + "SAMR," + Fixtures.newCode("Q") + "," + imported.uscc() + ",CONSUMER_COMPLAINT,MINOR," + RECENT + ",20000,,,,\n"));
        MonitoringFixtures.await("the imported events' alerts", Duration.ofSeconds(20), () -> {
            try {
                return rows(imported, imported.name()).size() == 3;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<String> viaApi = rows(api, api.name());
        assertThat(viaApi).hasSize(3);
        assertThat(viaApi).allSatisfy(r -> assertThat(r).contains("{firm}").contains("{mobile}").endsWith("t | t | "));
        assertThat(viaApi).anySatisfy(r -> assertThat(r).startsWith("EVENT | INFO | ").contains("消费者投诉"));
        assertThat(viaApi).isEqualTo(rows(imported, imported.name()));
    }

    @Test
    void anEventWhoseAlertExistsAlreadyRaisesNoSecondAlertOrSms() throws Exception {
        Firm firm = MonitoringFixtures.firm("已有预警");
        String no = Fixtures.newCode("CF");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into monitoring_alerts"
                + " (ref, kind, uscc, level, channels, title, reason, accepted_at) values (?, 'EVENT', ?, 'WARNING', 'INBOX',"
                + " '早先的预警', 'written before the event', now())")) {
            ps.setString(1, "EVENT:SAMR/" + no);
            ps.setString(2, firm.uscc());
            ps.executeUpdate();
        }
        Map<String, Object> e = event(firm.uscc(), "TAX_ARREARS", "GENERAL", RECENT, "欠税");
        e.put("eventNo", no);
        Map<String, Object> other = event(firm.uscc(), "WAGE_ARREARS", "GENERAL", RECENT, "欠薪");
        post(List.of(e, other));

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select a.title,"
                + " (select count(*) from sms_messages m where m.alert_id = a.id) from monitoring_alerts a where a.uscc = ?"
                + " order by a.title")) {
            ps.setString(1, firm.uscc());
            try (ResultSet rs = ps.executeQuery()) {
                List<String> got = new ArrayList<>();
                while (rs.next()) {
                    got.add(rs.getString(1) + ":" + rs.getInt(2));
                }
                assertThat(got).containsExactlyInAnyOrder("早先的预警:0", "欠薪:1");
            }
        }
    }
}
