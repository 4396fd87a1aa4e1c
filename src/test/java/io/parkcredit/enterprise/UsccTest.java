package io.parkcredit.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkcredit.bundle.DemoPark;
import io.parkcredit.shared.InvalidValueException;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** USCC checking (DOMAIN.md §2): character set, both check symbols, normalisation, messages. */
class UsccTest {

    /**
     * Codes whose check symbols were worked out by hand with the DOMAIN.md §2 algorithm, and codes in
     * public circulation (the GB 32100 example and business licences) that satisfy it. The cases cover
     * each special outcome: position 17 = X (remainder 10) or 0 (remainder 11), position 18 = 0 (31 → 0).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y43", // GB 32100-2015 example
        "914403001922038216",
        "91440300708461136T",
        "91110108551385082Q",
        "91330100716105852F",
        "91310000607206953D",
        "91110000100010249W",
        "9111000071093123XX", // X at 17 (org remainder 10) and X at 18
        "91410481000000000H", // 0 at 17 (org remainder 11)
        "914104810054641110", // 0 at 18 (31 becomes 0)
        "914104810438712600", // 0 at both
        "9141048103128005X0", // X at 17, 0 at 18
    })
    void acceptsValidCodes(String code) {
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.parse(code).value()).isEqualTo(code);
    }

    @Test
    void handComputedExampleMatchesTheReferenceAlgorithm() {
        // body (positions 9..16) M000100Y, M = 22, Y = 34: 22·3 + 1·5 + 34·2 = 139; 139 mod 11 = 7; 11 − 7 = 4
        assertThat(Reference.orgCheck("91350100M000100Y")).isEqualTo('4');
        // 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
        assertThat(Reference.check("91350100M000100Y4")).isEqualTo('3');
        assertThat(Uscc.isValid("91350100M000100Y43")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "91350100m000100y43|91350100M000100Y43",
        "'  91350100M000100Y43  '|91350100M000100Y43",
        "'  9111000071093123xx'|9111000071093123XX",
    })
    void lowerCaseAndSurroundingSpacesAreAccepted(String input, String stored) {
        assertThat(Uscc.isValid(input)).isTrue();
        assertThat(Uscc.parse(input).value()).isEqualTo(stored);
    }

    @Test
    void tabsAndLineBreaksAroundTheCodeAreTrimmed() {
        assertThat(Uscc.parse("\t91350100m000100y43\r\n").value()).isEqualTo("91350100M000100Y43");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "91350100M000100Y4|17",
        "91350100M000100Y433|19",
        "9135010|7",
    })
    void wrongLengthIsRejectedWithTheLength(String input, int length) {
        assertThat(Uscc.isValid(input)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("18 characters")
                .hasMessageContaining("found " + length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankIsMissing(String input) {
        assertThat(Uscc.isValid(input)).isFalse();
        assertThat(Uscc.isValid(null)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(input)).hasMessage("USCC is missing");
    }

    /** A forbidden symbol anywhere is reported at its own position, before any check-symbol complaint. */
    static Stream<Object[]> forbiddenSymbols() {
        String valid = "91350100M000100Y43";
        Stream.Builder<Object[]> cases = Stream.builder();
        char[] forbidden = {'I', 'O', 'S', 'V', 'Z', '-', '*', ' ', '０', 'Ａ'};
        int[] positions = {1, 5, 9, 16, 17, 18};
        for (int k = 0; k < forbidden.length; k++) {
            int pos = positions[k % positions.length];
            char[] code = valid.toCharArray();
            code[pos - 1] = forbidden[k];
            cases.add(new Object[] {new String(code), forbidden[k], pos});
        }
        return cases.build();
    }

