package io.parkcredit;

import io.parkcredit.bundle.DemoBundleCommand;
import io.parkcredit.shared.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts ParkCredit. Without a configured database URL it first starts the embedded PostgreSQL
 * with its data under {@code ./data/pg} (or {@code PARKCREDIT_DATA_DIR}).
 * {@code demo-bundle} writes a generated demo park bundle instead of starting the server.
 */
@QuarkusMain
public class ParkCreditMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("demo-bundle")) {
            System.exit(DemoBundleCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (!EmbeddedDatabase.externalDatabaseConfigured()) {
            String dir = firstNonBlank(System.getenv("PARKCREDIT_DATA_DIR"), System.getProperty("parkcredit.data-dir"), "data");
            String port = firstNonBlank(System.getenv("PARKCREDIT_EMBEDDED_PORT"), System.getProperty("parkcredit.embedded-port"), "0");
            EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(dir, "pg").toAbsolutePath(), Integer.parseInt(port), false);
            db.datasourceConfig().forEach(System::setProperty);
            System.out.println("ParkCredit: embedded PostgreSQL on port " + db.port() + ", data in " + Path.of(dir, "pg").toAbsolutePath());
        }
        Quarkus.run(args);
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
