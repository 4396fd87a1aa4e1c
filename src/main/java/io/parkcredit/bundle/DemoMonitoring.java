package io.parkcredit.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkcredit.monitoring.EventIntake;
import io.parkcredit.monitoring.MonitoringJobs;
import io.parkcredit.monitoring.MonitoringService;
import io.parkcredit.monitoring.ReminderScan;
import io.parkcredit.monitoring.SmsDispatcher;
import io.parkcredit.security.StartupActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitoring chapter of the demo story (DOMAIN.md §6): the imported events of the last months
 * go through the monitoring pass, the demo bank and guarantor subscribe their officers, a tax
 * authority feed reports a serious record of a firm a bank has lent to (the firm and the bank are
 * alerted), the reminder scan runs, and the SMS outbox is dispatched once with the configured sender.
 */
@ApplicationScoped
public class DemoMonitoring {

    @Inject
    MonitoringJobs jobs;

    @Inject
    MonitoringService monitoring;

    @Inject
    EventIntake intake;

    @Inject
    ReminderScan reminders;

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    StartupActor actors;

    @Inject
    DemoFinancing financing;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Returns the number of alerts and of outbox rows afterwards. */
    int[] tell(LocalDate today, DemoFinancing.Cast cast) {
        jobs.drainQueue();
        actors.run(DemoFinancing.institutionActor(DemoUsers.BANK_CODE), () -> monitoring.subscribe(DemoUsers.BANK_CODE,
                new MonitoringService.SubscriptionInput("13903750001", "WARNING", true)));
        actors.run(DemoFinancing.institutionActor(DemoUsers.GUARANTOR_CODE), () -> monitoring.subscribe(
                DemoUsers.GUARANTOR_CODE, new MonitoringService.SubscriptionInput("13903750002", "CRITICAL", true)));
        List<String> lent = new ArrayList<>();
        financing.query("select seller_uscc from financing_requests where status = 'DISBURSED' order by id limit 1",
                rs -> lent.add(rs.getString(1)));
        if (!lent.isEmpty()) {
            ObjectNode event = json.createObjectNode().put("source", "TAX").put("eventNo", "TAX-" + today.getYear() + "-DEMO-1")
                    .put("uscc", lent.get(0)).put("type", "TAX_ARREARS").put("severity", "SERIOUS")
                    .put("occurredOn", today.minusDays(1).toString()).put("amount", "860000.00")
                    .put("title", "欠缴增值税逾期未缴纳").put("detail", "税务机关责令限期缴纳，逾期仍未缴纳");
            actors.run(DemoStory.PARK, () -> intake.accept(event));
        }
        reminders.scan(today);
        for (int round = 0; round < 100; round++) {
            SmsDispatcher.Round r = dispatcher.dispatch(clock.instant());
            if (r.claimed() == 0 || r.unavailable()) {
                break;
            }
        }
        int alerts = count("select count(*) from monitoring_alerts");
        int sms = count("select count(*) from sms_outbox");
        return new int[] {alerts, sms};
    }

    private int count(String sql) {
        int[] n = {0};
        financing.query(sql, rs -> n[0] = rs.getInt(1));
        return n[0];
    }
}
