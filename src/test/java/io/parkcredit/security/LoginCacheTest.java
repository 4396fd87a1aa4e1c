package io.parkcredit.security;

import static io.parkcredit.testing.Fixtures.asAdmin;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Verified passwords are remembered for a while; wrong ones never are (PasswordIdentityProvider). */
@QuarkusTest
class LoginCacheTest {

    @Inject
    DataSource dataSource;

    @Inject
    UserDirectory directory;

    private String newRegulator(String password) {
        String name = Fixtures.newCode("cache");
        asAdmin().contentType("application/json")
                .body(Map.of("username", name, "password", password, "role", "REGULATOR"))
                .post("/api/users").then().statusCode(201);
        return name;
    }

    private void setHash(String username, String password) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("update app_users set password_hash = ? where username = ?")) {
            ps.setString(1, BcryptUtil.bcryptHash(password));
            ps.setString(2, username);
            ps.executeUpdate();
        }
    }

    @Test
    void aWrongPasswordIsRefusedEvenRightAfterTheRightOneWasAccepted() {
        String name = newRegulator("right-password-1");
        Fixtures.as(name, "right-password-1").get("/api/enterprises").then().statusCode(200);
        Fixtures.as(name, "wrong-password-1").get("/api/enterprises").then().statusCode(401);
        Fixtures.as(name, "right-password-1").get("/api/enterprises").then().statusCode(200);
        Fixtures.as(name + "-nobody", "right-password-1").get("/api/enterprises").then().statusCode(401);
    }

    @Test
    void aVerifiedPasswordIsRememberedAndANewHashIsStillChecked() throws Exception {
        String name = newRegulator("first-password-1");
        Fixtures.as(name, "first-password-1").get("/api/enterprises").then().statusCode(200);
        setHash(name, "second-password-2");
        // within the cache period the verified password is accepted without reading the hash again
        Fixtures.as(name, "first-password-1").get("/api/enterprises").then().statusCode(200);
        // any other password goes to bcrypt against the stored hash
        Fixtures.as(name, "second-password-2").get("/api/enterprises").then().statusCode(200);
        // and replaces the remembered one
        Fixtures.as(name, "first-password-1").get("/api/enterprises").then().statusCode(401);
    }

    @Test
    void aUserDisabledInTheDatabaseIsRefusedAtOnceThoughItsPasswordIsRemembered() throws Exception {
        String name = newRegulator("remembered-password-1");
        Fixtures.as(name, "remembered-password-1").get("/api/enterprises").then().statusCode(200);
        Fixtures.as(name, "remembered-password-1").get("/api/enterprises").then().statusCode(200);
        // as another server instance would: straight in the table, no call into this instance
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("update app_users set enabled = false where username = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        long until = System.nanoTime() + java.time.Duration.ofSeconds(2).toNanos();
        int status;
        do {
            status = Fixtures.as(name, "remembered-password-1").get("/api/enterprises").then().extract().statusCode();
        } while (status == 200 && System.nanoTime() < until);
        org.assertj.core.api.Assertions.assertThat(status).as("refused within 2 s of the change").isEqualTo(401);
    }

    @Test
    void aUserRowHeldInMemoryIsDroppedByTheDatabasesChangeNotice() throws Exception {
        MonitoringFixtures.await("listening to app_users_changed", java.time.Duration.ofSeconds(5), directory::listening);
        String name = newRegulator("held-password-1");
        Fixtures.as(name, "held-password-1").get("/api/enterprises").then().statusCode(200);
        Fixtures.as(name, "held-password-1").get("/api/enterprises").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(directory.cached(name)).as("row held after sign-in").isNotNull();
        // a change that never passes through this instance's code: only the notice can drop the row
        try (var c = dataSource.getConnection();
                // an EVALUATOR belongs to a park: the region-wide regulator moves into the default park with it
                var ps = c.prepareStatement("update app_users set role = 'EVALUATOR', park_id = 1 where username = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        MonitoringFixtures.await("the row dropped by the notice", java.time.Duration.ofSeconds(2),
                () -> directory.cached(name) == null);
        // the next call reads the new row: the regulator is an evaluator now
        org.assertj.core.api.Assertions.assertThat(directory.find(name).orElseThrow().role()).isEqualTo(Role.EVALUATOR);
    }
}
