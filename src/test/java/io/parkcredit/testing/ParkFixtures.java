package io.parkcredit.testing;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A second (third…) park in the test database, with users and firms in it (DOMAIN.md §10.3). Parks
 * and their members are written straight to the database; everything else goes through the API.
 * Only for {@code @QuarkusTest}s (it uses the server's data source).
 */
public final class ParkFixtures {

    private ParkFixtures() {
    }

    /** A new park with a unique code; returns its id. */
    public static int newPark(String name) {
        String code = Fixtures.newCode("P").toUpperCase();
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("insert into parks (code, name) values (?, ?) returning id")) {
            ps.setString(1, code);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The park's code. */
    public static String code(int park) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select code from parks where id = ?")) {
            ps.setInt(1, park);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A user of {@code role} in {@code park} (null: region-wide, ADMIN or REGULATOR only), created
     * through the API and then moved; password {@code password-<name>} as {@link Fixtures#newUser}.
     */
    public static String userIn(Integer park, String role, String uscc, String institutionCode) {
        String name = Fixtures.newUser(role, uscc, institutionCode);
        execute("update app_users set park_id = ? where username = ?", park, name);
        return name;
    }

    /** A new active firm in {@code park}: imported as the default park's firm, then moved. */
    public static String enterpriseIn(int park, String name) {
        String uscc = Fixtures.newEnterprise(name);
        execute("update enterprises set park_id = ? where uscc = ?", park, uscc);
        return uscc;
    }

    /** A new institution (BANK or GUARANTOR) in {@code park}; returns its code. */
    public static String institutionIn(int park, String kind) {
        String code = Fixtures.newCode(kind.substring(0, 1) + "I").toUpperCase();
        Fixtures.importBundle(Map.of("institutions", "code,name,kind\n" + code + ",机构" + code + "," + kind + "\n"));
        execute("update institutions set park_id = ? where code = ?", park, code);
        return code;
    }

    public static void execute(String sql, Object... params) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- parks core: page sessions (pages sign in through the form, not HTTP Basic)

    /** The cookies of a page session of {@code user} signed in with {@code password}. */
    public static io.restassured.http.Cookies pageSession(String user, String password) {
        return io.restassured.RestAssured.given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", password).post("/j_security_check").then().statusCode(302).extract()
                .detailedCookies();
    }

    /** A page session of a fixture user (password {@code password-<name>}). */
    public static io.restassured.http.Cookies pageSession(String user) {
        return pageSession(user, "password-" + user);
    }

    private static DataSource dataSource() {
        return Arc.container().instance(DataSource.class).get();
    }
    // --- sharing between parks

    /** The park a firm belongs to, or null when this installation does not know it. */
    public static Integer parkOf(String uscc) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select park_id from enterprises where uscc = ?")) {
            ps.setString(1, uscc);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports a bundle into {@code park} as the region's ADMIN ({@code POST /api/bundles?park=}). */
    public static void importInto(int park, java.util.Map<String, String> files) {
        Fixtures.asAdmin().contentType("application/zip").body(Fixtures.zip(files)).post("/api/bundles?park=" + code(park))
                .then().statusCode(200);
    }
}
