package io.parkcredit.bundle;

import io.parkcredit.security.Role;
import io.parkcredit.security.StartupActor;
import io.parkcredit.security.StartupActor.Actor;
import io.parkcredit.security.UserService;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sign-in users of the demo park, one per role besides the first ADMIN, each with a generated
 * password: the regulator, an evaluator, an investment officer, an officer of the first bank and of
 * the first guarantor, the firm the story's financing and rating are about, and its customer (the
 * debtor of its receivables). The passwords are printed once to the terminal and written to
 * {@code <data dir>/demo-users.txt}, readable by the owner only; they are not logged.
 */
@ApplicationScoped
public class DemoUsers {

    private static final Logger LOG = Logger.getLogger(DemoUsers.class);

    static final String REGULATOR = "regulator";
    static final String EVALUATOR = "evaluator";
    static final String INVESTMENT = "investment";
    static final String BANK = "bank";
    static final String GUARANTOR = "guarantor";
    static final String FIRM = "firm";
    static final String DEBTOR = "debtor";
    static final String BANK_CODE = DemoPark.bankCode(0);
    static final String GUARANTOR_CODE = DemoPark.guarantorCode(0);
    static final String FILE = "demo-users.txt";

    /** Where the embedded database and the demo users' file live (env PARKCREDIT_DATA_DIR). */
    @ConfigProperty(name = "parkcredit.data-dir", defaultValue = "data")
    Path dataDir;

    @Inject
    UserService users;

    @Inject
    StartupActor actors;

    /** One created user, as printed. */
    public record Created(Role role, String username, String password, String boundTo) {
    }

    /** Creates the demo users (skipping a name already taken), prints them and writes the file. */
    public List<Created> create(String firmUscc, String debtorUscc) {
        List<Created> created = new ArrayList<>();
        add(created, REGULATOR, Role.REGULATOR, null, null);
        add(created, EVALUATOR, Role.EVALUATOR, null, null);
        add(created, INVESTMENT, Role.INVESTMENT, null, null);
        add(created, BANK, Role.BANK, null, BANK_CODE);
        add(created, GUARANTOR, Role.GUARANTOR, null, GUARANTOR_CODE);
        add(created, FIRM, Role.ENTERPRISE, firmUscc, null);
        add(created, DEBTOR, Role.ENTERPRISE, debtorUscc, null);
        String text = render(created);
        System.out.println(text);
        Path file = write(text);
        LOG.infof("created %d demo users; their passwords were printed to the terminal and written to %s",
                created.size(), file);
        return created;
    }

    private void add(List<Created> created, String username, Role role, String uscc, String institution) {
        String password = password();
        try {
            actors.run(Actor.of("system", Role.ADMIN),
                    () -> users.create(new UserService.NewUser(username, password, role.name(), uscc, institution)));
        } catch (ProblemException e) {
            LOG.warnf("demo user %s not created: %s", username, e.getMessage());
            return;
        }
        created.add(new Created(role, username, password, uscc != null ? uscc : institution));
    }

    static String render(List<Created> created) {
        StringBuilder sb = new StringBuilder();
        sb.append("ParkCredit demo users (sign in at /login, or HTTP Basic on /api; shown once):\n");
        for (Created c : created) {
            sb.append(String.format("  %-10s %-11s %-18s %s%n", c.role(), c.username(), c.password(),
                    c.boundTo() == null ? "" : c.boundTo()));
        }
        return sb.toString();
    }

    private Path write(String text) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE);
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo users to " + dataDir, e);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static String password() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
