package io.parkcredit.sharing;

import java.nio.charset.StandardCharsets;

/**
 * What a call between installations signs (DOMAIN.md §10.3): the method, the path, the caller's
 * installation id, the timestamp, a nonce and the SHA-256 of the body, one per line. Headers carry
 * all but the body's hash; the receiver recomputes it from the body it got.
 */
final class PeerSignature {

    static final String INSTALLATION = "X-ParkCredit-Installation";
    static final String TIMESTAMP = "X-ParkCredit-Timestamp";
    static final String NONCE = "X-ParkCredit-Nonce";
    static final String SIGNATURE = "X-ParkCredit-Signature";

    private PeerSignature() {
    }

    static byte[] signedText(String method, String path, String installation, String timestamp, String nonce,
            byte[] body) {
        return (method + "\n" + path + "\n" + installation + "\n" + timestamp + "\n" + nonce + "\n"
                + SharingPackage.sha256(body == null ? new byte[0] : body)).getBytes(StandardCharsets.UTF_8);
    }
}
