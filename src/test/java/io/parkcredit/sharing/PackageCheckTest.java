package io.parkcredit.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The import checks of a signed package (DOMAIN.md §10.3), in their order, and the package's bounds. */
class PackageCheckTest {

    static final KeyPair SOURCE = Ed25519.generate();
    static final UUID REQUEST = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID EXPORT = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final LocalDate UNTIL = LocalDate.of(2026, 3, 31);
    static final SharingPackage.Limits LIMITS = new SharingPackage.Limits(100_000, 1_000_000, 10, 10_000);

    /** This installation "two", park "B", asked for the firm with request REQUEST; nothing imported yet. */
    static class World implements PackageCheck.Facts {
        Map<String, PublicKey> keys = new LinkedHashMap<>(Map.of("one", SOURCE.getPublic()));
        String parks = "B";
        boolean requested = true;
        boolean imported = false;
        LocalDate today = LocalDate.of(2026, 3, 1);

        @Override
        public PublicKey keyOf(String installation) {
            return keys.get(installation);
        }

        @Override
        public String thisInstallation() {
            return "two";
        }

        @Override
        public boolean acceptsPark(String parkCode) {
            return parks.equals(parkCode);
        }

        @Override
        public boolean requested(UUID ref, String parkCode, String uscc) {
            return requested && ref.equals(REQUEST) && parkCode.equals("B") && uscc.equals("91410481MA0000000X");
        }

        @Override
        public boolean imported(UUID exportId) {
            return imported;
        }

        @Override
        public LocalDate today() {
            return today;
        }
    }

