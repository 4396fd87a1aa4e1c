package io.parkcredit.rating;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parkcredit.testing.FinancingFixtures;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The enterprise profile (API.md Enterprises) carries the published grade valid today, and only that one. */
@QuarkusTest
class ProfileRatingTest {

    @Inject
    DataSource dataSource;

    @Test
    void theProfileShowsTheValidGradeAndNotARevokedOrExpiredOne() {
        LocalDate today = FinancingFixtures.today();
        String rated = Fixtures.newEnterprise("有等级的企业");
        FinancingFixtures.rating(dataSource, rated, "AA", today.minusYears(1), today.plusYears(2).minusDays(1), null);
        asAdmin().get("/api/enterprises/" + rated).then().statusCode(200)
                .body("rating.grade", equalTo("AA")).body("rating.score", equalTo(85.0f))
                .body("rating.validUntil", equalTo(today.plusYears(2).minusDays(1).toString()));

        String revoked = Fixtures.newEnterprise("等级被撤销的企业");
        FinancingFixtures.rating(dataSource, revoked, "AAA", today.minusYears(1), today.plusYears(2), today.minusDays(1));
        asAdmin().get("/api/enterprises/" + revoked).then().statusCode(200).body("rating", nullValue());

        String expired = Fixtures.newEnterprise("等级已过期的企业");
        FinancingFixtures.rating(dataSource, expired, "A", today.minusYears(3).minusDays(2), today.minusDays(1), null);
        asAdmin().get("/api/enterprises/" + expired).then().statusCode(200).body("rating", nullValue());
    }
}
