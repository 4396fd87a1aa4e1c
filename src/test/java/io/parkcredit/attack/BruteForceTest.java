package io.parkcredit.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Guessing a password: the guesser is slowed down (429 with Retry-After), the account's owner is not.
 * Client addresses come through X-Forwarded-For from the trusted local proxy, as behind nginx.
 */
@QuarkusTest
class BruteForceTest {

    @Inject
    DataSource dataSource;

    private static Response basic(String user, String password, String address) {
        return given().auth().preemptive().basic(user, password).header("X-Forwarded-For", address)
                .get("/api/enterprises");
    }

    @Test
    void aGuesserIsSlowedDownWhileTheIntegrationsOwnAddressStillSignsIn() {
        String bank = Fixtures.newUser("REGULATOR", null, null);
        String right = "password-" + bank;
        String attacker = "198.51.100." + (int) (Math.random() * 200 + 20);
        assertThat(basic(bank, right, "203.0.113.5").statusCode()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(basic(bank, "guess-" + i, attacker).statusCode());
        }
        assertThat(statuses).containsOnly(401);
        // the sixth failure started a wait: the next guesses are refused before the password is looked at
        Response refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            Response r = basic(bank, "guess-again-" + i, attacker);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refused).as("a 429 after the free attempts").isNotNull();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 900);
        // even the right password waits at the guesser's address …
        assertThat(basic(bank, right, attacker).statusCode()).isEqualTo(429);
        // … but the bank's own server is not locked out
        assertThat(basic(bank, right, "203.0.113.5").statusCode()).isEqualTo(200);
    }

    @Test
    void anAccountWideLockIsBoundedAndSparesAddressesThatSignedInBefore() {
        String bank = Fixtures.newUser("REGULATOR", null, null);
        String right = "password-" + bank;
        assertThat(basic(bank, right, "203.0.113.77").statusCode()).isEqualTo(200);
        // a botnet: 51 addresses, one guess each — no pair and no address reaches its own limit
        for (int i = 0; i < 51; i++) {
            assertThat(basic(bank, "guess-" + i, "192.0.2." + (i + 1)).statusCode()).isEqualTo(401);
        }
        Response locked = basic(bank, right, "198.18.0.1");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(899, 900);
        assertThat(basic(bank, right, "203.0.113.77").statusCode()).isEqualTo(200);
    }

    @Test
    void theSignInFormShowsTheWait() {
        String user = Fixtures.newUser("EVALUATOR", null, null);
        String address = "198.51.100.7";
        Response last = null;
        for (int i = 0; i < 12; i++) {
            last = given().redirects().follow(false).header("X-Forwarded-For", address).formParam("j_username", user)
                    .formParam("j_password", "guess-" + i).post("/j_security_check");
            assertThat(last.statusCode()).isEqualTo(302);
            if (last.header("Retry-After") != null) {
                break;
            }
        }
        assertThat(last.header("Location")).contains("/login?error=true&wait=");
        String wait = last.header("Location").replaceAll(".*wait=", "");
        assertThat(last.header("Retry-After")).isEqualTo(wait);
        assertThat(given().get("/login?error=true&wait=" + wait).then().statusCode(200).extract().asString())
                .contains(wait);
    }

    @Test
    void aWrongPasswordDoesNotEvictTheRightOneFromTheLoginCache() throws Exception {
        String user = Fixtures.newUser("REGULATOR", null, null);
        String right = "password-" + user;
        assertThat(basic(user, right, "203.0.113.9").statusCode()).isEqualTo(200);
        assertThat(basic(user, "wrong-password-1", "198.51.100.99").statusCode()).isEqualTo(401);
        // the stored hash no longer matches: only the remembered entry can still accept the right password
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("update app_users set password_hash = ? where username = ?")) {
            ps.setString(1, BcryptUtil.bcryptHash("Another-Password-7"));
            ps.setString(2, user);
            ps.executeUpdate();
        }
        assertThat(basic(user, right, "203.0.113.9").statusCode()).isEqualTo(200);
    }
}
