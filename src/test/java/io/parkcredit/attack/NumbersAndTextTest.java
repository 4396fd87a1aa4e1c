package io.parkcredit.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkcredit.shared.CsvCells;
import io.parkcredit.shared.Formats;
import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Numbers;
import io.parkcredit.shared.Text;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared readers and encoders on their own: numbers, text, script JSON and CSV cells. */
class NumbersAndTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "NaN", "Infinity", "-Infinity", "0x10",
            "1 000", "12345678901234567890", "0.00000000001", "1.2.3", "١٢٣"})
    void formsRefuseWhatIsNotAPlainBoundedDecimal(String text) {
        assertThatThrownBy(() -> Numbers.decimal(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theGigabyteDecimalIsRefusedOnItsExponentWithoutExpanding() {
        assertThatThrownBy(() -> Numbers.bounded(new BigDecimal("1e999999999")))
                .hasMessage("too large: at most 18 digits before the point");
        assertThatThrownBy(() -> Numbers.bounded(new BigDecimal("1e-999999999"))).hasMessage("at most 10 decimals");
        assertThat(Numbers.bounded(new BigDecimal("0E+999999999"))).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void theJsonMapperRefusesTheGigabyteNumberNamingTheField() {
        ObjectMapper json = io.parkcredit.shared.JsonLimits.apply(new ObjectMapper());
        assertThatThrownBy(() -> json.readValue("{\"amount\":1e999999999,\"requestedAmount\":2e999999999}",
                io.parkcredit.financing.FinancingInput.Receivable.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class)
                .satisfies(e -> assertThat(((com.fasterxml.jackson.databind.JsonMappingException) e).getPath().get(0)
                        .getFieldName()).isEqualTo("amount"));
        assertThatThrownBy(() -> json.readValue("[".repeat(100_000), Object.class))
                .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
    }

    @Test
    void plainDecimalsAndMinusZeroAreRead() {
        assertThat(Numbers.decimal(" 1,234.50 ")).isEqualByComparingTo("1234.50");
        assertThat(Numbers.decimal("-0")).isEqualTo(BigDecimal.ZERO);
        assertThat(Numbers.decimal("999999999999999999.9999999999")).isEqualByComparingTo("999999999999999999.9999999999");
        assertThat(Numbers.doubleValue("-0.0")).isEqualTo(0.0);
        assertThat(Numbers.integer("360", 1, 360)).isEqualTo(360);
        assertThatThrownBy(() -> Numbers.integer("99999999999", 1, 360)).hasMessage("must be between 1 and 360");
        assertThatThrownBy(() -> Numbers.integer("1.5", 1, 360)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Numbers.finite(Double.NaN)).hasMessage("not a number");
    }

    @Test
    void textRefusesControlsBidiOverridesAndLoneSurrogatesButKeepsEmojiAndMarks() {
        assertThat(Text.problem("a\u0000b", 100)).isEqualTo("contains the control character U+0000 at position 2");
        assertThat(Text.problem("gpj.\u202Eexe", 100)).isEqualTo("contains the bidirectional control U+202E at position 5");
        assertThat(Text.problem("x\ud800", 100)).isEqualTo("contains an unpaired surrogate U+D800 at position 2");
        assertThat(Text.problem("c1\u0085", 100)).isEqualTo("contains the control character U+0085 at position 3");
        assertThat(Text.problem("长".repeat(50_000), Text.MAX_LENGTH)).isEqualTo("at most 10000 characters (got 50000)");
        assertThat(Text.problem("公司😀\u200F第一行\r\n\t第二行", 100)).isNull();
    }

    @Test
    void scriptJsonCannotCloseItsScriptBlock() {
        String out = Formats.scriptJson(new ObjectMapper(), Map.of("name", "</script><script>alert(1)</script>&\u2028"));
        assertThat(out).isEqualTo("{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\\u2028\"}");
    }

    @Test
    void csvCellsNeutraliseFormulasAndQuote() {
        assertThat(CsvCells.neutralise("=HYPERLINK(\"http://x\",\"点击\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"点击\")");
        assertThat(CsvCells.neutralise("+1")).isEqualTo("'+1");
        assertThat(CsvCells.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.neutralise("\rx")).isEqualTo("'\rx");
        assertThat(CsvCells.neutralise("普通公司")).isEqualTo("普通公司");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvCells w = CsvCells.to(out)) {
            w.row("a,b", "=1+1", null, "say \"hi\"");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF\"a,b\",'=1+1,,\"say \"\"hi\"\"\"\r\n");
    }
}
