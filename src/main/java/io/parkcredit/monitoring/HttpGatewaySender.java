package io.parkcredit.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HTTP SMS gateway in the style of the big Chinese cloud SMS APIs: a JSON POST with the number,
 * sign name (签名), template code and template parameters, signed with HMAC-SHA256 over
 * {@code timestamp + "\n" + nonce + "\n" + body} in the {@code X-Sms-Signature} header (hex), the
 * access key in {@code X-Sms-Access-Key}. The outbox id travels as {@code outId} so the gateway can
 * drop a repeat. Answer {@code {"code": "OK", "bizId": …}} = accepted; another code = refused
 * (an attempt spent); a timeout, connection error or 5xx = the gateway is unavailable.
 */
@ApplicationScoped
public class HttpGatewaySender implements SmsSender {

    @Inject
    MonitoringConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /**
     * Where and how to send. {@code batchUrl} null: one call per message; otherwise up to
     * {@code batchSize} messages per call to the batch endpoint.
     */
    public record Settings(String url, String accessKey, String secret, String signName, Duration timeout, String batchUrl,
            int batchSize) {

        public Settings(String url, String accessKey, String secret, String signName, Duration timeout) {
            this(url, accessKey, secret, signName, timeout, null, 1);
        }
    }

    @Override
    public String name() {
        return "http";
    }

    private Settings settings() {
        MonitoringConfig.Http h = config.sms().http();
        return new Settings(h.url().orElseThrow(() -> new IllegalStateException(
                "parkcredit.monitoring.sms.http.url is not set")), h.accessKey().orElse(""), h.secret().orElseThrow(
                () -> new IllegalStateException("PARKCREDIT_MONITORING_SMS_HTTP_SECRET is not set")), h.signName(), h.timeout(),
                h.batchUrl().orElse(null), Math.max(1, Math.min(1000, h.batchSize())));
    }

    @Override
    public Outcome send(Message m) {
        return send(settings(), m, clock.millis());
    }

    @Override
    public int batchLimit() {
        Settings s = settings();
        return s.batchUrl() == null ? 1 : s.batchSize();
    }

    @Override
    public Outcome[] sendAll(java.util.List<Message> messages) {
        Settings s = settings();
        if (s.batchUrl() == null || messages.size() == 1) {
            return SmsSender.super.sendAll(messages);
        }
        return sendAll(s, messages, clock.millis());
    }

