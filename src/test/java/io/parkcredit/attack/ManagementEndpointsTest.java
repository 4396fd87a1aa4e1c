package io.parkcredit.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Metrics, the OpenAPI document and Swagger UI are for ADMIN only; health stays open for probes. */
@QuarkusTest
class ManagementEndpointsTest {

    private static final String[] ADMIN_ONLY = {"/q/metrics", "/q/openapi", "/q/swagger-ui/"};

    @Test
    void anonymousAndOtherRolesAreRefused() {
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        for (String path : ADMIN_ONLY) {
            int anonymous = given().redirects().follow(false).get(path).statusCode();
            assertThat(anonymous).as(path).isIn(401, 302);
            Fixtures.asUser(regulator).redirects().follow(false).get(path).then().statusCode(403);
        }
    }

    @Test
    void adminReadsThemAndHealthIsPublic() {
        for (String path : ADMIN_ONLY) {
            Fixtures.asAdmin().get(path).then().statusCode(200);
        }
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health").then().statusCode(200);
    }
}
