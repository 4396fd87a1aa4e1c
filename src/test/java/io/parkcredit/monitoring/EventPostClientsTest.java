package io.parkcredit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.Fixtures;
import io.parkcredit.testing.MonitoringFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A large array of credit events posted by the JDK's own HTTP client (its body written in pieces after
 * the headers, as most clients do) is read whole and stored, in HTTP/1.1 and with the HTTP/2 upgrade.
 */
@QuarkusTest
class EventPostClientsTest {

    @TestHTTPResource("/api/credit-events")
    URL events;

    @Test
    void aThousandEventsFromTheJdkClientAreStored() throws Exception {
        List<MonitoringFixtures.Firm> firms = MonitoringFixtures.firms(20, "客户端");
        String day = LocalDate.now(ClockProducer.PARK_ZONE).minusDays(1).toString();
        String auth = "Basic " + Base64.getEncoder().encodeToString((Fixtures.ADMIN + ":" + Fixtures.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (HttpClient.Version version : HttpClient.Version.values()) {
            String tag = Fixtures.newCode("JDK");
            StringBuilder body = new StringBuilder("[");
            for (int k = 0; k < 1000; k++) {
                body.append(k > 0 ? "," : "").append("{\"source\":\"").append(tag).append("\",\"eventNo\":\"E-").append(k)
                        .append("\",\"uscc\":\"").append(firms.get(k % firms.size()).uscc())
                        .append("\",\"type\":\"ADMIN_PENALTY\",\"severity\":\"GENERAL\",\"occurredOn\":\"").append(day)
                        .append("\",\"amount\":5000,\"title\":\"客户端测试#").append(k).append("\"}");
            }
            HttpClient http = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(events.toString()))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(version + ": " + res.body()).isEqualTo(201);
            assertThat(res.body()).contains("\"eventNo\":\"E-999\"");
        }
    }
}
