package io.parkcredit.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/**
 * The current entry of a zip being written, as a stream that writers may close (CSV writers do)
 * without closing the zip, which goes on to its next entry.
 */
final class ZipEntryStream extends FilterOutputStream {

    private final ZipOutputStream zip;

    ZipEntryStream(ZipOutputStream zip) {
        super(zip);
        this.zip = zip;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        zip.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        zip.flush();
    }
}
