package io.parkcredit.sharing;

import java.security.PublicKey;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Whether a receiving park may import a package (DOMAIN.md §10.3), checked in this order, the first
 * failure deciding: the source installation is trusted; the manifest carries its valid signature;
 * every file is exactly the one the manifest hashed, and there are no others; the package is meant
 * for this installation and a park the importer acts for; that park asked for this firm (an outbound
 * request); the firm's consent has not expired on the day of import; the export was not imported
 * already. Pure: the facts come from {@link Facts}.
 */
final class PackageCheck {

    private PackageCheck() {
    }

    /** What the check needs to know about this installation. */
    interface Facts {
        /** The public key of a trusted installation (this one or a registered peer), or null. */
        PublicKey keyOf(String installation);

        String thisInstallation();

        /** Whether the importer may import into the park with this code (it exists and is in their scope). */
        boolean acceptsPark(String parkCode);

        /** Whether that park holds an outbound request with this ref for this firm. */
        boolean requested(UUID requestRef, String parkCode, String uscc);

        boolean imported(UUID exportId);

        LocalDate today();
    }

    /** Why a package is refused: the refusal and the facts that decided it. */
    record Finding(Refusal refusal, Map<String, Object> params) {
    }

    static Optional<Finding> check(SharingPackage.Unpacked p, Facts facts) {
        Manifest m = p.manifest();
        PublicKey key = facts.keyOf(m.source().installation());
        if (key == null) {
            return found(Refusal.SOURCE_UNTRUSTED, "installation", m.source().installation());
        }
        if (!Ed25519.verify(key, p.manifestBytes(), p.signature())) {
            return found(Refusal.SIGNATURE_INVALID, "installation", m.source().installation());
        }
        TreeSet<String> names = new TreeSet<>(m.files().keySet());
        names.addAll(p.files().keySet());
        for (String name : names) {
            byte[] data = p.files().get(name);
            String expected = m.files().get(name);
            if (data == null || expected == null || !expected.equalsIgnoreCase(SharingPackage.sha256(data))) {
                return found(Refusal.FILE_TAMPERED, "file", name);
            }
        }
        if (!facts.thisInstallation().equals(m.target().installation()) || !facts.acceptsPark(m.target().park())) {
            return found(Refusal.WRONG_TARGET, "target", m.target().toString());
        }
        if (!facts.requested(m.requestId(), m.target().park(), m.uscc())) {
            return found(Refusal.NO_REQUEST, "request", m.requestId().toString());
        }
        if (facts.today().isAfter(m.consentExpires())) {
            return found(Refusal.CONSENT_EXPIRED, "expired", m.consentExpires().toString());
        }
        if (facts.imported(m.exportId())) {
            return found(Refusal.ALREADY_IMPORTED, "export", m.exportId().toString());
        }
        return Optional.empty();
    }

    private static Optional<Finding> found(Refusal r, String name, Object value) {
        return Optional.of(new Finding(r, Map.of(name, value)));
    }
}
