package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.monitoring.MonitoringPass.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule an event raises its alert under (DOMAIN.md §6): the most specific one, type before severity. */
class AlertRuleChoiceTest {

    private static Rule rule(long id, String type, String severity, boolean enabled) {
        return new Rule(id, type, severity, "WARNING", true, true, false, true, "T" + id, "{firm}", enabled);
    }

    private static final List<Rule> RULES = List.of(rule(1, "*", "*", true), rule(2, "*", "SERIOUS", true),
            rule(3, "TAX_ARREARS", "*", true), rule(4, "TAX_ARREARS", "SERIOUS", true), rule(5, "WAGE_ARREARS", "*", false));

    @Test
    void typeAndSeverityBeatTypeAloneWhichBeatsSeverityAloneWhichBeatsNeither() {
        assertThat(MonitoringPass.ruleFor(RULES, "TAX_ARREARS", "SERIOUS")).get().extracting(Rule::id).isEqualTo(4L);
        assertThat(MonitoringPass.ruleFor(RULES, "TAX_ARREARS", "MINOR")).get().extracting(Rule::id).isEqualTo(3L);
        assertThat(MonitoringPass.ruleFor(RULES, "ADMIN_PENALTY", "SERIOUS")).get().extracting(Rule::id).isEqualTo(2L);
        assertThat(MonitoringPass.ruleFor(RULES, "ADMIN_PENALTY", "GENERAL")).get().extracting(Rule::id).isEqualTo(1L);
    }

    @Test
    void anEventWithoutSeverityCountsAsGeneral() {
        List<Rule> rules = List.of(rule(1, "*", "*", true), rule(6, "*", "GENERAL", true));
        assertThat(MonitoringPass.ruleFor(rules, "ADMIN_PENALTY", null)).get().extracting(Rule::id).isEqualTo(6L);
    }

    @Test
    void aDisabledWinnerSilencesTheEventEvenWhenALessSpecificRuleIsOn() {
        assertThat(MonitoringPass.ruleFor(RULES, "WAGE_ARREARS", "SERIOUS")).isEmpty();
        assertThat(MonitoringPass.ruleFor(List.of(rule(3, "TAX_ARREARS", "*", true)), "ADMIN_PENALTY", "GENERAL")).isEmpty();
    }

    @Test
    void theChannelsNameWhoIsTold() {
        assertThat(MonitoringPass.channels(new Rule(1, "*", "*", "INFO", true, true, true, true, "T", "x", true)))
                .isEqualTo("INBOX,SMS,INSTITUTIONS");
        assertThat(MonitoringPass.channels(new Rule(1, "*", "*", "INFO", false, true, false, true, "T", "x", true)))
                .isEqualTo("INBOX");
        assertThat(MonitoringPass.channels(new Rule(1, "*", "*", "INFO", true, false, false, false, "T", "x", true))).isEmpty();
    }
}
