package io.parkcredit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The generated first admin password: strong, and written to a file only its owner can read. */
class InitialAdminPasswordTest {

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        Path dir = Files.createTempDirectory("parkcredit-data");
        Path file = AdminBootstrap.writeOnce(dir, "Generated-Password-1");
        assertThat(file).isEqualTo(dir.resolve("initial-admin-password"));
        assertThat(Files.readString(file)).isEqualTo("Generated-Password-1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aGeneratedPasswordPassesThePasswordRule() {
        for (int i = 0; i < 200; i++) {
            String p = AdminBootstrap.randomPassword();
            assertThat(p).hasSize(20);
            assertThat(PasswordRules.problems("admin", p)).as(p).isEmpty();
        }
    }
}