    /** One message, with explicit settings (tests point it at a local fake gateway). */
    public Outcome send(Settings s, Message m, long epochMillis) {
        ObjectNode body = json.createObjectNode();
        body.put("phoneNumbers", m.mobile());
        body.put("signName", s.signName());
        message(body, m);
        try {
            Answer a = post(s, s.url(), body.toString(), epochMillis);
            if (a.status() >= 500 || a.status() == 429) {
                return Outcome.unavailable("gateway answered HTTP " + a.status());
            }
            return outcome(a.status(), a.json(), m);
        } catch (IOException e) {
            return Outcome.unavailable("gateway unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /**
     * Several messages in one call to the batch endpoint: {@code {"signName", "messages": [{phoneNumbers,
     * templateCode, templateParam, outId}…]}}, answered {@code {"code": "OK", "results": [{outId, code,
     * bizId, message}…]}}, one result per message (matched by outId). A message without a result is
     * failed (an attempt spent; sent again later with the same outId, which the gateway drops if it has it).
     */
    public Outcome[] sendAll(Settings s, java.util.List<Message> messages, long epochMillis) {
        ObjectNode body = json.createObjectNode();
        body.put("signName", s.signName());
        com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("messages");
        for (Message m : messages) {
            ObjectNode one = list.addObject();
            one.put("phoneNumbers", m.mobile());
            message(one, m);
        }
        Outcome[] out = new Outcome[messages.size()];
        try {
            Answer a = post(s, s.batchUrl(), body.toString(), epochMillis);
            if (a.status() >= 500 || a.status() == 429) {
                java.util.Arrays.fill(out, Outcome.unavailable("gateway answered HTTP " + a.status()));
                return out;
            }
            if (a.status() != 200 || !"OK".equals(a.json().path("code").asText(""))) {
                java.util.Arrays.fill(out, Outcome.failed("gateway refused the batch (HTTP " + a.status() + "): "
                        + a.json().path("code").asText("") + " " + a.json().path("message").asText("")));
                return out;
            }
            java.util.Map<String, JsonNode> results = new java.util.HashMap<>();
            for (JsonNode r : a.json().path("results")) {
                results.put(r.path("outId").asText(""), r);
            }
            for (int i = 0; i < out.length; i++) {
                JsonNode r = results.get(String.valueOf(messages.get(i).id()));
                out[i] = r == null ? Outcome.failed("no result for this message in the gateway's batch answer")
                        : outcome(200, r, messages.get(i));
            }
            return out;
        } catch (IOException e) {
            java.util.Arrays.fill(out, Outcome.unavailable("gateway unreachable: " + e.getClass().getSimpleName() + " "
                    + e.getMessage()));
            return out;
        }
    }

    private static void message(ObjectNode node, Message m) {
        node.put("templateCode", m.templateCode());
        ObjectNode params = node.putObject("templateParam");
        m.params().forEach(params::put);
        node.put("outId", String.valueOf(m.id()));
    }

    private static Outcome outcome(int status, JsonNode answer, Message m) {
        String code = answer.path("code").asText("");
        if (status == 200 && "OK".equals(code)) {
            return Outcome.sent(answer.path("bizId").asText(String.valueOf(m.id())));
        }
        return Outcome.failed("gateway refused (HTTP " + status + "): " + code + " " + answer.path("message").asText(""));
    }

    private record Answer(int status, JsonNode json) {
    }

    /** One signed POST; the status and the parsed answer (an empty object for no or non-JSON text on an error status). */
    private Answer post(Settings s, String target, String payload, long epochMillis) throws IOException {
        String timestamp = String.valueOf(epochMillis);
        String nonce = UUID.randomUUID().toString();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        // a blocking connection, kept alive and reused by the JDK per thread: a send costs one round trip and
        // no hand-over between threads (java.net.http spent most of the dispatcher's CPU in its own machinery)
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) url(target).openConnection();
            int timeout = (int) Math.min(Integer.MAX_VALUE, s.timeout().toMillis());
            http.setConnectTimeout(timeout);
            http.setReadTimeout(timeout);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setFixedLengthStreamingMode(bytes.length);
            http.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            http.setRequestProperty("X-Sms-Access-Key", s.accessKey());
            http.setRequestProperty("X-Sms-Timestamp", timestamp);
            http.setRequestProperty("X-Sms-Nonce", nonce);
            http.setRequestProperty("X-Sms-Signature", sign(s.secret(), timestamp + "\n" + nonce + "\n" + payload));
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
            int status = http.getResponseCode();
            String answerText;
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                answerText = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonNode answer;
            try {
                answer = answerText.isBlank() ? json.createObjectNode() : json.readTree(answerText);
            } catch (IOException notJson) {
                if (status < 400) {
                    throw notJson;
                }
                answer = json.createObjectNode();
            }
            return new Answer(status, answer);
        } catch (IOException e) {
            if (http != null) {
                http.disconnect();
            }
            throw e;
        }
    }

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** Hex HMAC-SHA256 of the text under the secret. */
    public static String sign(String secret, String text) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<String, URL> urls = new java.util.concurrent.ConcurrentHashMap<>();

    private URL url(String text) throws IOException {
        URL u = urls.get(text);
        if (u == null) {
            u = URI.create(text).toURL();
            if (urls.size() < 16) {
                urls.put(text, u);
            }
        }
        return u;
    }
}
