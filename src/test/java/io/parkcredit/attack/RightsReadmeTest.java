package io.parkcredit.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.security.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's "Roles and rights" is the rights table as the code has it, never a copy that drifts. */
class RightsReadmeTest {

    @Test
    void readmeTableIsTheRenderedRightsTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- rights:start -->\n");
        int end = readme.indexOf("<!-- rights:end -->");
        assertThat(start).as("README has the rights markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        assertThat(readme.substring(start + "<!-- rights:start -->\n".length(), end))
                .as("README's rights table; replace it with Action.markdown()").isEqualTo(Action.markdown());
    }

    @Test
    void theOverrideIsTheParksAloneAndTheRenderingShowsIt() {
        assertThat(Action.FINANCING_OVERRIDE.roles()).containsExactly(io.parkcredit.security.Role.ADMIN);
        assertThat(Action.markdown()).contains("| financing | 复核推送 Route a POOR request anyway |  | ✓ |  |  |  |  |  |  |  |\n");
    }
}
