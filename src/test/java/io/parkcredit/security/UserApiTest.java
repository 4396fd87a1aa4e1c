package io.parkcredit.security;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users, roles and their bindings (DOMAIN.md §1, API.md Users). */
@QuarkusTest
class UserApiTest {

    private static Map<String, Object> user(String name, String role) {
        return new java.util.HashMap<>(Map.of("username", name, "password", "Long-enough-pw1", "role", role));
    }

    @Test
    void adminCreatesUsersOfEveryRoleWithTheirBindings() {
        String firm = Fixtures.newEnterprise("绑定公司");
        String bank = Fixtures.newCode("BK");
        String guarantor = Fixtures.newCode("GT");
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + bank + ",某银行,BANK\n" + guarantor + ",某担保,GUARANTOR\n"));
        var ent = user(Fixtures.newCode("e"), "ENTERPRISE");
        ent.put("uscc", firm.toLowerCase());
        asAdmin().contentType("application/json").body(ent).post("/api/users").then().statusCode(201)
                .body("role", equalTo("ENTERPRISE")).body("uscc", equalTo(firm));
        var b = user(Fixtures.newCode("b"), "BANK");
        b.put("institutionCode", bank);
        asAdmin().contentType("application/json").body(b).post("/api/users").then().statusCode(201)
                .body("institutionCode", equalTo(bank));
        var g = user(Fixtures.newCode("g"), "GUARANTOR");
        g.put("institutionCode", guarantor);
        asAdmin().contentType("application/json").body(g).post("/api/users").then().statusCode(201);
        for (String role : new String[] {"ADMIN", "REGULATOR", "EVALUATOR", "INVESTMENT"}) {
            asAdmin().contentType("application/json").body(user(Fixtures.newCode("u"), role)).post("/api/users")
                    .then().statusCode(201).body("role", equalTo(role));
        }
        // the new user can sign in with the password; the hash is never returned
        Fixtures.as((String) b.get("username"), "Long-enough-pw1").get("/api/enterprises").then().statusCode(200);
        asAdmin().get("/api/users?size=10000").then().statusCode(200).body("items.username", hasItem(b.get("username")))
                .body("items[0].passwordHash", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void bindingsAreChecked() {
        asAdmin().contentType("application/json").body(user(Fixtures.newCode("e"), "ENTERPRISE")).post("/api/users")
                .then().statusCode(422).body("errors[0].field", equalTo("uscc"));
        var ghost = user(Fixtures.newCode("e"), "ENTERPRISE");
        ghost.put("uscc", Fixtures.newUscc());
        asAdmin().contentType("application/json").body(ghost).post("/api/users").then().statusCode(422)
                .body("errors[0].message", containsString("no enterprise"));
        String guarantor = Fixtures.newCode("GT");
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + guarantor + ",某担保,GUARANTOR\n"));
        var wrongKind = user(Fixtures.newCode("b"), "BANK");
        wrongKind.put("institutionCode", guarantor);
        asAdmin().contentType("application/json").body(wrongKind).post("/api/users").then().statusCode(422)
                .body("errors[0].field", equalTo("institutionCode"));
        var adminWithUscc = user(Fixtures.newCode("a"), "ADMIN");
        adminWithUscc.put("uscc", Fixtures.newUscc());
        asAdmin().contentType("application/json").body(adminWithUscc).post("/api/users").then().statusCode(422);
    }

    @Test
    void badInputIsAProblemNeverA500() {
        asAdmin().contentType("application/json").body(user("x", "ADMIN")).post("/api/users").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("username"));
        var shortPw = user(Fixtures.newCode("s"), "ADMIN");
        shortPw.put("password", "short");
        asAdmin().contentType("application/json").body(shortPw).post("/api/users").then().statusCode(422)
                .body("errors.field", hasItem("password"));
        asAdmin().contentType("application/json").body(user(Fixtures.newCode("r"), "KING")).post("/api/users")
                .then().statusCode(422).body("errors[0].field", equalTo("role"));
        asAdmin().contentType("application/json").body("{\"username\": ").post("/api/users").then().statusCode(400)
                .contentType("application/problem+json");
        asAdmin().contentType("application/json").post("/api/users").then().statusCode(422);
    }

    @Test
    void duplicateUsernameIs409() {
        String name = Fixtures.newCode("dup");
        asAdmin().contentType("application/json").body(user(name, "REGULATOR")).post("/api/users").then().statusCode(201);
        asAdmin().contentType("application/json").body(user(name, "REGULATOR")).post("/api/users").then().statusCode(409);
    }

    @Test
    void onlyAdminManagesUsersAndReadsTheAuditLog() {
        String regulator = Fixtures.newUser("REGULATOR", null, null);
        Fixtures.asUser(regulator).contentType("application/json").body(user(Fixtures.newCode("x"), "ADMIN"))
                .post("/api/users").then().statusCode(403);
        Fixtures.asUser(regulator).get("/api/users").then().statusCode(403);
        Fixtures.asUser(regulator).get("/api/audit").then().statusCode(403);
        Fixtures.as(regulator, "wrong-password").get("/api/enterprises").then().statusCode(401);
    }

    @Test
    void userCreationIsAudited() {
        String name = Fixtures.newUser("EVALUATOR", null, null);
        asAdmin().get("/api/audit?targetType=user&targetKey=" + name).then().statusCode(200)
                .body("total", is(1)).body("items[0].action", equalTo("USER_CREATED"))
                .body("items[0].actor", equalTo("admin")).body("items[0].detail", containsString("EVALUATOR"));
    }
}
