package io.parkcredit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.shared.InvalidValueException;
import io.parkcredit.shared.Money;
import io.parkcredit.shared.ParkDates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that would otherwise reach PostgreSQL and fail there instead of being reported per cell. */
class InputHygieneTest {

    @ParameterizedTest
    @ValueSource(strings = {"2023-05-07T25:00", "2023-05-07T10:60", "2023-05-07 24:00:00", "2023-05-07T10:00:61"})
    void aDateWithAnImpossibleTimeIsRejected(String text) {
        assertThatThrownBy(() -> ParkDates.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "12.5", "+3", "1,000", "99999999999"})
    void countsArePlainWholeNumbers(String text) {
        BundleColumn employees = BundleSpec.ENTERPRISES.column("employees").orElseThrow();
        assertThatThrownBy(() -> RowChecker.normalise(employees, text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource({"'12345678901234567', too large", "'1,234,567,890,123,456,789.00', too large"})
    void amountsBeyondTheColumnAreRejected(String text, String reason) {
        assertThatThrownBy(() -> Money.normalise(text, false)).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"1234.5,1234.50", "'1,234',1234.00", "0.07,0.07", "-3.1,-3.10"})
    void amountsAreNormalisedToTwoDecimals(String text, String expected) {
        assertThat(Money.normalise(text, true)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0,true", "0.00,true", "-0.0,true", "0.01,false", "10,false"})
    void zeroIsRecognisedOnNormalisedText(String text, boolean zero) {
        assertThat(Money.isZero(Money.normalise(text, true))).isEqualTo(zero);
    }

    @org.junit.jupiter.api.Test
    void textWithANulCharacterIsRejected() {
        BundleColumn name = BundleSpec.ENTERPRISES.column("name").orElseThrow();
        assertThatThrownBy(() -> RowChecker.normalise(name, "坏\u0000名字")).hasMessageContaining("NUL");
    }
}
