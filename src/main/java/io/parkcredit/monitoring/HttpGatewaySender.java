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

    public record Settings(String url, String accessKey, String secret, String signName, Duration timeout) {
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Outcome send(Message m) {
        MonitoringConfig.Http h = config.sms().http();
        Settings s = new Settings(h.url().orElseThrow(() -> new IllegalStateException(
                "parkcredit.monitoring.sms.http.url is not set")), h.accessKey().orElse(""), h.secret().orElseThrow(
                () -> new IllegalStateException("PARKCREDIT_MONITORING_SMS_HTTP_SECRET is not set")), h.signName(), h.timeout());
        return send(s, m, clock.millis());
    }

    /** Sends with explicit settings (tests point it at a local fake gateway). */
    public Outcome send(Settings s, Message m, long epochMillis) {
        ObjectNode body = json.createObjectNode();
        body.put("phoneNumbers", m.mobile());
        body.put("signName", s.signName());
        body.put("templateCode", m.templateCode());
        ObjectNode params = body.putObject("templateParam");
        m.params().forEach(params::put);
        body.put("outId", String.valueOf(m.id()));
        String payload = body.toString();
        String timestamp = String.valueOf(epochMillis);
        String nonce = UUID.randomUUID().toString();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        // a blocking connection, kept alive and reused by the JDK per thread: a send costs one round trip and
        // no hand-over between threads (java.net.http spent most of the dispatcher's CPU in its own machinery)
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) url(s.url()).openConnection();
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
            if (status >= 500 || status == 429) {
                return Outcome.unavailable("gateway answered HTTP " + status);
            }
            JsonNode answer = answerText.isBlank() ? json.createObjectNode() : json.readTree(answerText);
            String code = answer.path("code").asText("");
            if (status == 200 && "OK".equals(code)) {
                return Outcome.sent(answer.path("bizId").asText(String.valueOf(m.id())));
            }
            return Outcome.failed("gateway refused (HTTP " + status + "): " + code + " "
                    + answer.path("message").asText(""));
        } catch (IOException e) {
            if (http != null) {
                http.disconnect();
            }
            return Outcome.unavailable("gateway unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage());
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

    private volatile URL url;

    private URL url(String text) throws IOException {
        URL u = url;
        if (u == null || !u.toString().equals(text)) {
            u = URI.create(text).toURL();
            url = u;
        }
        return u;
    }
}
