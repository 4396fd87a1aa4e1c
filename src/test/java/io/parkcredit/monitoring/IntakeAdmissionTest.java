package io.parkcredit.monitoring;

import static io.parkcredit.testing.MonitoringFixtures.event;
import static io.parkcredit.testing.MonitoringFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Admission of the event intake (README "Configuration", {@code PARKCREDIT_MONITORING_INTAKE_*}): a
 * request waits while a due SMS has waited longer than the lag, at most the configured wait. The test
 * profile turns admission off (no dispatcher runs in tests); these build it with their own settings.
 */
@QuarkusTest
class IntakeAdmissionTest {

    @Inject
    DataSource dataSource;

    private IntakeAdmission admission(Duration maxLag, Duration maxWait) {
        MonitoringConfig.Intake intake = new MonitoringConfig.Intake() {
            @Override
            public Duration maxLag() {
                return maxLag;
            }

            @Override
            public Duration maxWait() {
                return maxWait;
            }
        };
        IntakeAdmission a = new IntakeAdmission();
        a.dataSource = dataSource;
        a.config = (MonitoringConfig) Proxy.newProxyInstance(MonitoringConfig.class.getClassLoader(),
                new Class<?>[] {MonitoringConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("intake")) {
                        return intake;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return a;
    }

    @Test
    void aMessageDueLongerThanTheLagHoldsRequestsBackForAtMostTheWait() throws Exception {
        Firm firm = MonitoringFixtures.firm("积压");
        post(List.of(event(firm.uscc(), "TAX_ARREARS", "GENERAL", LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1), "欠税")));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update sms_batches b"
                + " set due_at = now() - interval '10 minutes' from sms_messages m where m.id = any(b.message_ids) and m.uscc = ?")) {
            ps.setString(1, firm.uscc());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        long waited = admission(Duration.ofMinutes(5), Duration.ofMillis(300)).await();

        assertThat(waited).as("a due message 10 min old against a lag of 5 min").isBetween(300L, 3_000L);
    }

    @Test
    void noMessageDueLongerThanTheLagLetsRequestsGoAtOnce() {
        // no message anywhere has been due for a century
        long waited = admission(Duration.ofDays(36_500), Duration.ofSeconds(30)).await();

        assertThat(waited).isLessThan(1_000L);
    }

    @Test
    void theLagThisInstancesDispatcherLastSawDecidesWithoutAQuery() {
        SmsDispatcher dispatcher = new SmsDispatcher();
        IntakeAdmission behind = admission(Duration.ofMinutes(5), Duration.ofMillis(300));
        behind.dataSource = null; // a query would fail: the dispatcher's observation must decide alone
        behind.dispatcher = dispatcher;

        dispatcher.observeLag(null, Duration.ofMinutes(10));
        assertThat(behind.await()).as("its last claim took a message due 10 min").isBetween(300L, 3_000L);

        dispatcher.observeLag(new String[] {"91110000000000000X"}, Duration.ZERO);
        assertThat(behind.await()).as("a round over chosen firms says nothing of the outbox").isBetween(300L, 3_000L);

        dispatcher.observeLag(null, Duration.ofMillis(200));
        assertThat(behind.await()).as("its last claim took a message due 0.2 s").isLessThan(300L);
    }

    @Test
    void aLagOfZeroTurnsAdmissionOff() {
        long waited = admission(Duration.ZERO, Duration.ofSeconds(30)).await();

        assertThat(waited).isZero();
    }
}
