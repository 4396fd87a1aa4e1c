package io.parkcredit.attack;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Page sessions live on the server: sign-out, the absolute lifetime, a disabled user and a changed
 * password end them at once, whatever the browser (or a thief) still holds.
 */
@QuarkusTest
class SessionLifecycleTest {

    @Inject
    DataSource dataSource;

    static Cookies signIn(String user, String password) {
        Response r = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).doesNotContain("error");
        return r.detailedCookies();
    }

    /** 200 when the cookies still open a page; a redirect to the sign-in form when they do not. */
    static int page(Cookies cookies) {
        return given().redirects().follow(false).cookies(cookies).accept("text/html").get("/enterprises").statusCode();
    }

    private long count(String sql, String user) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, user);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void signingOutEndsTheSessionOnTheServerSoACopiedCookieIsRefused() throws Exception {
        String user = Fixtures.newUser("REGULATOR", null, null);
        Cookies session = signIn(user, "password-" + user);
        assertThat(session.hasCookieWithName("parkcredit-sid")).isTrue();
        assertThat(page(session)).isEqualTo(200);
        given().redirects().follow(false).cookies(session).get("/logout").then().statusCode(303);
        assertThat(page(session)).isEqualTo(302);
        assertThat(count("select count(*) from user_sessions where username = ? and end_reason = 'LOGOUT'", user))
                .isEqualTo(1);
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverActive() throws Exception {
        String user = Fixtures.newUser("REGULATOR", null, null);
        Cookies session = signIn(user, "password-" + user);
        assertThat(page(session)).isEqualTo(200);
        setCreated(user, Instant.now().minus(Duration.ofHours(12)).plusSeconds(60));
        assertThat(page(session)).isEqualTo(200);
        setCreated(user, Instant.now().minus(Duration.ofHours(12)).minusSeconds(1));
        assertThat(page(session)).isEqualTo(302);
        assertThat(count("select count(*) from user_sessions where username = ? and end_reason = 'EXPIRED'", user))
                .isEqualTo(1);
    }

    private void setCreated(String user, Instant at) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("update user_sessions set created_at = ? where username = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, user);
            ps.executeUpdate();
        }
    }

    @Test
    void disablingAUserEndsItsSessionAndItsRememberedBasicPasswordAtOnce() throws Exception {
        String user = Fixtures.newUser("REGULATOR", null, null);
        Cookies session = signIn(user, "password-" + user);
        Fixtures.asUser(user).get("/api/enterprises").then().statusCode(200);
        asAdmin().contentType("application/json").body(Map.of("reason", "left the office"))
                .post("/api/users/" + user + "/disable").then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.is(false));
        assertThat(page(session)).isEqualTo(302);
        Fixtures.asUser(user).get("/api/enterprises").then().statusCode(401);
        assertThat(given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", "password-" + user).post("/j_security_check").header("Location"))
                .contains("error=true");
        asAdmin().get("/api/audit?targetType=user&targetKey=" + user).then().statusCode(200)
                .body("items[0].action", org.hamcrest.Matchers.equalTo("USER_DISABLED"))
                .body("items[0].reason", org.hamcrest.Matchers.equalTo("left the office"))
                .body("items[0].detail", org.hamcrest.Matchers.equalTo("sessions ended: 1"));
        asAdmin().contentType("application/json").post("/api/users/" + user + "/enable").then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.is(true));
        Fixtures.asUser(user).get("/api/enterprises").then().statusCode(200);
        // an ADMIN cannot lock itself out
        asAdmin().contentType("application/json").post("/api/users/admin/disable").then().statusCode(409);
        Fixtures.asUser(user).contentType("application/json").post("/api/users/admin/disable").then().statusCode(403);
    }

    @Test
    void theAdminPageDisablesAUser() {
        String user = Fixtures.newUser("EVALUATOR", null, null);
        Cookies userSession = signIn(user, "password-" + user);
        Cookies admin = signIn("admin", Fixtures.ADMIN_PASSWORD);
        given().redirects().follow(false).cookies(admin).post("/admin/users/" + user + "/disable").then().statusCode(303);
        assertThat(page(userSession)).isEqualTo(302);
        // the list is sorted by name, and other tests' users may come first: look through its pages
        String enable = "/admin/users/" + user + "/enable";
        boolean listed = false;
        for (int p = 0; p < 500 && !listed; p++) {
            String html = given().cookies(admin).accept("text/html").get("/admin/users?page=" + p).asString();
            if (!html.contains("action=\"/admin/users/")) {
                break;
            }
            listed = html.contains(enable);
        }
        assertThat(listed).as("the disabled user is listed with an enable button").isTrue();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() throws Exception {
        String user = Fixtures.newUser("REGULATOR", null, null);
        String old = "password-" + user;
        Cookies elsewhere = signIn(user, old);
        Cookies here = signIn(user, old);
        given().cookies(here).accept("text/html").formParam("currentPassword", "not-the-password-1")
                .formParam("newPassword", "Brand-New-Secret-9").post("/account/password").then().statusCode(422);
        given().cookies(here).accept("text/html").formParam("currentPassword", old)
                .formParam("newPassword", "short").post("/account/password").then().statusCode(422);
        given().cookies(here).accept("text/html").formParam("currentPassword", old)
                .formParam("newPassword", "Brand-New-Secret-9").post("/account/password").then().statusCode(200);
        assertThat(page(here)).isEqualTo(200);
        assertThat(page(elsewhere)).isEqualTo(302);
        Fixtures.as(user, old).get("/api/enterprises").then().statusCode(401);
        Fixtures.as(user, "Brand-New-Secret-9").get("/api/enterprises").then().statusCode(200);
        asAdmin().get("/api/audit?targetType=user&targetKey=" + user).then()
                .body("items[0].action", org.hamcrest.Matchers.equalTo("PASSWORD_CHANGED"));
    }

    @Test
    void thePasswordApiChecksTheCurrentPasswordAndTheRules() {
        String user = Fixtures.newUser("INVESTMENT", null, null);
        String old = "password-" + user;
        Fixtures.as(user, old).contentType("application/json")
                .body(Map.of("currentPassword", "nope-nope-1", "newPassword", "Another-Secret-42"))
                .post("/api/account/password").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("currentPassword"));
        Fixtures.as(user, old).contentType("application/json")
                .body(Map.of("currentPassword", old, "newPassword", user + "-2025!"))
                .post("/api/account/password").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("newPassword"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("must not be the user name with a few characters added"));
        Fixtures.as(user, old).contentType("application/json")
                .body(Map.of("currentPassword", old, "newPassword", "Another-Secret-42"))
                .post("/api/account/password").then().statusCode(204);
        Fixtures.as(user, old).get("/api/enterprises").then().statusCode(401);
        Fixtures.as(user, "Another-Secret-42").get("/api/enterprises").then().statusCode(200);
    }
}
