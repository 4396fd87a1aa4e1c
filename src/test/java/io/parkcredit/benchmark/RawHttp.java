package io.parkcredit.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * One HTTP/1.1 keep-alive connection of a load client: writes a request, reads the status and the
 * body (Content-Length or chunked). A load generator on the same two cores as the server must cost
 * as little CPU as possible per request: a request leaves in one write, the answer is read through
 * this connection's own buffer (no lock per byte), and its body stays bytes until someone asks for
 * text. It is test code for the load runs only.
 */
final class RawHttp implements AutoCloseable {

    /** An answer; {@link #body()} decodes the bytes on demand. */
    record Response(int status, byte[] bytes, int length) {

        String body() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        /**
         * Hands every number that follows {@code marker} (ASCII, e.g. {@code {"id":}) in the body to
         * {@code sink}, scanning the bytes without decoding them.
         */
        void numbersAfter(byte[] marker, LongConsumer sink) {
            int last = length - marker.length;
            for (int i = 0; i <= last; i++) {
                if (bytes[i] == marker[0] && matches(marker, i)) {
                    int j = i + marker.length;
                    long v = 0;
                    int digits = 0;
                    while (j < length && bytes[j] >= '0' && bytes[j] <= '9' && digits < 18) {
                        v = v * 10 + (bytes[j++] - '0');
                        digits++;
                    }
                    if (digits > 0) {
                        sink.accept(v);
                    }
                    i = j - 1;
                }
            }
        }

        private boolean matches(byte[] marker, int at) {
            for (int k = 1; k < marker.length; k++) {
                if (bytes[at + k] != marker[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final byte[] NO_BODY = new byte[0];

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response get(String path, String authorization) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + host
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
                + "\r\nAccept: application/json\r\n\r\n", NO_BODY);
    }

    Response post(String path, String authorization, String json) throws IOException {
        byte[] body = json == null ? NO_BODY : json.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n", body);
    }

    private Response send(String head, byte[] body) throws IOException {
        byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), head.length() + body.length);
        System.arraycopy(body, 0, request, head.length(), body.length);
        for (int attempt = 0; ; attempt++) {
            boolean reused = socket != null;
            try {
                if (socket == null) {
                    open();
                }
                out.write(request);
                return read();
            } catch (IOException e) {
                close();
                // a kept-alive connection the server closed meanwhile: once more on a new one
                if (!reused || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        pos = 0;
        end = 0;
    }

    private Response read() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        byte[] body = new byte[length > 0 ? (int) length : 16 * 1024];
        int n = 0;
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                if (n + size > body.length) {
                    body = Arrays.copyOf(body, Math.max(body.length * 2, n + size));
                }
                n = copy(body, n, size);
                line();
            }
            for (String t = line(); !t.isEmpty(); t = line()) {
                // trailers
            }
        } else if (length > 0) {
            n = copy(body, 0, (int) length);
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body, n);
    }

    /** Fills the buffer when it is empty; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        int r = in.read(buf, 0, buf.length);
        if (r < 0) {
            return false;
        }
        pos = 0;
        end = r;
        return true;
    }

    private int copy(byte[] to, int at, int n) throws IOException {
        while (n > 0) {
            if (!fill()) {
                throw new EOFException("connection closed mid-body");
            }
            int k = Math.min(n, end - pos);
            System.arraycopy(buf, pos, to, at, k);
            pos += k;
            at += k;
            n -= k;
        }
        return at;
    }

    private String line() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (!fill()) {
                throw new EOFException("connection closed");
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            boolean done = pos < end;
            int stop = pos;
            if (done) {
                pos++; // past '\n'
            }
            if (stop > start && buf[stop - 1] == '\r' && done) {
                stop--;
            }
            String part = new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
            if (done && sb == null) {
                return part;
            }
            if (sb == null) {
                sb = new StringBuilder(64);
            }
            sb.append(part);
            if (done) {
                String s = sb.toString();
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
        in = null;
        pos = 0;
        end = 0;
    }
}
