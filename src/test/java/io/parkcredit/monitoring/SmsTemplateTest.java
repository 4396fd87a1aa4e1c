package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsTemplateTest {

    @Test
    void rendersChineseTextWithTheFirmAndTheEvent() {
        String text = SmsTemplate.render("【园区信用通】{firm}：贵企业新增信用记录“{title}”（{type}，{date}）。",
                Map.of("firm", "舞钢市钢铁科技有限公司", "title", "违反安全生产规定", "type", "行政处罚", "date", "2026-05-07"));
        assertThat(text).isEqualTo("【园区信用通】舞钢市钢铁科技有限公司：贵企业新增信用记录“违反安全生产规定”（行政处罚，2026-05-07）。");
        assertThat(SmsTemplate.parts(text)).isEqualTo(1);
    }

    @Test
    void valuesWithDollarsAndBracesStayLiteral() {
        assertThat(SmsTemplate.render("{firm}-{title}", Map.of("firm", "$1 公司", "title", "{date}")))
                .isEqualTo("$1 公司-{date}");
    }

    @Test
    void unknownPlaceholdersAndEmptyTemplatesAreRefused() {
        assertThat(SmsTemplate.problems("{firm} {amount}")).singleElement().asString().contains("{amount}");
        assertThat(SmsTemplate.problems(" ")).isNotEmpty();
        assertThat(SmsTemplate.problems("x".repeat(SmsTemplate.MAX_LENGTH + 1))).isNotEmpty();
        assertThat(SmsTemplate.problems("【园区信用通】{firm}：{title}")).isEmpty();
    }

    @Test
    void longChineseTextsCountTheirParts() {
        assertThat(SmsTemplate.parts("中".repeat(70))).isEqualTo(1);
        assertThat(SmsTemplate.parts("中".repeat(71))).isEqualTo(2);
        assertThat(SmsTemplate.parts("中".repeat(134))).isEqualTo(2);
        assertThat(SmsTemplate.parts("中".repeat(135))).isEqualTo(3);
    }
}
