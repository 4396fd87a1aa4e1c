package io.parkcredit.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What a signed package says about itself (DOMAIN.md §10.3): which export of which request, the
 * firm, where it comes from and where it goes, until when the firm consented, and the SHA-256 of
 * every bundle file it carries. {@code manifest.sig} is the source installation's Ed25519
 * signature of the manifest's bytes exactly as stored.
 */
record Manifest(String format, UUID exportId, UUID requestId, String uscc, Side source, Side target,
        LocalDate consentExpires, Instant createdAt, LocalDate periodFrom, LocalDate periodTo,
        Map<String, String> files) {

    static final String FORMAT = "parkcredit-sharing/1";

    /** An installation and one of its parks (by code). */
    record Side(String installation, String park) {
        @Override
        public String toString() {
            return park + "@" + installation;
        }
    }
}