    static Map<String, byte[]> files() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("enterprises.csv", "uscc,name\n91410481MA0000000X,\"甲, 公司\"\n".getBytes(StandardCharsets.UTF_8));
        f.put("loans.csv", "lender_code,loan_no,uscc,principal\nB1,L1,91410481MA0000000X,100\n".getBytes(StandardCharsets.UTF_8));
        return f;
    }

    static byte[] signed(Manifest m, Map<String, byte[]> files, KeyPair key) {
        byte[] mb = SharingPackage.manifestBytes(m);
        return SharingPackage.build(mb, Ed25519.sign(key.getPrivate(), mb), files);
    }

    static Manifest manifest(Map<String, byte[]> files) {
        return new Manifest(Manifest.FORMAT, EXPORT, REQUEST, "91410481MA0000000X", new Manifest.Side("one", "A"),
                new Manifest.Side("two", "B"), UNTIL, Instant.parse("2026-03-01T02:00:00Z"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31), SharingPackage.hashes(files));
    }

    static Optional<Refusal> check(byte[] pkg, World w) throws SharingPackage.Malformed {
        return PackageCheck.check(SharingPackage.unpack(pkg, LIMITS), w).map(PackageCheck.Finding::refusal);
    }

    @Test
    void aSignedPackageForThisParkWithALiveConsentPasses() throws Exception {
        byte[] pkg = signed(manifest(files()), files(), SOURCE);
        assertThat(check(pkg, new World())).isEmpty();
        SharingPackage.Unpacked u = SharingPackage.unpack(pkg, LIMITS);
        assertThat(u.manifest().files().get("loans.csv")).isEqualTo(SharingPackage.sha256(files().get("loans.csv")));
        assertThat(u.files().keySet()).containsExactly("enterprises.csv", "loans.csv");
        assertThat(SharingImports.profile(files().get("enterprises.csv"))).containsExactly(
                Map.entry("uscc", "91410481MA0000000X"), Map.entry("name", "甲, 公司"));
        assertThat(CsvRecords.count(files().get("loans.csv"))).isEqualTo(1);
    }

    @Test
    void eachRefusalInItsOrder() throws Exception {
        Map<String, byte[]> files = files();
        byte[] pkg = signed(manifest(files), files, SOURCE);

        World untrusted = new World();
        untrusted.keys.clear();
        assertThat(check(pkg, untrusted)).contains(Refusal.SOURCE_UNTRUSTED);

        World otherKey = new World();
        otherKey.keys.put("one", Ed25519.generate().getPublic());
        assertThat(check(pkg, otherKey)).contains(Refusal.SIGNATURE_INVALID);

        // a manifest changed after signing (a later consent expiry)
        Manifest later = new Manifest(Manifest.FORMAT, EXPORT, REQUEST, "91410481MA0000000X", new Manifest.Side("one", "A"),
                new Manifest.Side("two", "B"), UNTIL.plusYears(1), Instant.parse("2026-03-01T02:00:00Z"),
                LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), SharingPackage.hashes(files));
        byte[] signedBytes = SharingPackage.manifestBytes(manifest(files));
        byte[] swapped = SharingPackage.build(SharingPackage.manifestBytes(later), Ed25519.sign(SOURCE.getPrivate(),
                signedBytes), files);
        assertThat(check(swapped, new World())).contains(Refusal.SIGNATURE_INVALID);

        Map<String, byte[]> changed = files();
        changed.put("loans.csv", "lender_code,loan_no,uscc,principal\nB1,L1,91410481MA0000000X,1\n"
                .getBytes(StandardCharsets.UTF_8));
        byte[] tampered = SharingPackage.build(signedBytes, Ed25519.sign(SOURCE.getPrivate(), signedBytes), changed);
        PackageCheck.Finding f = PackageCheck.check(SharingPackage.unpack(tampered, LIMITS), new World()).orElseThrow();
        assertThat(f.refusal()).isEqualTo(Refusal.FILE_TAMPERED);
        assertThat(f.params()).containsEntry("file", "loans.csv");
        Map<String, byte[]> added = files();
        added.put("transactions.csv", "txn_id\n".getBytes(StandardCharsets.UTF_8));
        assertThat(check(SharingPackage.build(signedBytes, Ed25519.sign(SOURCE.getPrivate(), signedBytes), added),
                new World())).contains(Refusal.FILE_TAMPERED);
        Map<String, byte[]> missing = files();
        missing.remove("loans.csv");
        assertThat(check(SharingPackage.build(signedBytes, Ed25519.sign(SOURCE.getPrivate(), signedBytes), missing),
                new World())).contains(Refusal.FILE_TAMPERED);

        World otherPark = new World();
        otherPark.parks = "C";
        assertThat(check(pkg, otherPark)).contains(Refusal.WRONG_TARGET);

        World notAsked = new World();
        notAsked.requested = false;
        assertThat(check(pkg, notAsked)).contains(Refusal.NO_REQUEST);

        // the consent counts through its last day
        World lastDay = new World();
        lastDay.today = UNTIL;
        assertThat(check(pkg, lastDay)).isEmpty();
        World dayAfter = new World();
        dayAfter.today = UNTIL.plusDays(1);
        assertThat(check(pkg, dayAfter)).contains(Refusal.CONSENT_EXPIRED);

        World again = new World();
        again.imported = true;
        assertThat(check(pkg, again)).contains(Refusal.ALREADY_IMPORTED);
        // several faults: the first in the order decides
        again.today = UNTIL.plusDays(1);
        again.parks = "C";
        assertThat(check(pkg, again)).contains(Refusal.WRONG_TARGET);
    }

    @Test
    void malformedPackagesAreNotPackages() {
        assertThatThrownBy(() -> SharingPackage.unpack("no zip".getBytes(StandardCharsets.US_ASCII), LIMITS))
                .isInstanceOf(SharingPackage.Malformed.class);
        assertThatThrownBy(() -> SharingPackage.unpack(new byte[100_001], LIMITS))
                .isInstanceOf(SharingPackage.Malformed.class).hasMessageContaining("100001 bytes");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("f" + i + ".csv", new byte[] {'x'});
        }
        assertThatThrownBy(() -> SharingPackage.unpack(SharingPackage.build(new byte[] {'{', '}'}, new byte[] {1}, many),
                LIMITS)).isInstanceOf(SharingPackage.Malformed.class).hasMessageContaining("more than 10 files");
        Map<String, byte[]> bomb = Map.of("big.csv", new byte[1_000_001]);
        assertThatThrownBy(() -> SharingPackage.unpack(SharingPackage.build(new byte[] {'{', '}'}, new byte[] {1}, bomb),
                new SharingPackage.Limits(100_000_000, 1_000_000, 10, 10_000))).isInstanceOf(SharingPackage.Malformed.class)
                .hasMessageContaining("exceed 1000000 bytes");
        assertThatThrownBy(() -> SharingPackage.unpack(SharingPackage.build("{\"format\":\"x\"}".getBytes(
                StandardCharsets.UTF_8), new byte[] {1}, files()), LIMITS)).isInstanceOf(SharingPackage.Malformed.class)
                .hasMessageContaining("lacks a required member");
    }

    @Test
    void aConfiguredPrivateKeyYieldsItsOwnPublicKey() {
        KeyPair original = Ed25519.generate();
        KeyPair derived = Ed25519.fromPrivate(Base64.getEncoder().encodeToString(original.getPrivate().getEncoded()));
        assertThat(Ed25519.encode(derived.getPublic())).isEqualTo(Ed25519.encode(original.getPublic()));
        byte[] data = "清单".getBytes(StandardCharsets.UTF_8);
        assertThat(Ed25519.verify(original.getPublic(), data, Ed25519.sign(derived.getPrivate(), data))).isTrue();
        assertThat(Ed25519.verify(original.getPublic(), "改过".getBytes(StandardCharsets.UTF_8),
                Ed25519.sign(derived.getPrivate(), data))).isFalse();
        assertThat(Ed25519.publicKey("not a key")).isNull();
        assertThat(PeerSignature.signedText("POST", "/p", "one", "100", "n", new byte[0])).asString(StandardCharsets.UTF_8)
                .isEqualTo("POST\n/p\none\n100\nn\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(List.of(Refusal.values())).extracting(r -> r.messageCode()).contains("sharingFileTampered");
    }
}
