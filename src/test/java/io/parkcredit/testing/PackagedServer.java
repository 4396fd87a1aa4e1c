package io.parkcredit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.db.EmbeddedDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The environment every test that runs the packaged jar as its own process gives it. */
public final class PackagedServer {

    private PackagedServer() {
    }

    /** Its port, the embedded database it uses, and the first ADMIN's password. */
    public static void environment(Map<String, String> env, EmbeddedDatabase db, int port, String adminPassword) {
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("PARKCREDIT_ADMIN_PASSWORD", adminPassword);
    }

    /**
     * Waits until the server {@code process} on {@code port} answers its readiness check, failing at
     * once (naming {@code what}, e.g. its log) if the process ends first.
     */
    public static void awaitReady(String what, Process process, String host, int port, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://" + host + ":" + port + "/q/health/ready");
        MonitoringFixtures.await(what + " ready on port " + port, timeout, () -> {
            assertThat(process.isAlive()).as(what + " running").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }
}
