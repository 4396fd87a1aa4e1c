package io.parkcredit.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.security.Action;
import io.parkcredit.security.Performs;
import io.parkcredit.security.Role;
import io.parkcredit.testing.FinancingFixtures.Firm;
import io.parkcredit.testing.FinancingFixtures.Inst;
import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page and API route × every role (and a visitor who has not signed in): the outcome must be
 * what the rights table ({@link Action}) says. Routes are read from the application's own JAX-RS
 * classes (every class of io.parkcredit with {@code @Path}), so a route added later is walked too,
 * and one that names no action fails here.
 *
 * <p>Refused means 403 with the role refusal ("your role …"), or for a visitor 401 on the API and the
 * sign-in page for pages. Allowed means anything else: the route got past the table to the service,
 * which may still answer 404, 409 or 422 for the data, or 403 for a row that is not the user's (the
 * users here own the fixture rows where one user can: the seller, the routed bank).
 */
@QuarkusTest
class RouteRightsMatrixTest {

    record Route(String httpMethod, String path, Method method, Action action) {
        boolean api() {
            return path.startsWith("/api");
        }

        @Override
        public String toString() {
            return httpMethod + " " + path + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ")";
        }
    }

    static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class);

    /** Every resource method of the application, from the compiled classes of io.parkcredit. */
    static List<Route> routes() {
        java.nio.file.Path root;
        try {
            root = Paths.get(Action.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Route> routes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/parkcredit"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                Path base = c.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    for (Annotation a : m.getAnnotations()) {
                        HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
                        if (verb == null) {
                            continue;
                        }
                        Path sub = m.getAnnotation(Path.class);
                        String path = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                        if (path.length() > 1 && path.endsWith("/")) {
                            path = path.substring(0, path.length() - 1);
                        }
                        Performs p = m.getAnnotation(Performs.class);
                        routes.add(new Route(verb.value(), path, m, p == null ? null : p.value()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return routes;
    }

    @Test
    void everyRouteNamesItsActionAndItsRoleGateAgreesWithTheTable() {
        List<Route> routes = routes();
        assertThat(routes).hasSizeGreaterThan(100);
        assertThat(routes.stream().filter(r -> r.action() == null).map(Route::toString)).as("routes naming no action")
                .isEmpty();
        List<String> disagree = new ArrayList<>();
        for (Route r : routes) {
            RolesAllowed ra = r.method().getAnnotation(RolesAllowed.class);
            if (ra == null) {
                ra = r.method().getDeclaringClass().getAnnotation(RolesAllowed.class);
            }
            if (ra != null) {
                Set<Role> gate = EnumSet.noneOf(Role.class);
                Arrays.stream(ra.value()).map(Role::valueOf).forEach(gate::add);
                if (!gate.equals(r.action().roles())) {
                    disagree.add(r + ": @RolesAllowed " + gate + " but " + r.action() + " " + r.action().roles());
                }
            }
        }
        assertThat(disagree).as("@RolesAllowed that differ from the rights table").isEmpty();
    }

    @Test
    void everyRouteAnswersEveryRoleAsTheTableSays() {
        // the fixture rows, owned where one user can own them
        AttackWorld world = AttackWorld.create("权限矩阵", "RM");
        Firm seller = world.seller();
        Inst bank = world.bank();
        long product = world.product();
        long request = world.request();
        Fixtures.asAdmin().contentType("application/json").body(Map.of("route", "BANKS", "reason", "权限矩阵"))
                .post("/api/financing-requests/" + request + "/override").then().statusCode(200);
        long application = world.application();
        int year = 1950;
        long run = Fixtures.asAdmin().post("/api/classifications/" + year + "/runs").then().statusCode(201).extract()
                .jsonPath().getLong("runId");

        Map<Role, String> users = world.users();

        Map<String, String> params = new LinkedHashMap<>();
        params.put("uscc", seller.uscc());
        params.put("year", String.valueOf(year));
        params.put("runId", String.valueOf(run));
        params.put("code", bank.code());
        params.put("tag", "en");
        params.put("offerId", "999999999");

        List<String> wrong = new ArrayList<>();
        TreeSet<String> walked = new TreeSet<>();
        for (Route r : routes()) {
            String path = fill(r, params, request, application, product);
            walked.add(r.httpMethod() + " " + r.path());
            for (Role role : Role.values()) {
                String outcome = outcome(r, call(r, path, users.get(role)), false);
                if (outcome.endsWith("500")) {
                    // whatever a role may do, a route never answers a server error
                    wrong.add(r + " as " + role + ": 500");
                }
                boolean allowed = r.action().allows(role);
                if (allowed == outcome.startsWith("refused")) {
                    wrong.add(r + " as " + role + ": table says " + (allowed ? "allowed" : "refused") + ", got " + outcome);
                }
            }
            String anon = outcome(r, call(r, path, null), true);
            if (r.action().anonymous() == anon.startsWith("refused")) {
                wrong.add(r + " anonymous: table says " + (r.action().anonymous() ? "allowed" : "refused") + ", got " + anon);
            }
        }
        assertThat(walked).hasSizeGreaterThan(100);
        assertThat(wrong).as("routes whose rights differ from the table").isEmpty();
    }

    static String fill(Route r, Map<String, String> params, long request, long application, long product) {
        String path = r.path();
        String id = path.startsWith("/financing") || path.startsWith("/api/financing-requests") ? String.valueOf(request)
                : path.contains("/applications/") ? String.valueOf(application)
                : path.startsWith("/api/products") ? String.valueOf(product) : "999999999";
        Matcher m = Pattern.compile("\\{(\\w+)(:[^}]*)?}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(name.equals("id") ? id : params.getOrDefault(name, "1")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Response call(Route r, String path, String user) {
        RequestSpecification spec = user == null ? given()
                : user.equals(Fixtures.ADMIN) ? Fixtures.asAdmin() : Fixtures.asUser(user);
        if (!r.api() && user != null) {
            // pages sign in with the form; the session cookie, not HTTP Basic
            spec = given().cookies(AttackWorld.signIn(user));
        }
        spec = spec.redirects().follow(false);
        if (!r.httpMethod().equals("GET") && !r.httpMethod().equals("DELETE")) {
            Consumes consumes = r.method().getAnnotation(Consumes.class);
            String type = consumes == null ? "application/json" : consumes.value()[0];
            if (type.startsWith("multipart")) {
                spec = spec.multiPart("dryRun", "true");
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                // firms=0: the demo-park form refuses it, so the walk loads no demo park into the shared database
                spec = spec.contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("firms", "0");
            } else if (type.contains("json")) {
                spec = spec.contentType("application/json").body("{}");
            } else {
                spec = spec.contentType(type).body(new byte[] {'{', '}'});
            }
        }
        return spec.request(r.httpMethod(), path);
    }

    /** "refused …" when the table's gate stopped the call, else "allowed …" with the status. */
    private static String outcome(Route r, Response res, boolean anonymous) {
        int status = res.statusCode();
        String location = String.valueOf(res.header("Location"));
        if (status == 401) {
            return "refused 401";
        }
        if (anonymous && status == 302 && location.endsWith("/login")) {
            return "refused sign-in";
        }
        if (status == 403 && res.asString().contains("your role")) {
            return "refused 403";
        }
        if (status == 500) {
            return "allowed but 500";
        }
        return "allowed " + status + (status == 403 ? " (not this user's row)" : "");
    }
}
