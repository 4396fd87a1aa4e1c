package io.parkcredit.bundle;

import io.parkcredit.shared.FieldProblem;
import io.parkcredit.shared.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The bounds on what a bundle may expand to (parkcredit.bundle.*): entries, per-file and total
 * uncompressed size, compression ratio (a zip bomb expands a few kilobytes into gigabytes) and an
 * .xlsx's shared-strings table. Checked on the zip directory before inflating, and again on the
 * bytes actually inflated. A refusal names the file; the import stops and writes nothing.
 */
record BundleLimits(int maxEntries, long maxEntrySize, long maxTotalSize, int maxRatio, long maxSharedStrings) {

    static BundleLimits of(BundleConfig c) {
        return new BundleLimits(c.maxEntries(), c.maxEntrySize().asLongValue(), c.maxTotalSize().asLongValue(),
                c.maxCompressionRatio(), c.maxSharedStringsSize().asLongValue());
    }

    /** The first limit the zip's directory breaks, naming {@code origin} (the bundle or a workbook in it). */
    Optional<FieldProblem> checkDirectory(ZipFile zip, String origin) {
        if (zip.size() > maxEntries) {
            return Optional.of(FieldProblem.row(origin, 0, null, "holds " + zip.size() + " files; at most "
                    + maxEntries + " (parkcredit.bundle.max-entries)"));
        }
        long total = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            long size = e.getSize();
            String name = origin.startsWith("(") ? e.getName() : origin + "#" + e.getName();
            Optional<FieldProblem> p = checkEntry(name, size, e.getCompressedSize(),
                    e.getName().equals("xl/sharedStrings.xml") ? maxSharedStrings : maxEntrySize);
            if (p.isPresent()) {
                return p;
            }
            total += Math.max(0, size);
            if (total > maxTotalSize) {
                return Optional.of(FieldProblem.row(origin, 0, null, "expands to more than " + maxTotalSize
                        + " bytes (parkcredit.bundle.max-total-size)"));
            }
        }
        return Optional.empty();
    }

    private Optional<FieldProblem> checkEntry(String name, long size, long compressed, long max) {
        if (size > max) {
            return Optional.of(FieldProblem.row(name, 0, null, "expands to " + size + " bytes; at most " + max
                    + (max == maxSharedStrings ? " (parkcredit.bundle.max-shared-strings-size)"
                    : " (parkcredit.bundle.max-entry-size)")));
        }
        if (compressed > 0 && size > 1_000_000 && size / compressed > maxRatio) {
            return Optional.of(FieldProblem.row(name, 0, null, "compressed " + (size / compressed)
                    + ":1; at most " + maxRatio + ":1 (parkcredit.bundle.max-compression-ratio), a zip bomb?"));
        }
        return Optional.empty();
    }

    /** The entry's bytes, refused as soon as more come out than its directory declared or the limit allows. */
    InputStream bounded(InputStream in, ZipEntry entry, String name) {
        long declared = entry.getSize();
        long max = declared >= 0 ? Math.min(declared, maxEntrySize) : maxEntrySize;
        long minCompressed = entry.getCompressedSize() > 0 ? entry.getCompressedSize() : 1;
        long ratioCap = declared > 1_000_000 || declared < 0 ? Math.max(1_000_000, minCompressed * (long) maxRatio) : max;
        long cap = Math.min(max, ratioCap);
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > cap) {
                    throw tooLarge(name, cap);
                }
            }
        };
    }

    static ProblemException tooLarge(String name, long cap) {
        return new ProblemException(413, "bundle-too-large", "数据包过大 Bundle too large",
                name + ": expands beyond " + cap + " bytes (its declared size or the parkcredit.bundle limits)",
                List.of(FieldProblem.row(name, 0, null, "expands beyond " + cap + " bytes")));
    }
}
