package io.parkcredit.security;

import io.agroal.api.AgroalDataSource;
import io.parkcredit.ParkCreditMain;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Several instances behind a load balancer must share {@code PARKCREDIT_SESSION_KEY}, or a browser
 * signed in on one is signed out by the next. An instance started without the key refuses to start
 * while another instance is checked into the Quartz cluster of the same database.
 */
@ApplicationScoped
public class SessionKeyGuard {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @ConfigProperty(name = "quarkus.quartz.cluster-checkin-interval", defaultValue = "15000")
    long checkinInterval;

    void onStart(@Observes @Priority(1) StartupEvent ev) throws SchedulerException {
        if (!Boolean.getBoolean(ParkCreditMain.GENERATED_SESSION_KEY)) {
            return;
        }
        List<String> others = otherInstances(scheduler.getSchedulerInstanceId(), System.currentTimeMillis());
        if (!others.isEmpty()) {
            throw new IllegalStateException(refusal(others));
        }
    }

    static String refusal(List<String> others) {
        return "PARKCREDIT_SESSION_KEY is not set while other instances run on this database (" + String.join(", ", others)
                + "): set the same key (32+ random characters, e.g. `openssl rand -base64 48`) on every instance";
    }

    /** Instances other than {@code self} that checked in within four check-in intervals. */
    List<String> otherInstances(String self, long nowMillis) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select instance_name from qrtz_scheduler_state"
                        + " where instance_name <> ? and last_checkin_time > ?")) {
            ps.setString(1, self);
            ps.setLong(2, nowMillis - 4 * checkinInterval);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the Quartz cluster state", e);
        }
        return out;
    }
}
