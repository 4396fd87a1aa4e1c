package io.parkcredit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The password rule at its boundaries (README "Accounts and sessions"). */
class PasswordRulesTest {

    @Test
    void lengthIsTenToOneHundredTwentyEight() {
        assertThat(PasswordRules.problems("alice", "Ab3defghi")).containsExactly("must have 10 to 128 characters");
        assertThat(PasswordRules.problems("alice", "Ab3defghij")).isEmpty();
        assertThat(PasswordRules.problems("alice", "Ab3" + "x".repeat(125))).isEmpty();
        assertThat(PasswordRules.problems("alice", "Ab3" + "x".repeat(126))).containsExactly("must have 10 to 128 characters");
        // characters, not UTF-16 units: ten Chinese characters plus a digit and a letter
        assertThat(PasswordRules.problems("alice", "园区信用通密码很长的1a")).isEmpty();
    }

    @Test
    void threeClassesUnderSixteenCharactersAnyAtSixteen() {
        String twoClasses = "needs three of: lower case, upper case, digits, other characters (or 16 characters or more)";
        assertThat(PasswordRules.problems("alice", "abcdefghik1")).containsExactly(twoClasses);
        assertThat(PasswordRules.problems("alice", "abcdefghik1!")).isEmpty();
        assertThat(PasswordRules.problems("alice", "Abcdefghijk1")).isEmpty();
        assertThat(PasswordRules.problems("alice", "correcthorsebat")).containsExactly(twoClasses);
        assertThat(PasswordRules.problems("alice", "correcthorsebatt")).isEmpty();
    }

    @Test
    void commonPasswordsAreRefusedAlsoWithDigitsAndSymbolsAround() {
        assertThat(PasswordRules.problems("alice", "Password123!")).containsExactly("is a common password");
        assertThat(PasswordRules.problems("alice", "1234567890")).contains("is a common password");
        assertThat(PasswordRules.problems("alice", "!!ParkCredit2025")).containsExactly("is a common password");
        assertThat(PasswordRules.problems("alice", "Passwords123!")).isEmpty();
    }

    @Test
    void theUserNameWithAFewCharactersAddedIsRefused() {
        String dressed = "must not be the user name with a few characters added";
        assertThat(PasswordRules.problems("bank-ops", "Bank-Ops2025!")).containsExactly(dressed);
        assertThat(PasswordRules.problems("bank-ops", "bank-ops-Abc!1")).containsExactly(dressed);
        // four letters besides the name are enough
        assertThat(PasswordRules.problems("bank-ops", "bank-ops-Abcd!1")).isEmpty();
        // the convention of the test fixtures: "password-" + user name
        assertThat(PasswordRules.problems("regulator-12", "password-regulator-12")).isEmpty();
    }

    @Test
    void everyReasonIsNamed() {
        assertThat(PasswordRules.problems("qwerty", "qwerty")).containsExactly("must have 10 to 128 characters",
                "needs three of: lower case, upper case, digits, other characters (or 16 characters or more)",
                "is a common password", "must not be the user name with a few characters added");
        assertThat(PasswordRules.problems("x", null)).containsExactly("is required");
    }
}
