package io.parkcredit.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of cross-park sharing (DOMAIN.md §10.3, README "Sharing between parks"). */
@ConfigMapping(prefix = "parkcredit.sharing")
public interface SharingConfig {

    /**
     * This installation's Ed25519 private key, PKCS#8 in base64 (a Kubernetes Secret). Unset: a key
     * pair is generated at first start and kept in the database.
     */
    Optional<String> privateKey();

    /** This installation's id as peers know it. Unset: generated at first start and kept in the database. */
    Optional<String> installationId();

    /** Longest consent a firm may give, in days from the day it consents. */
    @WithDefault("180")
    int maxConsentDays();

    /** Largest signed package accepted (upload, delivery) or produced (export), in bytes. */
    @WithDefault("2000000")
    int maxPackageBytes();

    /** Largest sum of the package's unpacked files, in bytes (a zip bomb stops here). */
    @WithDefault("50000000")
    long maxUnpackedBytes();

    /** Most entries a package may hold: the manifest, its signature and the bundle files. */
    @WithDefault("10")
    int maxFiles();

    /** Largest manifest, in bytes. */
    @WithDefault("65536")
    int maxManifestBytes();

    /** How far a peer's timestamp may be from this installation's clock. */
    @WithDefault("PT5M")
    Duration clockSkew();

    /** Connect and answer timeout of a call to a peer installation. */
    @WithDefault("PT20S")
    Duration peerTimeout();
}
