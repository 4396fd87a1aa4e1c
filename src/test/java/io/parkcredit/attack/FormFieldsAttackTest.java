package io.parkcredit.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.attack.RouteRightsMatrixTest.Route;
import io.parkcredit.security.Action;
import io.parkcredit.security.Role;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.ws.rs.Consumes;
import io.parkcredit.classification.RuleField;
import io.parkcredit.screening.ScreeningCriterion;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.junit.jupiter.api.Test;

/**
 * Every field of every page form (found from the application's own resource methods, so a form
 * added later is covered) takes each hostile value — a gigabyte number, NaN, -0, 50,000
 * characters, control characters, a right-to-left override, emoji — as the role that may post it:
 * the page answers with a refusal or its form again, never a server error, and the server lives on.
 */
@QuarkusTest
class FormFieldsAttackTest {

    static final List<String> HOSTILE = List.of("1e999999999", "-1e999999999", "NaN", "Infinity", "-0",
            "长".repeat(50_000), "a\u0000b", "bell\u0007", "gpj.\u202Eexe", "😀🏭", "<script>alert(1)</script>");

    @Test
    void noFormFieldAnswersAServerError() {
        AttackWorld world = AttackWorld.create("表单攻击", "FF");
        // the role that posts a form: the first of these that may
        List<Role> preference = List.of(Role.ADMIN, Role.ENTERPRISE, Role.BANK, Role.GUARANTOR, Role.EVALUATOR,
                Role.INVESTMENT, Role.REGULATOR);
        Map<String, Cookies> sessions = new LinkedHashMap<>();
        String passwordVictim = Fixtures.newUser("REGULATOR", null, null);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("uscc", world.seller().uscc());
        params.put("year", "1951");
        params.put("runId", "999999999");
        params.put("code", world.bank().code());
        params.put("username", "nobody-" + Fixtures.newCode("U"));

        List<String> failures = new ArrayList<>();
        int forms = 0;
        int posts = 0;
        for (Route r : RouteRightsMatrixTest.routes()) {
            if (r.api() || !r.httpMethod().equals("POST") || r.action() == null) {
                continue;
            }
            Consumes consumes = r.method().getAnnotation(Consumes.class);
            if (consumes != null && consumes.value()[0].startsWith("multipart")) {
                continue; // uploads: UploadLimitsTest
            }
            List<String> fields = formFields(r);
            if (fields.isEmpty()) {
                continue;
            }
            Role role = preference.stream().filter(x -> r.action().allows(x)).findFirst().orElse(null);
            if (role == null) {
                continue;
            }
            forms++;
            String path = RouteRightsMatrixTest.fill(r, params, world.request(), world.application(), world.product());
            // a wrong current password counts as a failed sign-in: the password form is attacked by a
            // user of its own, so the back-off it earns never slows the shared ADMIN of the other tests
            String user = r.action() == Action.ACCOUNT_PASSWORD ? passwordVictim : world.users().get(role);
            Cookies cookies = sessions.computeIfAbsent(user, AttackWorld::signIn);
            for (String field : fields) {
                for (String value : HOSTILE) {
                    posts++;
                    int status = given().cookies(cookies).redirects().follow(false)
                            .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                            .formParam(field, value).post(path).statusCode();
                    if (status >= 500) {
                        failures.add(r + " field " + field + " = " + preview(value) + " as " + role + ": " + status);
                    }
                }
            }
        }
        assertThat(forms).as("page forms found").isGreaterThanOrEqualTo(24);
        assertThat(failures).as("server errors among " + posts + " hostile form posts").isEmpty();
        given().get("/q/health").then().statusCode(200);
    }

    /**
     * Forms read as a whole map name their fields in code; they are listed here, and a map form
     * missing from this list fails the test, so no form escapes the walk.
     */
    static Map<String, List<String>> mapForms() {
        List<String> rules = new ArrayList<>();
        for (RuleField f : RuleField.values()) {
            rules.add(f.field());
        }
        rules.add("note");
        List<String> screening = new ArrayList<>(List.of("weighting", "limit"));
        for (ScreeningCriterion c : ScreeningCriterion.values()) {
            screening.add("use_" + c.name());
            screening.add("weight_" + c.name());
        }
        return Map.of("RatingPages.apply", List.of("uscc"),
                "RatingPages.review", List.of("note"),
                "RatingPages.score", List.of("onsite.Q03", "onsite.Q04"),
                "RatingPages.object", List.of("reason"),
                "RatingPages.resolve", List.of("answer", "decision", "onsite.Q03"),
                "RatingPages.revoke", List.of("reason"),
                "ScreeningPages.screen", screening,
                "ClassificationPages.saveRules", rules);
    }

    private static List<String> formFields(Route r) {
        List<String> fields = new ArrayList<>();
        for (Parameter p : r.method().getParameters()) {
            if (MultivaluedMap.class.isAssignableFrom(p.getType())) {
                String key = r.method().getDeclaringClass().getSimpleName() + "." + r.method().getName();
                List<String> named = mapForms().get(key);
                assertThat(named).as("the fields of the map form " + key + " (add them to mapForms)").isNotNull();
                fields.addAll(named);
            }
            for (Annotation a : p.getAnnotations()) {
                if (a instanceof FormParam f) {
                    fields.add(f.value());
                } else if (a instanceof RestForm f) {
                    fields.add(f.value().isEmpty() ? p.getName() : f.value());
                }
            }
        }
        return fields;
    }

    private static String preview(String value) {
        return value.length() > 20 ? value.substring(0, 10) + "…(" + value.length() + " chars)" : value;
    }
}
