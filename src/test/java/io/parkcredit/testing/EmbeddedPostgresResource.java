package io.parkcredit.testing;

import io.parkcredit.shared.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives every {@code @QuarkusTest} a real PostgreSQL: a fresh embedded server per test JVM, or the
 * external database named by {@code PARKCREDIT_TEST_DB_URL} (with {@code PARKCREDIT_TEST_DB_USER},
 * {@code PARKCREDIT_TEST_DB_PASSWORD}). The server is shared across restarts of the application.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getenv("PARKCREDIT_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", env("PARKCREDIT_TEST_DB_USER", "postgres"),
                    "quarkus.datasource.password", env("PARKCREDIT_TEST_DB_PASSWORD", "postgres"));
        }
        if (database == null) {
            try {
                Path dir = Files.createTempDirectory("parkcredit-test-pg");
                database = EmbeddedDatabase.start(dir, 0, true, EmbeddedDatabase.Durability.THROWAWAY);
                Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database.datasourceConfig();
    }

    @Override
    public void stop() {
        // kept for the next application start in this JVM; stopped by the shutdown hook
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
