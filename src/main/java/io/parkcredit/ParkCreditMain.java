package io.parkcredit;

import io.parkcredit.bundle.DemoBundleCommand;
import io.parkcredit.shared.Placeholders;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Starts ParkCredit. Refuses to start while a setting still holds the placeholder of
 * deploy/parkcredit.env. Without a configured database URL it first starts the embedded PostgreSQL
 * with its data under {@code ./data/pg} (or {@code PARKCREDIT_DATA_DIR}) and stops it after the
 * application (and its connection pool) has stopped.
 * {@code demo-bundle} writes a generated demo park bundle instead of starting the server.
 */
@QuarkusMain
public class ParkCreditMain {

    /** System property set when this process made up its own session key (one instance only). */
    public static final String GENERATED_SESSION_KEY = "parkcredit.session-key-generated";

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("demo-bundle")) {
            System.exit(DemoBundleCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        List<String> placeholders = Placeholders.find(System.getenv());
        if (!placeholders.isEmpty()) {
            System.err.println(Placeholders.message(placeholders));
            System.exit(2);
        }
        if (firstNonBlank(System.getenv("PARKCREDIT_SESSION_KEY"), System.getProperty("parkcredit.session-key")) == null) {
            // a key of this process only, never printed (Quarkus would log the one it makes up);
            // SessionKeyGuard refuses a second instance on the same database without a shared key
            byte[] raw = new byte[48];
            new SecureRandom().nextBytes(raw);
            System.setProperty("parkcredit.session-key", Base64.getEncoder().encodeToString(raw));
            System.setProperty(GENERATED_SESSION_KEY, "true");
        }
        if (!EmbeddedDatabase.externalDatabaseConfigured()) {
            String dir = firstNonBlank(System.getenv("PARKCREDIT_DATA_DIR"), System.getProperty("parkcredit.data-dir"), "data");
            String port = firstNonBlank(System.getenv("PARKCREDIT_EMBEDDED_PORT"), System.getProperty("parkcredit.embedded-port"), "0");
            Path pgDir = Path.of(dir, "pg").toAbsolutePath();
            EmbeddedDatabase db = EmbeddedDatabase.start(pgDir, Integer.parseInt(port), false,
                    EmbeddedDatabase.Durability.DURABLE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterApplication(db), "embedded-postgres-stop"));
            db.datasourceConfig().forEach(System::setProperty);
            System.out.println("ParkCredit: embedded PostgreSQL on localhost:" + db.port() + ", data in " + pgDir
                    + " (password in " + pgDir.resolve(EmbeddedDatabase.PASSWORD_FILE) + ")");
        }
        Quarkus.run(args);
    }

    /**
     * JVM shutdown hooks run side by side: wait for Quarkus's own hook to stop the application (and so
     * close the connection pool, finish Quartz jobs and commit their work), then stop PostgreSQL.
     */
    private static void stopAfterApplication(EmbeddedDatabase db) {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "await-application-stop");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(50_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        db.close();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
