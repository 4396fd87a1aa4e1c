package io.parkcredit.security;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.Fixtures.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users belong to a park (DOMAIN.md §10.3; README "Accounts"). */
@QuarkusTest
class UserParksTest {

    private static Map<String, Object> user(String role, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("username", Fixtures.newCode("pu"), "password", "Long-enough-pw1",
                "role", role));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @Test
    void aParkAdminCreatesUsersOnlyInItsOwnPark() {
        int park = ParkFixtures.newPark("用户园");
        String code = ParkFixtures.code(park);
        String parkAdmin = ParkFixtures.userIn(park, "ADMIN", null, null);
        String ownFirm = ParkFixtures.enterpriseIn(park, "本园企业");
        String otherFirm = Fixtures.newEnterprise("默认园企业");
        String otherBank = ParkFixtures.institutionIn(1, "BANK");
        String ownBank = ParkFixtures.institutionIn(park, "BANK");

        asUser(parkAdmin).contentType("application/json").body(user("ENTERPRISE", "uscc", ownFirm)).post("/api/users")
                .then().statusCode(201).body("parkCode", equalTo(code)).body("uscc", equalTo(ownFirm));
        asUser(parkAdmin).contentType("application/json").body(user("EVALUATOR", "parkCode", code)).post("/api/users")
                .then().statusCode(201).body("parkCode", equalTo(code));
        asUser(parkAdmin).contentType("application/json").body(user("REGULATOR")).post("/api/users")
                .then().statusCode(201).body("parkCode", equalTo(code));
        asUser(parkAdmin).contentType("application/json").body(user("BANK", "institutionCode", ownBank)).post("/api/users")
                .then().statusCode(201).body("parkCode", equalTo(code));
        // another park's code: as if it did not exist
        asUser(parkAdmin).contentType("application/json").body(user("EVALUATOR", "parkCode", "PARK")).post("/api/users")
                .then().statusCode(404);
        // a firm or an institution of another park is not there for this ADMIN
        asUser(parkAdmin).contentType("application/json").body(user("ENTERPRISE", "uscc", otherFirm)).post("/api/users")
                .then().statusCode(422).body("errors[0].field", equalTo("uscc"))
                .body("errors[0].message", equalTo("no enterprise " + otherFirm + " in the registry"));
        asUser(parkAdmin).contentType("application/json").body(user("BANK", "institutionCode", otherBank))
                .post("/api/users").then().statusCode(422).body("errors[0].field", equalTo("institutionCode"));
    }

    @Test
    void aRegionAdminNamesTheParkOrTheUserTakesItsFirmsPark() {
        int park = ParkFixtures.newPark("区域建用户园");
        String code = ParkFixtures.code(park);
        String firm = ParkFixtures.enterpriseIn(park, "区域园企业");
        String guarantor = ParkFixtures.institutionIn(park, "GUARANTOR");

        asAdmin().contentType("application/json").body(user("ENTERPRISE", "uscc", firm)).post("/api/users").then()
                .statusCode(201).body("parkCode", equalTo(code));
        asAdmin().contentType("application/json").body(user("GUARANTOR", "institutionCode", guarantor)).post("/api/users")
                .then().statusCode(201).body("parkCode", equalTo(code));
        asAdmin().contentType("application/json").body(user("REGULATOR")).post("/api/users").then().statusCode(201)
                .body("parkCode", nullValue());
        asAdmin().contentType("application/json").body(user("ADMIN", "parkCode", code)).post("/api/users").then()
                .statusCode(201).body("parkCode", equalTo(code));
        asAdmin().contentType("application/json").body(user("INVESTMENT")).post("/api/users").then().statusCode(201)
                .body("parkCode", equalTo("PARK"));
        asAdmin().contentType("application/json").body(user("INVESTMENT", "parkCode", code.toLowerCase())).post("/api/users")
                .then().statusCode(201).body("parkCode", equalTo(code));
        // the binding must be in the park named
        asAdmin().contentType("application/json").body(user("ENTERPRISE", "uscc", firm, "parkCode", "PARK"))
                .post("/api/users").then().statusCode(422).body("errors[0].field", equalTo("uscc"))
                .body("errors[0].message", equalTo("enterprise " + firm + " is not in park PARK"));
        asAdmin().contentType("application/json").body(user("GUARANTOR", "institutionCode", guarantor, "parkCode", "PARK"))
                .post("/api/users").then().statusCode(422).body("errors[0].field", equalTo("institutionCode"))
                .body("errors[0].message", equalTo("institution " + guarantor + " is not in park PARK"));
        asAdmin().contentType("application/json").body(user("EVALUATOR", "parkCode", "NO-SUCH")).post("/api/users").then()
                .statusCode(404);
        // the creation names the park in the audit log
        Map<String, Object> named = user("EVALUATOR", "parkCode", code);
        asAdmin().contentType("application/json").body(named).post("/api/users").then().statusCode(201);
        asAdmin().get("/api/audit?targetType=user&targetKey=" + named.get("username")).then()
                .body("items[0].detail", equalTo("role=EVALUATOR park=" + code));
    }

    @Test
    void listsDisableAndEnableStayInThePark() {
        int park = ParkFixtures.newPark("名单园");
        String code = ParkFixtures.code(park);
        String parkAdmin = ParkFixtures.userIn(park, "ADMIN", null, null);
        String member = ParkFixtures.userIn(park, "EVALUATOR", null, null);
        String outsider = Fixtures.newUser("EVALUATOR", null, null);

        List<Map<String, Object>> items = asUser(parkAdmin).get("/api/users?size=10000").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(items).extracting(i -> i.get("parkCode")).containsOnly(code);
        assertThat(items).extracting(i -> i.get("username")).containsExactlyInAnyOrder(parkAdmin, member);

        asUser(parkAdmin).contentType("application/json").body("{}").post("/api/users/" + outsider + "/disable").then()
                .statusCode(404);
        asUser(parkAdmin).contentType("application/json").body("{}").post("/api/users/admin/disable").then()
                .statusCode(404);
        asUser(parkAdmin).contentType("application/json").body("{}").post("/api/users/" + member + "/disable").then()
                .statusCode(200).body("enabled", equalTo(false));
        asUser(parkAdmin).contentType("application/json").body("{}").post("/api/users/" + member + "/enable").then()
                .statusCode(200).body("enabled", equalTo(true));
        // the region ADMIN sees both parks' users
        List<String> all = asAdmin().get("/api/users?size=10000").then().statusCode(200).extract().jsonPath()
                .getList("items.username");
        assertThat(all).contains(parkAdmin, member, outsider, "admin");
        asAdmin().contentType("application/json").body("{}").post("/api/users/" + outsider + "/enable").then()
                .statusCode(200);
    }
}
