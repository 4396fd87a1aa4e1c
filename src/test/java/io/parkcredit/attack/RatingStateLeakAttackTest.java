package io.parkcredit.attack;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.RatingFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression: another firm's user learned a rating application's state from the 409 of a firm step
 * (the state was checked before the ownership). Now it gets 403, and the 403 says nothing of the state.
 */
@QuarkusTest
class RatingStateLeakAttackTest {

    @Test
    void anotherFirmGetsA403WithoutTheStateTheRatedFirmStillGetsThe409() {
        String rated = RatingFixtures.youngFirm("状态泄露受评企业", 2026);
        String ratedUser = Fixtures.newUser("ENTERPRISE", rated, null);
        String other = RatingFixtures.youngFirm("状态泄露其他企业", 2026);
        String otherUser = Fixtures.newUser("ENTERPRISE", other, null);
        long id = RatingFixtures.apply(ratedUser, rated);
        Fixtures.asAdmin().get("/api/ratings/applications/" + id).then().statusCode(200).body("status", equalTo("APPLIED"));

        for (String step : new String[] {"objection", "acceptance"}) {
            RatingFixtures.step(otherUser, id, step, step.equals("objection") ? Map.of("reason", "x") : null)
                    .statusCode(403).contentType("application/problem+json")
                    .body("detail", not(containsString("APPLIED"))).body("detail", not(containsString("DRAFT")));
            // the rated firm itself, who may see the state, is told it
            RatingFixtures.step(ratedUser, id, step, step.equals("objection") ? Map.of("reason", "x") : null)
                    .statusCode(409).body("detail", containsString("APPLIED"));
        }
        Fixtures.asUser(otherUser).get("/api/ratings/applications/" + id).then().statusCode(403)
                .body("detail", not(containsString("APPLIED")));
        // a role step taken by a role without it: 403 before the state as well
        RatingFixtures.step(otherUser, id, "approval", null).statusCode(403).body("detail", not(containsString("APPLIED")));
        Fixtures.asAdmin().get("/api/ratings/applications/" + id).then().statusCode(200).body("status", equalTo("APPLIED"));
    }
}
