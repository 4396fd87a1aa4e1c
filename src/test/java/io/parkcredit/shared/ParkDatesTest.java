package io.parkcredit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date forms of DOMAIN.md §2: all stored as ISO dates, everything else rejected with a reason. */
class ParkDatesTest {

    private static final LocalDate MAY_7 = LocalDate.of(2023, 5, 7);

    @ParameterizedTest
    @ValueSource(strings = {
        "2023-05-07",
        "2023-5-7",
        "2023/5/7",
        "2023/05/07",
        "2023.5.7",
        "2023.05.07",
        "20230507",
        "2023年5月7日",
        "2023年05月07日",
        "2023-05-07T10:00:00",
        "2023-05-07T10:00",
        "2023-05-07T10:00:00.123",
        "2023-05-07T10:00:00+08:00",
        "2023-05-07T10:00:00Z",
        "2023-05-07 10:00:00",
        "2023-05-07 10:00",
        "2023/5/7 8:30",
        "2023年5月7日 10:00",
        "  2023-05-07  ",
    })
    void everyAcceptedFormIsTheSameDay(String text) {
        assertThat(ParkDates.parse(text)).isEqualTo(MAY_7);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-02-29, 2024-02-29",
        "2023/12/31, 2023-12-31",
        "19000101, 1900-01-01",
        "2199.12.31, 2199-12-31",
    })
    void calendarEdgesAreAccepted(String text, LocalDate expected) {
        assertThat(ParkDates.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2023-02-30|no such calendar day",
        "2023-02-29|no such calendar day",
        "2023-13-01|no such calendar day",
        "2023-00-10|no such calendar day",
        "20230230|no such calendar day",
        "2023年2月30日|no such calendar day",
        "07/05/2023|unreadable date",
        "05/07/2023|unreadable date",
        "2023-5|unreadable date",
        "2023-05-|unreadable date",
        "2023年5月7|unreadable date",
        "2023年5-7日|unreadable date",
        "2023-05/07|unreadable date",
        "2023/05-07|unreadable date",
        "2023.05-07|unreadable date",
        "May 7, 2023|unreadable date",
        "2023-O5-07|unreadable date",
        "abcd-ef-gh|unreadable date",
        "2023-05-07X|unreadable date",
        "2023-05-07T|unreadable date",
        "2023-05-07T25h|unreadable date",
        "2023-05-07 noon|unreadable date",
        "2023-005-07|unreadable date",
        "23-05-07|unreadable date",
        "2023０5０7|unreadable date",
        "1899-12-31|year out of range",
        "2200-01-01|year out of range",
    })
    void otherTextIsRejectedWithAReadableReason(String text, String reason) {
        assertThatThrownBy(() -> ParkDates.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(reason)
                .hasMessageEndingWith(text);
    }

    @Test
    void theUnreadableMessageShowsAcceptedForms() {
        assertThatThrownBy(() -> ParkDates.parse("07/05/2023"))
                .hasMessage("unreadable date (use e.g. 2023-05-07, 2023/5/7, 20230507 or 2023年5月7日): 07/05/2023");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankIsMissing(String text) {
        assertThatThrownBy(() -> ParkDates.parse(text)).hasMessage("date is missing");
        assertThatThrownBy(() -> ParkDates.parse(null)).hasMessage("date is missing");
    }

    @Test
    void optionalBlankIsNoDateButOptionalGarbageIsStillRejected() {
        assertThat(ParkDates.parseOptional(null)).isNull();
        assertThat(ParkDates.parseOptional("  ")).isNull();
        assertThat(ParkDates.parseOptional("2023/5/7")).isEqualTo(MAY_7);
        assertThatThrownBy(() -> ParkDates.parseOptional("2023-5")).isInstanceOf(InvalidValueException.class);
    }
}
