package io.parkcredit.testing;

import static io.restassured.RestAssured.given;

import io.parkcredit.enterprise.Uscc;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds test data through the public API: fresh valid USCCs no other test uses, bundles as zips of
 * CSV text, users of each role. Tests never share mutable data; each makes its own firms.
 */
public final class Fixtures {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    private static final AtomicLong SEQ = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L));

    private Fixtures() {
    }

    /** A valid USCC not used by any other fixture in this JVM. */
    public static String newUscc() {
        long v = SEQ.incrementAndGet();
        String chars = Uscc.CHARSET;
        char[] body = new char[8];
        for (int k = 7; k >= 0; k--) {
            body[k] = chars.charAt((int) (v % 31));
            v /= 31;
        }
        return Uscc.complete("91410481" + new String(body)).value();
    }

    /** A unique short code for loan numbers, event numbers, institutions and user names. */
    public static String newCode(String prefix) {
        return prefix + SEQ.incrementAndGet();
    }

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    /** Creates a user through the API and returns its name; the password is {@code password-<name>}. */
    public static String newUser(String role, String uscc, String institutionCode) {
        String name = newCode(role.toLowerCase() + "-");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", "password-" + name);
        body.put("role", role);
        if (uscc != null) {
            body.put("uscc", uscc);
        }
        if (institutionCode != null) {
            body.put("institutionCode", institutionCode);
        }
        asAdmin().contentType("application/json").body(body).post("/api/users").then().statusCode(201);
        return name;
    }

    public static RequestSpecification asUser(String name) {
        return as(name, "password-" + name);
    }

    /** A zip of CSV files: file name (without .csv) to CSV text. */
    public static byte[] zip(Map<String, String> files) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        files.forEach((name, text) -> raw.put(name.contains(".") ? name : name + ".csv", text.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(raw);
    }

    /** A zip of arbitrary entries, named as given. */
    public static byte[] zipBytes(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Imports a bundle as ADMIN and expects success. */
    public static void importBundle(Map<String, String> files) {
        asAdmin().contentType("application/zip").body(zip(files)).post("/api/bundles").then().statusCode(200);
    }

    public static final String ENTERPRISES_HEADER = "uscc,name,registered_on,industry_code,registered_capital,employees,"
            + "status,contact_name,contact_mobile,in_park,address,patents,software_copyrights\n";

    /** One enterprises.csv row for a plain active park firm. */
    public static String enterpriseRow(String uscc, String name) {
        return uscc + "," + name + ",2015-03-01,C3110,5000000,120,ACTIVE,张伟,13800138000,true,舞钢市经山路1号,3,1\n";
    }

    /** Imports one active park firm and returns its USCC. */
    public static String newEnterprise(String name) {
        String uscc = newUscc();
        importBundle(Map.of("enterprises", ENTERPRISES_HEADER + enterpriseRow(uscc, name)));
        return uscc;
    }
}
