package io.parkcredit.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The signed package of one firm's bundle (DOMAIN.md §10.3): a zip of {@code manifest.json},
 * {@code manifest.sig} (base64 Ed25519 signature of the manifest's bytes) and the bundle's CSV files.
 * Building and unpacking are pure; unpacking is bounded (size, entries, manifest, unpacked bytes) and
 * only says whether the zip is well formed: what it proves is {@link PackageCheck}'s business.
 */
final class SharingPackage {

    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "manifest.sig";

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SharingPackage() {
    }

    /** Bounds of a package, from {@link SharingConfig}. */
    record Limits(int maxPackageBytes, long maxUnpackedBytes, int maxFiles, int maxManifestBytes) {
        static Limits of(SharingConfig c) {
            return new Limits(c.maxPackageBytes(), c.maxUnpackedBytes(), c.maxFiles(), c.maxManifestBytes());
        }
    }

    /** An unpacked package: the manifest's bytes as they were signed, the signature, the other files. */
    record Unpacked(byte[] manifestBytes, Manifest manifest, byte[] signature, Map<String, byte[]> files) {
    }

    /** Why a zip is not a package at all. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest's hash list for these files, in name order. */
    static Map<String, String> hashes(Map<String, byte[]> files) {
        Map<String, String> h = new TreeMap<>();
        files.forEach((name, data) -> h.put(name, sha256(data)));
        return h;
    }

    static byte[] manifestBytes(Manifest m) {
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zip: manifest, signature, then the files in name order. */
    static byte[] build(byte[] manifest, byte[] signature, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, MANIFEST, manifest);
            put(zip, SIGNATURE, Base64.getEncoder().encodeToString(signature).getBytes(StandardCharsets.US_ASCII));
            for (var e : new TreeMap<>(files).entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** The files of a plain zip (the bundle exporter's output), bounded like a package. */
    static Map<String, byte[]> entries(byte[] zipBytes, Limits limits) throws Malformed {
        if (zipBytes == null || zipBytes.length == 0) {
            throw new Malformed("the package is empty");
        }
        if (zipBytes.length > limits.maxPackageBytes()) {
            throw new Malformed("the package has " + zipBytes.length + " bytes; at most " + limits.maxPackageBytes()
                    + " are accepted (parkcredit.sharing.max-package-bytes)");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        long unpacked = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (files.size() >= limits.maxFiles()) {
                    throw new Malformed("the package holds more than " + limits.maxFiles() + " files");
                }
                String name = e.getName();
                if (name.contains("/") || name.contains("\\") || name.length() > 100) {
                    throw new Malformed("unexpected entry " + name.substring(0, Math.min(100, name.length())));
                }
                if (files.containsKey(name)) {
                    throw new Malformed("the entry " + name + " appears twice");
                }
                byte[] data = readBounded(zip, limits.maxUnpackedBytes() - unpacked);
                if (data == null) {
                    throw new Malformed("the unpacked files exceed " + limits.maxUnpackedBytes() + " bytes");
                }
                unpacked += data.length;
                files.put(name, data);
            }
        } catch (IOException | IllegalArgumentException ex) {
            throw new Malformed("not a readable zip: " + ex.getMessage());
        }
        if (files.isEmpty()) {
            throw new Malformed("not a zip, or a zip without files");
        }
        return files;
    }

    /** Unpacks and reads the manifest; {@link Malformed} when the zip is not a package. */
    static Unpacked unpack(byte[] zipBytes, Limits limits) throws Malformed {
        Map<String, byte[]> files = entries(zipBytes, limits);
        byte[] manifest = files.remove(MANIFEST);
        byte[] sig = files.remove(SIGNATURE);
        if (manifest == null || sig == null) {
            throw new Malformed("a package holds manifest.json and manifest.sig");
        }
        if (manifest.length > limits.maxManifestBytes()) {
            throw new Malformed("manifest.json has " + manifest.length + " bytes; at most " + limits.maxManifestBytes());
        }
        Manifest m;
        try {
            m = JSON.readValue(manifest, Manifest.class);
        } catch (IOException e) {
            throw new Malformed("manifest.json is not a manifest: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!Manifest.FORMAT.equals(m.format()) || m.exportId() == null || m.requestId() == null || m.uscc() == null
                || m.source() == null || m.target() == null || m.consentExpires() == null || m.files() == null
                || m.source().installation() == null || m.target().installation() == null
                || m.source().park() == null || m.target().park() == null) {
            throw new Malformed("manifest.json lacks a required member or is not of format " + Manifest.FORMAT);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(new String(sig, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        return new Unpacked(manifest, m, signature, files);
    }

    private static byte[] readBounded(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        long total = 0;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
