package io.parkcredit.bundle;

import io.parkcredit.shared.ClockProducer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code java -jar target/quarkus-app/quarkus-run.jar demo-bundle --firms 500 --out demo.zip}
 * writes a generated demo park as a data bundle without starting the server.
 */
public final class DemoBundleCommand {

    private DemoBundleCommand() {
    }

    public static int run(String... args) {
        int firms = 500;
        Path out = Path.of("demo-park.zip");
        LocalDate asOf = LocalDate.now(ClockProducer.PARK_ZONE);
        boolean benchmark = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--firms" -> firms = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                    case "--benchmark" -> benchmark = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: demo-bundle [--firms N] [--out FILE.zip] [--as-of YYYY-MM-DD] [--benchmark]");
            return 2;
        }
        var settings = benchmark ? DemoPark.Settings.benchmark(firms, asOf) : DemoPark.Settings.demo(firms, asOf);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
            new DemoPark(settings).writeZip(o);
        } catch (IOException e) {
            System.err.println("could not write " + out + ": " + e.getMessage());
            return 1;
        }
        System.out.println("wrote " + out.toAbsolutePath() + " (" + firms + " firms, as of " + asOf + ")");
        return 0;
    }
}
