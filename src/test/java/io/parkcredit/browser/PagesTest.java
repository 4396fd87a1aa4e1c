package io.parkcredit.browser;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.parkcredit.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import org.junit.jupiter.api.Test;

/** The pages over plain HTTP: sign-in, the session cookie, the language switch, admin-only pages. */
@QuarkusTest
class PagesTest {

    @Test
    void pagesWithoutASessionSendToTheLoginPage() {
        given().redirects().follow(false).get("/enterprises").then().statusCode(302)
                .header("Location", endsWith("/login"));
        given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
    }

    @Test
    void aWrongPasswordShowsTheLoginError() {
        given().redirects().follow(false).formParam("j_username", Fixtures.ADMIN).formParam("j_password", "wrong")
                .post("/j_security_check").then().statusCode(302).header("Location", containsString("/login?error=true"));
        given().get("/login?error=true").then().statusCode(200).body(containsString("用户名或密码错误"));
    }

    @Test
    void signedInListIsChineseAndSwitchesToEnglish() {
        String uscc = Fixtures.newEnterprise("页面测试机械有限公司");
        Cookies session = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        given().cookies(session).accept("text/html").get("/enterprises?q=" + uscc).then().statusCode(200)
                .body(containsString("<h1>企业列表</h1>"))
                .body(containsString("页面测试机械有限公司"))
                .body(containsString("数据导入"));

        var lang = given().redirects().follow(false).get("/lang/en?back=/enterprises").then().statusCode(303)
                .header("Location", endsWith("/enterprises")).extract().cookie("lang");
        given().cookies(session).cookie("lang", lang).accept("text/html").get("/enterprises?q=" + uscc).then()
                .statusCode(200).body(containsString("<h1>Enterprises</h1>")).body(not(containsString("<h1>企业列表</h1>")));
    }

    @Test
    void theLanguageSwitchNeverRedirectsToAnotherSite() {
        given().redirects().follow(false).get("/lang/en?back=//evil.example/x").then().statusCode(303)
                .header("Location", endsWith("/enterprises"));
    }

    @Test
    void adminPagesAreForbiddenToOtherRolesAndHiddenFromTheirMenu() {
        String officer = Fixtures.newUser("INVESTMENT", null, null);
        Cookies session = signIn(officer, "password-" + officer);
        given().cookies(session).accept("text/html").get("/enterprises").then().statusCode(200)
                .body(not(containsString("/admin/import")));
        given().cookies(session).accept("text/html").get("/admin/import").then().statusCode(403);
        given().cookies(session).accept("text/html").get("/admin/users").then().statusCode(403);
    }

    @Test
    void creatingAUserWithAShortPasswordShowsTheErrorInline() {
        Cookies session = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        given().cookies(session).accept("text/html").formParam("username", Fixtures.newCode("page-user-"))
                .formParam("password", "short").formParam("role", "REGULATOR")
                .post("/admin/users").then().statusCode(422).body(containsString("must have 10 to 128 characters"));
        String name = Fixtures.newCode("page-user-");
        given().cookies(session).accept("text/html").formParam("username", name)
                .formParam("password", "long-enough-password").formParam("role", "REGULATOR")
                .post("/admin/users").then().statusCode(200).body(containsString("已创建用户 " + name));
    }

    @Test
    void auditLogFiltersByTargetNewestFirst() {
        String uscc = Fixtures.newEnterprise("审计页面公司");
        String first = Fixtures.newUser("ENTERPRISE", uscc, null);
        String second = Fixtures.newUser("ENTERPRISE", uscc, null);
        Cookies session = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        String page = given().cookies(session).accept("text/html").get("/admin/audit?actor=admin&targetType=user").then()
                .statusCode(200).body(containsString("<h1>审计日志</h1>")).body(containsString("USER_CREATED"))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(page.indexOf(second)).isPositive().isLessThan(page.indexOf(first));
        given().cookies(session).accept("text/html").get("/admin/audit?targetKey=" + second).then().statusCode(200)
                .body(containsString(second)).body(not(containsString(">" + first + "<")));
    }

    @Test
    void logoutForgetsTheSession() {
        Cookies session = signIn(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
        var out = given().cookies(session).redirects().follow(false).get("/logout").then().statusCode(303)
                .header("Location", endsWith("/login")).extract();
        org.assertj.core.api.Assertions.assertThat(out.headers().getValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("parkcredit-session=;")).anyMatch(c -> c.startsWith("parkcredit-sid=;"));
    }

    static Cookies signIn(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check").then().statusCode(302).extract().detailedCookies();
    }
}
