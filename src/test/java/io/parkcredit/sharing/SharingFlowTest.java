package io.parkcredit.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.ParkFixtures;
import io.parkcredit.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sharing flow between two parks of one installation (DOMAIN.md §10.3), told as the story: park B
 * asks park A for a firm's data, the firm consents, park A exports, park B imports; and every way it
 * is refused — no consent, a refused consent, an expired one, a tampered manifest or file, a replay,
 * an untrusted source, the wrong park, another firm, another park's ADMIN, a bank.
 */
@QuarkusTest
class SharingFlowTest {

    static final String PROBLEMS = "https://parkcredit.io/problems/";

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    record World(int parkB, String codeB, String uscc, String name, String firmUser, String otherFirmUser, String adminA,
            String adminB, String bank) {
    }

    /** A firm of the default park with history inside and outside the period 2024-01-01 … 2025-12-31. */
    static World world() {
        int parkB = ParkFixtures.newPark("共享乙园");
        String name = "共享流程" + Fixtures.newCode("F") + "有限公司";
        String uscc = Fixtures.newEnterprise(name);
        String lender = Fixtures.newCode("SB");
        String src = Fixtures.newCode("SRC");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("loans", "lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n"
                + lender + ",L1," + uscc + ",500000,2024-03-01,2025-03-01,\n"
                + lender + ",L2," + uscc + ",200000,2020-01-01,2020-12-31,2021-01-01\n");
        files.put("credit_events", "source,event_no,uscc,type,severity,occurred_on,amount,grade,title,detail,repaired_on\n"
                + src + ",E1," + uscc + ",ADMIN_PENALTY,GENERAL,2024-06-01,1000,,罚款,,\n"
                + src + ",E2," + uscc + ",ADMIN_PENALTY,MINOR,2019-01-01,500,,旧罚款,,2019-06-01\n");
        files.put("financial_statements", "uscc,year,total_assets,revenue\n" + uscc + ",2022,100,10\n" + uscc
                + ",2024,200,20\n" + uscc + ",2025,300,30\n");
        files.put("transactions", "txn_id,uscc,booked_on,direction,amount,counterparty_uscc,counterparty_name\n"
                + Fixtures.newCode("T") + "," + uscc + ",2024-05-05,IN,1000,,客户\n"
                + Fixtures.newCode("T") + "," + uscc + ",2023-01-01,IN,900,,客户\n");
        Fixtures.importBundle(files);
        String other = Fixtures.newEnterprise("共享旁观" + Fixtures.newCode("F"));
        return new World(parkB, ParkFixtures.code(parkB), uscc, name, ParkFixtures.userIn(1, "ENTERPRISE", uscc, null),
                ParkFixtures.userIn(1, "ENTERPRISE", other, null), ParkFixtures.userIn(1, "ADMIN", null, null),
                ParkFixtures.userIn(parkB, "ADMIN", null, null),
                ParkFixtures.userIn(1, "BANK", null, ParkFixtures.institutionIn(1, "BANK")));
    }

    static long ask(World w) {
        JsonPath r = Fixtures.asUser(w.adminB()).contentType("application/json").body(Map.of("uscc", w.uscc(),
                "holdingPark", "PARK", "purpose", "招商尽调", "periodFrom", "2024-01-01", "periodTo", "2025-12-31"))
                .post("/api/sharing/requests").then().statusCode(201).extract().jsonPath();
        assertThat(r.getString("direction")).isEqualTo("OUTBOUND");
        assertThat(r.getString("status")).isEqualTo("PENDING");
        assertThat(r.getString("holderPark")).isEqualTo("PARK");
        assertThat(r.getString("requesterPark")).isEqualTo(w.codeB());
        return r.getLong("id");
    }

