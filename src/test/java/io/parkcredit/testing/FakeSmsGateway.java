package io.parkcredit.testing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An SMS gateway of the kind {@code HttpGatewaySender} speaks to (JSON POST, answer
 * {@code {"code":"OK","bizId":…}}), for runs with the server as a separate process. Like a real
 * provider it is idempotent on {@code outId}: a message sent again with the same outbox id gets the
 * same {@code bizId} ({@code GW-<outId>}). Each arrival is handed to a {@link Listener} with its
 * arrival time before the answer is written; a listener that throws closes the connection without
 * an answer (the provider took the message but the sender never hears so, as when it dies).
 *
 * <p>HTTP/1.1 keep-alive over plain sockets, one thread per connection: at tens of thousands of
 * messages a second on a small machine, a general HTTP server's per-request cost would be measured
 * instead of the dispatcher's.
 */
public final class FakeSmsGateway implements AutoCloseable {

    /** One message as it reached the gateway. */
    public record Arrival(long outId, String mobile, String title, long nanos) {
    }

    @FunctionalInterface
    public interface Listener {
        void arrived(Arrival a) throws Exception;
    }

    private final ServerSocket server;
    private final Listener listener;
    private final long delayNanos;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code delayMicros}: how long the gateway takes over each message before it answers. */
    public FakeSmsGateway(long delayMicros, Listener listener) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.listener = listener;
        this.delayNanos = delayMicros * 1000;
        Thread accept = new Thread(this::accept, "fake-sms-gateway");
        accept.setDaemon(true);
        accept.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1/sms/send";
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                Thread t = new Thread(() -> serve(s), "fake-sms-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                long at = System.nanoTime();
                String json = new String(body, StandardCharsets.UTF_8);
                byte[] answer;
                try {
                    answer = requestLine.contains("/batch") ? batch(json, at) : single(json, at);
                } catch (Exception dropped) {
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(answer);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    private byte[] single(String json, long at) throws Exception {
        long outId = Long.parseLong(field(json, "outId"));
        if (delayNanos > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
        }
        listener.arrived(new Arrival(outId, field(json, "phoneNumbers"), field(json, "title"), at));
        return ("{\"code\":\"OK\",\"bizId\":\"GW-" + outId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The batch endpoint: every message handed to the listener, one result per message. */
    private byte[] batch(String json, long at) throws Exception {
        com.fasterxml.jackson.databind.JsonNode messages = JSON.readTree(json).path("messages");
        StringBuilder answer = new StringBuilder(messages.size() * 48).append("{\"code\":\"OK\",\"results\":[");
        boolean first = true;
        for (com.fasterxml.jackson.databind.JsonNode m : messages) {
            long outId = Long.parseLong(m.path("outId").asText());
            if (delayNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
            }
            listener.arrived(new Arrival(outId, m.path("phoneNumbers").asText(null),
                    m.path("templateParam").path("title").asText(null), at));
            answer.append(first ? "" : ",").append("{\"outId\":\"").append(outId).append("\",\"code\":\"OK\",\"bizId\":\"GW-")
                    .append(outId).append("\"}");
            first = false;
        }
        return answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The batch endpoint's URL (same server). */
    public String batchUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1/sms/batch";
    }

    /** The string value of a flat JSON field as Jackson writes it ({@code "name":"value"}); null if absent. */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int from = i + key.length();
        return json.substring(from, json.indexOf('"', from));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (sb.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed mid-line");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** Drops every open connection (a gateway restart) but keeps listening. */
    public void dropConnections() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }
}
