package io.parkcredit.sharing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.PackagedServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two installations (the packaged {@code quarkus-run.jar} twice, each on its own embedded PostgreSQL)
 * register each other as peers through the API and exchange a firm (DOMAIN.md §10.3): a park ADMIN of
 * installation 2 asks for a firm of installation 1, the firm's user at 1 consents, installation 1's
 * ADMIN exports and the package is pushed to 2, 2 imports it — the firm is a prospect there with its
 * loans and events, the source recorded — and the firm at 1 reads the whole log, the import included.
 * A tampered package is refused at 2, and so is an unsigned peer call.
 */
class TwoInstallationsIT {

    private static final String ADMIN_PASSWORD = "admin-two-installations";

    private final List<Process> servers = new ArrayList<>();
    private final List<EmbeddedDatabase> dbs = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(Process::destroy);
        for (Process p : servers) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dbs.forEach(EmbeddedDatabase::close);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private EmbeddedDatabase database(String name) throws IOException {
        EmbeddedDatabase db = EmbeddedDatabase.start(Files.createTempDirectory("parkcredit-" + name + "-pg"), 0, true,
                EmbeddedDatabase.Durability.THROWAWAY);
        dbs.add(db);
        return db;
    }

    private void start(String name, EmbeddedDatabase db, int port) throws IOException {
        Path jar = Path.of(System.getProperty("parkcredit.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Files.createTempFile("parkcredit-" + name + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
        PackagedServer.environment(pb.environment(), db, port, ADMIN_PASSWORD);
        pb.environment().put("PARKCREDIT_SESSION_KEY", name + "-session-key-0123456789abcdef0123456789");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        servers.add(pb.start());
    }

    private void awaitReady(String name, int port) {
        PackagedServer.awaitReady(name, servers.get(name.endsWith("1") ? 0 : 1), "localhost", port,
                Duration.ofSeconds(120));
    }

    private static RequestSpecification as(int port, String user, String password) {
        return given().baseUri("http://localhost").port(port).auth().preemptive().basic(user, password);
    }

    private static RequestSpecification admin(int port) {
        return as(port, "admin", ADMIN_PASSWORD);
    }

    private static String user(int port, String role, String uscc) {
        String name = Fixtures.newCode(role.toLowerCase() + "-");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", "password-" + name);
        body.put("role", role);
        if (uscc != null) {
            body.put("uscc", uscc);
        }
        admin(port).contentType("application/json").body(body).post("/api/users").then().statusCode(201);
        return name;
    }

    private static long count(EmbeddedDatabase db, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER, db.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            if (!sql.strip().startsWith("select")) {
                return ps.executeUpdate();
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFirmMovesFromOneInstallationToAnotherWithItsConsent() throws Exception {
        EmbeddedDatabase db1 = database("one");
        EmbeddedDatabase db2 = database("two");
        int port1 = freePort();
        int port2 = freePort();
        start("one", db1, port1);
        start("two", db2, port2);
        awaitReady("installation 1", port1);
        awaitReady("installation 2", port2);

        // each registers the other as a peer, with what the other's installation route says
        JsonPath i1 = given().baseUri("http://localhost").port(port1).get("/api/sharing/installation").then()
                .statusCode(200).extract().jsonPath();
        JsonPath i2 = given().baseUri("http://localhost").port(port2).get("/api/sharing/installation").then()
                .statusCode(200).extract().jsonPath();
        String id1 = i1.getString("installationId");
        String id2 = i2.getString("installationId");
        assertThat(id1).isNotEqualTo(id2);
        assertThat(i1.getList("parks.code")).containsExactly("PARK");
        admin(port1).contentType("application/json").body(Map.of("installationId", id2, "name", "二号平台", "baseUrl",
                "http://localhost:" + port2, "publicKey", i2.getString("publicKey"))).post("/api/sharing/peers").then()
                .statusCode(201);
        admin(port2).contentType("application/json").body(Map.of("installationId", id1, "name", "一号平台", "baseUrl",
                "http://localhost:" + port1, "publicKey", i1.getString("publicKey"))).post("/api/sharing/peers").then()
                .statusCode(201);

        // a firm of installation 1 with a loan and an event
        String uscc = Fixtures.newUscc();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("enterprises", Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, "跨平台公司"));
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\nB1,L-1," + uscc
                + ",300000,2024-04-01,2025-04-01,\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + "SRC,E-1," + uscc + ",HONOR,,2024-09-09,,,荣誉,,\n");
        admin(port1).contentType("application/zip").body(Fixtures.zip(files)).post("/api/bundles").then().statusCode(200);
        String firm = user(port1, "ENTERPRISE", uscc);
        // a park ADMIN of installation 2 (its default park)
        String admin2 = user(port2, "ADMIN", null);
        count(db2, "update app_users set park_id = 1 where username = ?", admin2);

        long out = as(port2, admin2, "password-" + admin2).contentType("application/json").body(Map.of("uscc", uscc,
                "holdingPark", "PARK", "holdingInstallation", id1, "purpose", "跨平台招商", "periodFrom", "2024-01-01",
                "periodTo", "2025-12-31")).post("/api/sharing/requests").then().statusCode(201).extract().jsonPath()
                .getLong("id");

        JsonPath inbound = as(port1, firm, "password-" + firm).get("/api/sharing/requests").then().statusCode(200)
                .extract().jsonPath();
        assertThat(inbound.getList("id")).hasSize(1);
        assertThat(inbound.getString("[0].requesterInstallation")).isEqualTo(id2);
        long in = inbound.getLong("[0].id");
        LocalDate until = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(60);
        as(port1, firm, "password-" + firm).contentType("application/json").body(Map.of("expiresOn", until.toString()))
                .post("/api/sharing/requests/" + in + "/consent").then().statusCode(200);

        JsonPath x = admin(port1).post("/api/sharing/requests/" + in + "/export").then().statusCode(201).extract()
                .jsonPath();
        assertThat(x.getBoolean("delivered")).as(x.prettify()).isTrue();
        String exportId = x.getString("exportId");

        JsonPath inbox = as(port2, admin2, "password-" + admin2).get("/api/sharing/imports").then().statusCode(200)
                .extract().jsonPath();
        assertThat(inbox.getList("exportId")).containsExactly(exportId);
        assertThat(inbox.getString("[0].status")).isEqualTo("DELIVERED");
        JsonPath imported = as(port2, admin2, "password-" + admin2).post("/api/sharing/imports/" + inbox.getLong("[0].id")
                + "/import").then().statusCode(200).extract().jsonPath();
        assertThat(imported.getString("mode")).isEqualTo("PROSPECT");
        assertThat(imported.getString("sourceInstallation")).isEqualTo(id1);
        assertThat(imported.getString("sourcePark")).isEqualTo("PARK");
        assertThat(imported.getString("consentExpires")).isEqualTo(until.toString());
        assertThat(imported.getBoolean("acknowledged")).isTrue();
        assertThat(imported.getMap("rows")).containsEntry("enterprises", 1).containsEntry("loans", 1)
                .containsEntry("creditEvents", 1);
        // at 2 the firm is a prospect of the park with its history
        assertThat(admin(port2).get("/api/enterprises/" + uscc).then().statusCode(200).extract().jsonPath()
                .getBoolean("inPark")).isFalse();
        assertThat(count(db2, "select count(*) from loans where uscc = ?", uscc)).isEqualTo(1);
        assertThat(count(db2, "select count(*) from credit_events where uscc = ?", uscc)).isEqualTo(1);
        assertThat(admin(port2).get("/api/sharing/requests/" + out).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("IMPORTED");

        // the firm at 1 reads every step, the import acknowledged by installation 2 included
        JsonPath log = as(port1, firm, "password-" + firm).get("/api/sharing/log").then().statusCode(200).extract()
                .jsonPath();
        assertThat(log.getList("event", String.class)).containsExactly("IMPORTED", "DELIVERED", "EXPORTED", "CONSENTED",
                "REQUESTED");
        assertThat(log.getString("[0].detail")).contains("imported by park PARK").contains("二号平台");
        assertThat(log.getString("[0].toPark")).isEqualTo("PARK@" + id2);

        // a tampered package is refused at 2, and a replay too
        byte[] pkg = admin(port1).get("/api/sharing/exports/" + exportId + "/package").then().statusCode(200).extract()
                .asByteArray();
        Map<String, byte[]> entries = unzip(pkg);
        entries.put("loans.csv", new String(entries.get("loans.csv"), StandardCharsets.UTF_8).replace("300000", "3")
                .getBytes(StandardCharsets.UTF_8));
        Response tampered = as(port2, admin2, "password-" + admin2).contentType("application/zip").body(zip(entries))
                .post("/api/sharing/imports");
        tampered.then().statusCode(422);
        assertThat(tampered.jsonPath().getString("type")).endsWith("/sharing-file-tampered");
        Response replay = as(port2, admin2, "password-" + admin2).contentType("application/zip").body(pkg)
                .post("/api/sharing/imports");
        replay.then().statusCode(409);
        assertThat(replay.jsonPath().getString("type")).endsWith("/sharing-already-imported");
        // a call that claims to be installation 1 without its signature
        Response forged = given().baseUri("http://localhost").port(port2).contentType("application/zip")
                .header("X-ParkCredit-Installation", id1).header("X-ParkCredit-Timestamp",
                        String.valueOf(System.currentTimeMillis() / 1000)).header("X-ParkCredit-Nonce", "n-1")
                .header("X-ParkCredit-Signature", "AAAA").body(pkg).post("/api/sharing/peer/packages");
        forged.then().statusCode(403);
        assertThat(forged.jsonPath().getString("type")).endsWith("/sharing-peer-unverified");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
