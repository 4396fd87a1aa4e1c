package io.parkcredit.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * HTTP/1.1 load over many keep-alive connections driven by one selector thread, as wrk drives its
 * connections: no thread per connection, so the generator's CPU per request is a write, a read and
 * the parsing of the answer, without a thread waking for each send and each answer. On a machine
 * whose two cores the server and its database share with the generator, every core the generator
 * does not take is left to them.
 *
 * <p>Each connection carries one {@link Conversation}: when the connection is free and its next
 * request is due, the conversation names the request; when the answer is complete, it hears it. With
 * an interval, each connection's requests are due at fixed times (an open schedule: latency is counted
 * from when a request was due, so a late send counts against the server); without one, a connection
 * sends its next request as soon as the last is answered (a closed loop; latency from the send).
 */
final class NioLoad {

    /** One connection's client. */
    interface Conversation {
        /** The next request: its kind (for the latency tables) and its bytes; null to let this turn pass. */
        Step next();

        /** The answer to the last request. */
        void answered(int kind, RawHttp.Response response);
    }

    record Step(int kind, byte[] request) {
    }

    /** Hears each completed request: its kind, status and latency, and whether it falls in the measured window. */
    interface Recorder {
        void record(int kind, int status, long micros, boolean measured);

        void failed(IOException e);
    }

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final String host;
    private final int port;

    NioLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A request line and headers for a GET, as {@link RawHttp} writes them. */
    static byte[] get(String path, String authorization) {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A POST with a JSON body (none when null). */
    static byte[] post(String path, String authorization, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private final class Conn {
        final Conversation conversation;
        SocketChannel channel;
        SelectionKey key;
        long due;
        long sentAt;
        int kind;
        ByteBuffer out;
        byte[] in = new byte[32 * 1024];
        int n;

        Conn(Conversation conversation, long due) {
            this.conversation = conversation;
            this.due = due;
        }
    }

    /**
     * Runs the conversations until {@code end} (System.nanoTime): connection {@code i} first sends at
     * {@code start + interval × i / count}, then every {@code intervalNanos} after its last due time
     * (0: as soon as it is answered). Measured: on a schedule, every request due from {@code measureFrom}
     * on; closed, every request sent from {@code measureFrom} on and answered by {@code end}. Returns
     * when every connection's last request is answered.
     */
    void run(List<Conversation> conversations, long start, long intervalNanos, long measureFrom, long end,
            Recorder recorder) throws IOException {
        try (Selector selector = Selector.open()) {
            PriorityQueue<Conn> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
            List<Conn> all = new ArrayList<>();
            int count = conversations.size();
            for (int i = 0; i < count; i++) {
                long first = intervalNanos > 0 ? start + intervalNanos * i / count : start;
                Conn c = new Conn(conversations.get(i), first);
                open(c, selector);
                all.add(c);
                waiting.add(c);
            }
            int inFlight = 0;
            while (!waiting.isEmpty() || inFlight > 0) {
                long now = System.nanoTime();
                while (!waiting.isEmpty() && waiting.peek().due - now <= 0) {
                    Conn c = waiting.poll();
                    if (c.due - end >= 0) {
                        continue; // this connection is done
                    }
                    if (send(c, selector, recorder, now)) {
                        inFlight++;
                    } else {
                        c.due = intervalNanos > 0 ? c.due + intervalNanos : System.nanoTime();
                        waiting.add(c);
                    }
                }
                long waitNanos = waiting.isEmpty() ? 100_000_000L : waiting.peek().due - System.nanoTime();
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    // whole milliseconds, as a sleeping thread waits: a send may leave up to 1 ms after it was
                    // due, and that delay counts in its latency; any answer ends the wait earlier
                    selector.select(Math.max(1, (waitNanos + 999_999L) / 1_000_000L));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            c.channel.write(c.out);
                            if (!c.out.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (key.isValid() && key.isReadable() && read(c)) {
                            RawHttp.Response response = complete(c);
                            if (response != null) {
                                inFlight--;
                                long done = System.nanoTime();
                                long from = intervalNanos > 0 ? c.due : c.sentAt;
                                // open schedule: every request due in the window counts, however late its answer
                                recorder.record(c.kind, response.status(), (done - from) / 1000,
                                        from - measureFrom >= 0 && (intervalNanos > 0 || done - end <= 0));
                                c.conversation.answered(c.kind, response);
                                c.n = 0;
                                c.due = intervalNanos > 0 ? c.due + intervalNanos : done;
                                waiting.add(c);
                            }
                        }
                    } catch (IOException e) {
                        // the connection failed: counted, then the client goes on over a new one
                        recorder.failed(e);
                        inFlight--;
                        reopen(c, selector);
                        c.due = intervalNanos > 0 ? c.due + intervalNanos : System.nanoTime();
                        waiting.add(c);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (Conn c : all) {
                c.channel.close();
            }
        }
    }

    private void open(Conn c, Selector selector) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(new InetSocketAddress(host, port));
        ch.configureBlocking(false);
        c.channel = ch;
        c.key = ch.register(selector, 0, c);
        c.n = 0;
    }

    private void reopen(Conn c, Selector selector) throws IOException {
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // replaced below
        }
        open(c, selector);
    }

    /** Writes the connection's next request; false when the conversation has nothing to send. */
    private boolean send(Conn c, Selector selector, Recorder recorder, long now) {
        Step step = c.conversation.next();
        if (step == null) {
            return false;
        }
        c.kind = step.kind();
        c.sentAt = now;
        c.out = ByteBuffer.wrap(step.request());
        try {
            c.channel.write(c.out);
            c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
            return true;
        } catch (IOException e) {
            recorder.failed(e);
            try {
                reopen(c, selector);
            } catch (IOException again) {
                throw new IllegalStateException("cannot reconnect to " + host + ":" + port, again);
            }
            return false;
        }
    }

    /** Reads what has arrived; true when something did. */
    private static boolean read(Conn c) throws IOException {
        boolean any = false;
        while (true) {
            if (c.n == c.in.length) {
                c.in = Arrays.copyOf(c.in, c.in.length * 2);
            }
            int r = c.channel.read(ByteBuffer.wrap(c.in, c.n, c.in.length - c.n));
            if (r < 0) {
                throw new IOException("the server closed the connection");
            }
            if (r == 0) {
                return any;
            }
            c.n += r;
            any = true;
        }
    }

    /** The answer when all of it has arrived (Content-Length or chunked), else null. */
    static RawHttp.Response complete(byte[] in, int n) {
        int headerEnd = indexOf(in, 0, n, HEADER_END);
        if (headerEnd < 0) {
            return null;
        }
        int status = (in[9] - '0') * 100 + (in[10] - '0') * 10 + (in[11] - '0');
        String head = new String(in, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int bodyStart = headerEnd + 4;
        int cl = head.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int from = cl + "\r\ncontent-length:".length();
            int to = head.indexOf("\r\n", from);
            int length = Integer.parseInt(head.substring(from, to < 0 ? head.length() : to).trim());
            if (n < bodyStart + length) {
                return null;
            }
            return new RawHttp.Response(status, Arrays.copyOfRange(in, bodyStart, bodyStart + length), length);
        }
        if (!head.contains("\r\ntransfer-encoding: chunked")) {
            return new RawHttp.Response(status, new byte[0], 0);
        }
        byte[] body = new byte[Math.max(16, n - bodyStart)];
        int size = 0;
        int p = bodyStart;
        while (true) {
            int lineEnd = indexOf(in, p, n, new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                return null;
            }
            String hex = new String(in, p, lineEnd - p, StandardCharsets.ISO_8859_1);
            int semi = hex.indexOf(';');
            int chunk = Integer.parseInt((semi < 0 ? hex : hex.substring(0, semi)).trim(), 16);
            if (chunk == 0) {
                // no trailers are sent: the last chunk ends with one empty line
                return n >= lineEnd + 4 ? new RawHttp.Response(status, body, size) : null;
            }
            int dataStart = lineEnd + 2;
            if (n < dataStart + chunk + 2) {
                return null;
            }
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, size + chunk));
            }
            System.arraycopy(in, dataStart, body, size, chunk);
            size += chunk;
            p = dataStart + chunk + 2;
        }
    }

    private static RawHttp.Response complete(Conn c) {
        return complete(c.in, c.n);
    }

    private static int indexOf(byte[] a, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (a[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
