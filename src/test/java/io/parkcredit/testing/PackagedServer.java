package io.parkcredit.testing;

import io.parkcredit.shared.db.EmbeddedDatabase;
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
}
