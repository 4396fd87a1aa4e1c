package io.parkcredit.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The scheduled reminder scans (DOMAIN.md §6): every {@link ReminderSource} bean's query runs for
 * the scan day and its rows are inserted {@code ON CONFLICT (reminder_key) DO NOTHING}; only the
 * rows actually inserted raise an alert and an SMS, so each reminder is produced once, whichever
 * instance runs the scan and however often.
 */
@ApplicationScoped
public class ReminderScan {

    private static final Logger LOG = Logger.getLogger(ReminderScan.class);

    @Inject
    io.parkcredit.security.CurrentUser currentUser;

    @Inject
    @Any
    Instance<ReminderSource> sources;

    @Inject
    DataSource dataSource;

    @Inject
    MonitoringPass pass;

    /** A scan asked for by a user (the scheduled one calls {@link #scan}): the right is checked first. */
    public Map<String, Integer> scanNow(LocalDate day) {
        currentUser.require(io.parkcredit.security.Action.MONITORING_SCAN);
        return scan(day);
    }

    /** Reminders raised per kind by one scan. */
    @Transactional
    public Map<String, Integer> scan(LocalDate day) {
        Map<String, Integer> raised = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (ReminderSource source : sources) {
                List<String> keys = new ArrayList<>();
                String select = source.sql().replace(":today", "?::date");
                try (PreparedStatement ps = c.prepareStatement("with s as (" + select + "),"
                        + " ins as (insert into monitoring_reminders (reminder_key, kind, uscc, institution_code, due_on, title, scan_day)"
                        + " select s.reminder_key, ?, s.uscc, s.institution_code, s.due_on, s.title, ?::date from s"
                        + " join enterprises f on f.uscc = s.uscc"
                        + " on conflict (reminder_key) do nothing returning reminder_key)"
                        + " select reminder_key from ins")) {
                    int n = countPlaceholders(source.sql());
                    for (int i = 1; i <= n; i++) {
                        ps.setObject(i, day);
                    }
                    ps.setString(n + 1, source.kind());
                    ps.setObject(n + 2, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            keys.add(rs.getString(1));
                        }
                    }
                }
                pass.alertReminders(c, keys, day, source.textsFirm());
                raised.merge(source.kind(), keys.size(), Integer::sum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reminder scan failed: " + e.getMessage(), e);
        }
        LOG.infof("reminder scan of %s raised %s", day, raised);
        return raised;
    }

    static int countPlaceholders(String sql) {
        int n = 0;
        for (int i = sql.indexOf(":today"); i >= 0; i = sql.indexOf(":today", i + 1)) {
            n++;
        }
        return n;
    }
}
