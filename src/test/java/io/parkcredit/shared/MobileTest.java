package io.parkcredit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mainland mobile numbers for SMS (DOMAIN.md §2): 1[3-9] and nine digits, optional +86, stored as 11 digits. */
class MobileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "13800138000|13800138000",
        "+8613800138000|13800138000",
        "+86 138 0013 8000|13800138000",
        "138-0013-8000|13800138000",
        "+86-138-0013-8000|13800138000",
        "' 13800138000 '|13800138000",
        "19912345678|19912345678",
        "15000000000|15000000000",
    })
    void acceptedNumbersAreStoredAsElevenDigits(String text, String stored) {
        assertThat(Mobile.parse(text).value()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12800138000",   // second digit 2
        "10800138000",   // second digit 0
        "23800138000",   // not starting with 1
        "1380013800",    // 10 digits
        "138001380001",  // 12 digits
        "1380013800a",
        "abcdefghijk",
        "+85213800138000", // Hong Kong prefix
        "8613800138000",   // country code without +
        "+86",
        "１３８００１３８０００", // full-width digits
        "138.0013.8000",
    })
    void otherNumbersAreRejected(String text) {
        assertThatThrownBy(() -> Mobile.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("not a mainland mobile number")
                .hasMessageEndingWith(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankIsMissing(String text) {
        assertThatThrownBy(() -> Mobile.parse(text)).hasMessage("mobile number is missing");
    }

    @Test
    void theConstructorChecksToo() {
        assertThatThrownBy(() -> new Mobile("+8613800138000")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Mobile(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void maskedHidesTheMiddleFourDigits() {
        assertThat(Mobile.parse("13800138000").masked()).isEqualTo("138****8000");
    }
}
