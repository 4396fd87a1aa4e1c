package io.parkcredit.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.shared.ProblemException;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

/** The report font: shipped in the application, configurable, and a clear problem when unusable. */
class RatingReportFontTest {

    private static RatingReport report(Optional<String> font) {
        RatingReport r = new RatingReport();
        r.config = new RatingConfig() {
            public int objectionDays() { return 10; }
            public int publicityDays() { return 7; }
            public int validityYears() { return 3; }
            public int reratingMonths() { return 3; }
            public int revocationBarYears() { return 3; }
            public String sweepEvery() { return "1h"; }
            public Optional<String> reportFont() { return font; }
        };
        return r;
    }

    @Test
    void theApplicationShipsAFontWithChineseGlyphs() throws Exception {
        assertThat(RatingReport.class.getResource(RatingReport.BUNDLED_FONT))
                .as("the build puts Noto Sans SC into the application").isNotNull();
        try (PDDocument doc = new PDDocument()) {
            PDFont font = report(Optional.empty()).font(doc);
            assertThat(font.getName()).contains("NotoSansSC");
            // every character of the report's fixed Chinese text has a glyph (an encoding failure would throw)
            assertThat(font.getStringWidth("企业信用评价报告信用等级证书园区管委会信用办公室")).isGreaterThan(0f);
        }
    }

    @Test
    void aConfiguredFontThatIsNotThereIsAClearProblemNotA500() {
        assertThatThrownBy(() -> {
            try (PDDocument doc = new PDDocument()) {
                report(Optional.of("/nonexistent/font.ttf")).font(doc);
            }
        }).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("report-font-missing");
            assertThat(e.getMessage()).contains("/nonexistent/font.ttf");
        });
    }
}