    @ParameterizedTest
    @MethodSource("forbiddenSymbols")
    void forbiddenSymbolIsRejectedWithItsPosition(String input, char symbol, int position) {
        assertThat(Uscc.isValid(input)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("USCC position " + position + ": '" + symbol + "' is not allowed");
    }

    @ParameterizedTest
    @ValueSource(chars = {'i', 'o', 's', 'v', 'z'})
    void forbiddenLowerCaseLettersAreRejectedAfterUpperCasing(char letter) {
        String input = "91350100" + letter + "000100Y43";
        assertThatThrownBy(() -> Uscc.parse(input))
                .hasMessageStartingWith("USCC position 9: '" + Character.toUpperCase(letter) + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91440300708461136", "9111000071093123X"})
    void wrongPosition17IsReportedAsPosition17(String valid17) {
        // given a code whose position 17 is wrong but whose position 18 is right for those 17 symbols
        char right = valid17.charAt(16);
        char wrong = right == '1' ? '2' : '1';
        String head = valid17.substring(0, 16) + wrong;
        String input = head + Reference.check(head);

        // when / then
        assertThat(Uscc.isValid(input)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(input))
                .hasMessageContaining("position 17")
                .hasMessageContaining("expected '" + right + "', found '" + wrong + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("position 18"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "914403001922038216", "914104810054641110"})
    void wrongPosition18IsReportedAsPosition18(String valid) {
        char right = valid.charAt(17);
        for (char wrong : Uscc.CHARSET.toCharArray()) {
            if (wrong == right) {
                continue;
            }
            String input = valid.substring(0, 17) + wrong;
            assertThat(Uscc.isValid(input)).as(input).isFalse();
            assertThatThrownBy(() -> Uscc.parse(input))
                    .hasMessage("USCC position 18 (check symbol) is wrong: expected '" + right + "', found '" + wrong + "'");
        }
    }

    @Test
    void bothWrongCheckSymbolsAreBothReported() {
        assertThatThrownBy(() -> Uscc.parse("91350100M000100Y53"))
                .hasMessageContaining("position 17")
                .hasMessageContaining("position 18");
    }

    @Test
    void aSwapOfTwoSymbolsIsCaught() {
        // 91350100M000100Y43 with positions 3 and 4 swapped
        assertThat(Uscc.isValid("91530100M000100Y43")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "91350100M000100Y, 91350100M000100Y43",
        "9111000071093123, 9111000071093123XX",
        "91410481000000000, 91410481000000000H",
    })
    void completeAddsBothCheckSymbols(String first16, String expected) {
        assertThat(Uscc.complete(first16.substring(0, 16)).value()).isEqualTo(expected);
    }

    @Test
    void completeAcceptsLowerCaseAndRejectsOtherLengths() {
        assertThat(Uscc.complete("91350100m000100y").value()).isEqualTo("91350100M000100Y43");
        assertThatThrownBy(() -> Uscc.complete("91350100M000100")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void completeAgreesWithTheReferenceAlgorithmOnRandomHeads() {
        SplittableRandom r = new SplittableRandom(2015);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder head = new StringBuilder();
            for (int k = 0; k < 16; k++) {
                head.append(Uscc.CHARSET.charAt(r.nextInt(31)));
            }
            String with17 = head.toString() + Reference.orgCheck(head.toString());
            String expected = with17 + Reference.check(with17);

            assertThat(Uscc.complete(head.toString()).value()).isEqualTo(expected);
            assertThat(Uscc.isValid(expected)).isTrue();
        }
    }

    @Test
    void demoParkCodesAreAllValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (long i = 0; i <= 10_000; i++) {
            String code = DemoPark.uscc(i);
            assertThat(Uscc.isValid(code)).as("firm %d: %s", i, code).isTrue();
            assertThat(seen.add(code)).as("firm %d repeats %s", i, code).isTrue();
        }
    }

    @Test
    void equalCodesAreEqualAndOrdered() {
        assertThat(Uscc.parse("91350100m000100y43")).isEqualTo(Uscc.parse("91350100M000100Y43"));
        assertThat(Uscc.parse("914403001922038216")).isLessThan(Uscc.parse("91440300708461136T"));
    }

    /** The DOMAIN.md §2 algorithm written out independently of the production class. */
    static final class Reference {
        private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

        /** Check symbol for positions 9..16 of a code of at least 16 symbols. */
        static char orgCheck(String code) {
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                char c = code.charAt(8 + i);
                int value = Character.isDigit(c) ? c - '0' : 10 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(c);
                sum += value * ORG_WEIGHTS[i];
            }
            int c = 11 - sum % 11;
            return c == 10 ? 'X' : c == 11 ? '0' : Character.forDigit(c, 10);
        }

        /** Check symbol for the first 17 symbols. */
        static char check(String code) {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
            }
            int c = 31 - sum % 31;
            return CHARSET.charAt(c == 31 ? 0 : c);
        }
    }
}