    /** The holding park's side of the request with this ref, as park A's ADMIN lists it. */
    static long inbound(World w, long outboundId) {
        String ref = Fixtures.asUser(w.adminB()).get("/api/sharing/requests/" + outboundId).then().statusCode(200)
                .extract().jsonPath().getString("ref");
        List<Map<String, Object>> in = Fixtures.asUser(w.adminA()).get("/api/sharing/requests?direction=INBOUND").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.ref == '" + ref + "' }");
        assertThat(in).hasSize(1);
        return ((Number) in.get(0).get("id")).longValue();
    }

    static LocalDate today() {
        return LocalDate.now(ClockProducer.PARK_ZONE);
    }

    static void consent(World w, long inboundId, LocalDate until) {
        Fixtures.asUser(w.firmUser()).contentType("application/json").body(Map.of("expiresOn", until.toString()))
                .post("/api/sharing/requests/" + inboundId + "/consent").then().statusCode(200);
    }

    static void refused(io.restassured.response.Response res, int status, String code) {
        res.then().statusCode(status).contentType("application/problem+json");
        assertThat(res.jsonPath().getString("type")).isEqualTo(PROBLEMS + code);
    }

    @Test
    void parkBAsksTheFirmConsentsParkAExportsParkBImportsAReadOnlyView() throws IOException {
        World w = world();
        long out = ask(w);
        long in = inbound(w, out);

        // nothing leaves without the firm's consent
        refused(Fixtures.asUser(w.adminA()).post("/api/sharing/requests/" + in + "/export"), 409, "sharing-no-consent");

        // only the firm decides: another firm, park B's ADMIN, a bank cannot
        Fixtures.asUser(w.otherFirmUser()).contentType("application/json").body(Map.of("expiresOn", today().plusDays(30)
                .toString())).post("/api/sharing/requests/" + in + "/consent").then().statusCode(404);
        Fixtures.asUser(w.otherFirmUser()).get("/api/sharing/requests/" + in).then().statusCode(404);
        Fixtures.asUser(w.adminB()).contentType("application/json").body(Map.of("expiresOn", today().plusDays(30)
                .toString())).post("/api/sharing/requests/" + in + "/consent").then().statusCode(403);
        Fixtures.asUser(w.bank()).get("/api/sharing/requests").then().statusCode(403);
        Fixtures.asUser(w.bank()).get("/api/sharing/log").then().statusCode(403);
        // park B's ADMIN does not see park A's side, nor export it
        Fixtures.asUser(w.adminB()).get("/api/sharing/requests/" + in).then().statusCode(404);
        Fixtures.asUser(w.adminB()).post("/api/sharing/requests/" + in + "/export").then().statusCode(404);
        // the firm sees the request about it, not park B's outbound side
        assertThat(Fixtures.asUser(w.firmUser()).get("/api/sharing/requests").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).containsExactly(in);
        Fixtures.asUser(w.firmUser()).get("/api/sharing/requests/" + out).then().statusCode(404);

        // a consent longer than the maximum is refused with the field named
        var tooLong = Fixtures.asUser(w.firmUser()).contentType("application/json").body(Map.of("expiresOn",
                today().plusDays(181).toString())).post("/api/sharing/requests/" + in + "/consent");
        tooLong.then().statusCode(422);
        assertThat(tooLong.jsonPath().getString("errors[0].field")).isEqualTo("expiresOn");

        LocalDate until = today().plusDays(30);
        consent(w, in, until);
        JsonPath outSide = Fixtures.asUser(w.adminB()).get("/api/sharing/requests/" + out).then().statusCode(200).extract()
                .jsonPath();
        assertThat(outSide.getString("status")).isEqualTo("GRANTED");
        assertThat(outSide.getString("consentExpires")).isEqualTo(until.toString());
        // decided once
        refused(Fixtures.asUser(w.firmUser()).contentType("application/json").body(Map.of("reason", "改主意"))
                .post("/api/sharing/requests/" + in + "/refusal"), 409, "sharing-decided");

        JsonPath x = Fixtures.asUser(w.adminA()).post("/api/sharing/requests/" + in + "/export").then().statusCode(201)
                .extract().jsonPath();
        assertThat(x.getBoolean("delivered")).isTrue();
        assertThat(x.getString("target")).startsWith(w.codeB() + "@");
        String exportId = x.getString("exportId");
        byte[] pkg = Fixtures.asUser(w.adminA()).get("/api/sharing/exports/" + exportId + "/package").then()
                .statusCode(200).extract().asByteArray();
        Fixtures.asUser(w.adminB()).get("/api/sharing/exports/" + exportId + "/package").then().statusCode(404);

        Map<String, byte[]> entries = unzip(pkg);
        assertThat(entries.keySet()).containsExactlyInAnyOrder("manifest.json", "manifest.sig", "enterprises.csv",
                "loans.csv", "credit_events.csv", "financial_statements.csv", "transactions.csv");
        JsonPath manifest = JsonPath.from(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
        assertThat(manifest.getString("uscc")).isEqualTo(w.uscc());
        assertThat(manifest.getString("source.park")).isEqualTo("PARK");
        assertThat(manifest.getString("target.park")).isEqualTo(w.codeB());
        assertThat(manifest.getString("consentExpires")).isEqualTo(until.toString());
        assertThat(manifest.getString("files.'loans.csv'")).isEqualTo(SharingPackage.sha256(entries.get("loans.csv")));
        // the period decides the rows: one loan, one event, two statements, one flow
        assertThat(lines(entries.get("loans.csv"))).isEqualTo(2);
        assertThat(lines(entries.get("credit_events.csv"))).isEqualTo(2);
        assertThat(lines(entries.get("financial_statements.csv"))).isEqualTo(3);
        assertThat(lines(entries.get("transactions.csv"))).isEqualTo(2);

        // tampering is refused, each with its own reason
        Map<String, byte[]> badManifest = new LinkedHashMap<>(entries);
        badManifest.put("manifest.json", new String(entries.get("manifest.json"), StandardCharsets.UTF_8)
                .replace(until.toString(), until.plusDays(300).toString()).getBytes(StandardCharsets.UTF_8));
        refused(importAs(w.adminB(), zip(badManifest)), 422, "sharing-signature-invalid");
        Map<String, byte[]> badFile = new LinkedHashMap<>(entries);
        badFile.put("loans.csv", new String(entries.get("loans.csv"), StandardCharsets.UTF_8).replace("500000", "5")
                .getBytes(StandardCharsets.UTF_8));
        var tampered = importAs(w.adminB(), zip(badFile));
        refused(tampered, 422, "sharing-file-tampered");
        assertThat(tampered.jsonPath().getString("file")).isEqualTo("loans.csv");
        refused(importAs(w.adminB(), "not a zip".getBytes(StandardCharsets.UTF_8)), 422, "sharing-package-malformed");
        // park A is not the target
        refused(importAs(w.adminA(), pkg), 409, "sharing-wrong-target");

        // the package waits in park B's inbox; park B imports it
        List<Map<String, Object>> inbox = Fixtures.asUser(w.adminB()).get("/api/sharing/imports").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.exportId == '" + exportId + "' }");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("status")).isEqualTo("DELIVERED");
        long delivery = ((Number) inbox.get(0).get("id")).longValue();
        Fixtures.asUser(w.adminA()).post("/api/sharing/imports/" + delivery + "/import").then().statusCode(404);
        JsonPath imported = Fixtures.asUser(w.adminB()).post("/api/sharing/imports/" + delivery + "/import").then()
                .statusCode(200).extract().jsonPath();
        // the firm belongs to park A of this installation: not moved, a read-only profile until the consent expires
        assertThat(imported.getString("mode")).isEqualTo("VIEW");
        assertThat(imported.getString("status")).isEqualTo("IMPORTED");
        assertThat(imported.getString("sourcePark")).isEqualTo("PARK");
        assertThat(imported.getString("consentExpires")).isEqualTo(until.toString());
        assertThat(imported.getString("profile.name")).isEqualTo(w.name());
        assertThat(imported.getMap("rows")).containsExactlyInAnyOrderEntriesOf(Map.of("enterprises", 1, "loans", 1,
                "creditEvents", 1, "financialStatements", 2, "transactions", 1));
        Fixtures.asAdmin().get("/api/enterprises/" + w.uscc()).then().statusCode(200);
        assertThat(Fixtures.asAdmin().get("/api/sharing/requests/" + out).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("IMPORTED");

        // a replay is refused
        refused(importAs(w.adminB(), pkg), 409, "sharing-already-imported");

        // the firm reads every step, newest first
        assertThat(Fixtures.asUser(w.firmUser()).get("/api/sharing/log").then().statusCode(200).extract().jsonPath()
                .getList("event", String.class)).containsExactly("IMPORTED", "DELIVERED", "EXPORTED", "CONSENTED",
                        "REQUESTED");
        assertThat(Fixtures.asUser(w.otherFirmUser()).get("/api/sharing/log").then().statusCode(200).extract().jsonPath()
                .getList("event", String.class)).isEmpty();
        // both parks' ADMINs see the rows (the two parks are of this installation); the region ADMIN sees both sides
        assertThat(Fixtures.asUser(w.adminB()).get("/api/sharing/log?uscc=" + w.uscc()).then().statusCode(200).extract()
                .jsonPath().getList("event", String.class)).hasSize(5);
        assertThat(Fixtures.asAdmin().get("/api/sharing/requests").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(in, out);
        assertThat(Fixtures.asUser(w.adminA()).get("/api/sharing/requests").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(in).doesNotContain(out);
    }

    @Test
    void aRefusedConsentAndAnExpiredOneExportNothing() {
        World w = world();
        long in = inbound(w, ask(w));
        Fixtures.asUser(w.firmUser()).contentType("application/json").body(Map.of("reason", "不愿共享"))
                .post("/api/sharing/requests/" + in + "/refusal").then().statusCode(200);
        var r = Fixtures.asUser(w.adminA()).post("/api/sharing/requests/" + in + "/export");
        refused(r, 409, "sharing-no-consent");
        assertThat(r.jsonPath().getString("detail")).isEqualTo("the firm refused: 不愿共享");

        long in2 = inbound(w, ask(w));
        LocalDate until = today().plusDays(10);
        consent(w, in2, until);
        String exportId = Fixtures.asUser(w.adminA()).post("/api/sharing/requests/" + in2 + "/export").then()
                .statusCode(201).extract().jsonPath().getString("exportId");
        byte[] pkg = Fixtures.asUser(w.adminA()).get("/api/sharing/exports/" + exportId + "/package").then()
                .statusCode(200).extract().asByteArray();
        TestClock.set(until.plusDays(1));
        refused(importAs(w.adminB(), pkg), 409, "sharing-consent-expired");
        refused(Fixtures.asUser(w.adminA()).post("/api/sharing/requests/" + in2 + "/export"), 409, "sharing-no-consent");
        TestClock.set(until);
        // on the last day of the consent it still imports
        assertThat(importAs(w.adminB(), pkg).then().statusCode(200).extract().jsonPath().getString("mode"))
                .isEqualTo("VIEW");
        TestClock.set(until.plusDays(1));
        // and once expired the received profile is no longer shown
        List<Map<String, Object>> views = Fixtures.asUser(w.adminB()).get("/api/sharing/imports").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.exportId == '" + exportId + "' }");
        assertThat(views.get(0).get("viewExpired")).isEqualTo(true);
        assertThat((Map<?, ?>) views.get(0).get("profile")).isEmpty();
    }

    /**
     * A package from a peer installation (its key registered here): a firm unknown to this installation
     * becomes a prospect of the receiving park with its history; an unregistered source is refused.
     */
    @Test
    void aPeersPackageMakesAnUnknownFirmAProspectOfTheReceivingPark() {
        World w = world();
        KeyPair peerKey = Ed25519.generate();
        String peerId = "peer-" + UUID.randomUUID();
        Fixtures.asAdmin().contentType("application/json").body(Map.of("installationId", peerId, "name", "邻市平台",
                "baseUrl", "http://127.0.0.1:9", "publicKey", Ed25519.encode(peerKey.getPublic())))
                .post("/api/sharing/peers").then().statusCode(201);
        // a park ADMIN does not register peers
        Fixtures.asUser(w.adminB()).contentType("application/json").body(Map.of("installationId", "x", "name", "x",
                "baseUrl", "http://x", "publicKey", "x")).post("/api/sharing/peers").then().statusCode(403);
        String me = Fixtures.asAdmin().get("/api/sharing/installation").then().statusCode(200).extract().jsonPath()
                .getString("installationId");

        String uscc = Fixtures.newUscc();
        UUID ref = UUID.randomUUID();
        ParkFixtures.execute("insert into sharing_requests (ref, direction, park_id, uscc, requester_installation,"
                + " requester_park, holder_installation, holder_park, purpose, period_from, period_to, status, created_by,"
                + " created_at) values (?, 'OUTBOUND', ?, ?, ?, ?, ?, 'HOME', '尽调', date '2024-01-01', date '2025-12-31',"
                + " 'PENDING', 'test', now())", ref, w.parkB(), uscc, me, w.codeB(), peerId);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("enterprises.csv", (Fixtures.ENTERPRISES_HEADER + Fixtures.enterpriseRow(uscc, "远方公司"))
                .getBytes(StandardCharsets.UTF_8));
        files.put("loans.csv", ("lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n" + "FARBANK,"
                + Fixtures.newCode("FL") + "," + uscc + ",100000,2024-02-01,2025-02-01,\n").getBytes(StandardCharsets.UTF_8));
        LocalDate until = today().plusDays(20);
        Manifest m = new Manifest(Manifest.FORMAT, UUID.randomUUID(), ref, uscc, new Manifest.Side(peerId, "HOME"),
                new Manifest.Side(me, w.codeB()), until, java.time.Instant.now(), LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31), SharingPackage.hashes(files));
        byte[] mb = SharingPackage.manifestBytes(m);
        byte[] pkg = SharingPackage.build(mb, Ed25519.sign(peerKey.getPrivate(), mb), files);

        // the same package signed by a key nobody registered, claiming an unknown installation
        Manifest stranger = new Manifest(Manifest.FORMAT, UUID.randomUUID(), ref, uscc, new Manifest.Side("stranger", "X"),
                m.target(), until, m.createdAt(), m.periodFrom(), m.periodTo(), m.files());
        byte[] sb = SharingPackage.manifestBytes(stranger);
        refused(importAs(w.adminB(), SharingPackage.build(sb, Ed25519.sign(Ed25519.generate().getPrivate(), sb), files)),
                409, "sharing-source-untrusted");
        // a valid package, but park A never asked for it
        refused(importAs(w.adminA(), pkg), 409, "sharing-wrong-target");

        JsonPath r = importAs(w.adminB(), pkg).then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("mode")).isEqualTo("PROSPECT");
        assertThat(r.getString("sourceInstallation")).isEqualTo(peerId);
        assertThat(r.getString("sourcePark")).isEqualTo("HOME");
        assertThat(r.getMap("rows")).containsEntry("enterprises", 1).containsEntry("loans", 1);
        // the acknowledgement to an unreachable peer failed; the import stands
        assertThat(r.getBoolean("acknowledged")).isFalse();
        JsonPath firm = Fixtures.asUser(w.adminB()).get("/api/enterprises/" + uscc).then().statusCode(200).extract()
                .jsonPath();
        assertThat(firm.getBoolean("inPark")).isFalse();
        // a prospect of park B
        assertThat(ParkFixtures.parkOf(uscc)).isEqualTo(w.parkB());

        // a later package about the same firm merges into park B's firm, which stays a prospect though the
        // source lists it as a park firm
        UUID ref2 = UUID.randomUUID();
        ParkFixtures.execute("insert into sharing_requests (ref, direction, park_id, uscc, requester_installation,"
                + " requester_park, holder_installation, holder_park, purpose, period_from, period_to, status, created_by,"
                + " created_at) values (?, 'OUTBOUND', ?, ?, ?, ?, ?, 'HOME', '更新', date '2024-01-01', date '2025-12-31',"
                + " 'PENDING', 'test', now())", ref2, w.parkB(), uscc, me, w.codeB(), peerId);
        Map<String, byte[]> later = new LinkedHashMap<>(files);
        later.put("loans.csv", ("lender_code,loan_no,uscc,principal,start_date,due_date,settled_on\n" + "FARBANK,"
                + Fixtures.newCode("FL") + "," + uscc + ",80000,2025-02-01,2026-02-01,\n").getBytes(StandardCharsets.UTF_8));
        Manifest m2 = new Manifest(Manifest.FORMAT, UUID.randomUUID(), ref2, uscc, m.source(), m.target(), until,
                m.createdAt(), m.periodFrom(), m.periodTo(), SharingPackage.hashes(later));
        byte[] mb2 = SharingPackage.manifestBytes(m2);
        JsonPath merged = importAs(w.adminB(), SharingPackage.build(mb2, Ed25519.sign(peerKey.getPrivate(), mb2), later))
                .then().statusCode(200).extract().jsonPath();
        assertThat(merged.getString("mode")).isEqualTo("MERGED");
        assertThat(merged.getMap("rows")).containsEntry("loans", 1);
        assertThat(Fixtures.asUser(w.adminB()).get("/api/enterprises/" + uscc).then().statusCode(200).extract()
                .jsonPath().getBoolean("inPark")).isFalse();
        assertThat(ParkFixtures.parkOf(uscc)).isEqualTo(w.parkB());
        // the firm of park A stays in park A
        assertThat(ParkFixtures.parkOf(w.uscc())).isEqualTo(1);
    }

    static io.restassured.response.Response importAs(String user, byte[] pkg) {
        return Fixtures.asUser(user).contentType("application/zip").body(pkg).post("/api/sharing/imports");
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static long lines(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8).lines().count();
    }

    @SuppressWarnings("unused")
    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
