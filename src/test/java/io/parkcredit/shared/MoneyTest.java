package io.parkcredit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CNY amounts (DOMAIN.md §2): at most two decimals, thousands grouped by three, sign only where allowed. */
class MoneyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,234.50|1234.50",
        "1234.5|1234.50",
        "0|0.00",
        "0.00|0.00",
        "12|12.00",
        "0.01|0.01",
        "1,000,000.00|1000000.00",
        "999,999|999999.00",
        "12,345,678.9|12345678.90",
        "007|7.00",
        "' 1,234.50 '|1234.50",
    })
    void acceptedAmountsHaveScale2(String text, String expected) {
        BigDecimal parsed = Money.parseDecimal(text, false);
        assertThat(parsed.toPlainString()).isEqualTo(expected);
        assertThat(parsed.scale()).isEqualTo(2);
        assertThat(Money.parse(text).amount()).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.234|at most 2 decimals",
        "0.001|at most 2 decimals",
        "1,23|not an amount",
        "12,34.5|not an amount",
        "1,2345|not an amount",
        "1234,567|misplaced thousands separator",
        ",123|misplaced thousands separator",
        "1,,234|misplaced thousands separator",
        "1,234,|not an amount",
        "abc|not an amount",
        "12a|not an amount",
        "1.2.3|not an amount",
        "1.|not an amount",
        ".5|not an amount",
        "+5|not an amount",
        "1 234|not an amount",
        "¥100|not an amount",
        "1e3|not an amount",
        "-|negative amount not allowed",
        "-1|negative amount not allowed",
        "-0.01|negative amount not allowed",
        "-1,234.50|negative amount not allowed",
    })
    void rejectedAmountsSayWhy(String text, String reason) {
        assertThatThrownBy(() -> Money.parseDecimal(text, false))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(reason);
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankIsMissing(String text) {
        assertThatThrownBy(() -> Money.parseDecimal(text, true)).hasMessage("amount is missing");
        assertThatThrownBy(() -> Money.parse(null)).hasMessage("amount is missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-1|-1.00",
        "-1,234.5|-1234.50",
        "-0.01|-0.01",
        "1,234.50|1234.50",
    })
    void negativeIsAcceptedWhereTheColumnAllowsIt(String text, String expected) {
        assertThat(Money.parseDecimal(text, true).toPlainString()).isEqualTo(expected);
        assertThat(Money.parse(text, true).amount()).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "--1", "-1.234", "-abc", "-,123"})
    void signedAmountsFollowTheSameRules(String text) {
        assertThatThrownBy(() -> Money.parseDecimal(text, true)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void moneyFromADecimalKeepsTwoDecimalsAndRefusesMore() {
        assertThat(Money.of(new BigDecimal("5")).amount()).isEqualByComparingTo("5.00").hasScaleOf(2);
        assertThat(Money.of(new BigDecimal("5.100")).amount()).hasScaleOf(2);
        assertThatThrownBy(() -> Money.of(new BigDecimal("5.001"))).hasMessageStartingWith("at most 2 decimals");
    }

    @Test
    void sumsAndSigns() {
        assertThat(Money.parse("1,234.50").plus(Money.parse("0.5"))).isEqualTo(Money.parse("1235"));
        assertThat(Money.of("-3").isNegative()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(Money.parse("0.01").isPositive()).isTrue();
    }
}
