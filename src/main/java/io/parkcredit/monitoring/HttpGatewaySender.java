package io.parkcredit.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private volatile HttpClient client;

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.url()))
                .timeout(s.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Sms-Access-Key", s.accessKey())
                .header("X-Sms-Timestamp", timestamp)
                .header("X-Sms-Nonce", nonce)
                .header("X-Sms-Signature", sign(s.secret(), timestamp + "\n" + nonce + "\n" + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = client(s.timeout()).send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                return Outcome.unavailable("gateway answered HTTP " + response.statusCode());
            }
            JsonNode answer = json.readTree(response.body());
            String code = answer.path("code").asText("");
            if (response.statusCode() == 200 && "OK".equals(code)) {
                return Outcome.sent(answer.path("bizId").asText(String.valueOf(m.id())));
            }
            return Outcome.failed("gateway refused (HTTP " + response.statusCode() + "): " + code + " "
                    + answer.path("message").asText(""));
        } catch (IOException e) {
            return Outcome.unavailable("gateway unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.unavailable("interrupted");
        }
    }

    /** Hex HMAC-SHA256 of the text under the secret. */
    public static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpClient client(Duration timeout) {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
                }
            }
        }
        return client;
    }
}
