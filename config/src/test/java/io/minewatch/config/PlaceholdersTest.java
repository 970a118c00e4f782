package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Map<String, String> env = Map.of("USER", "minewatch", "PASS", "p$w{d}", "EMPTY", "");

    @Test
    void substitutesEveryPlaceholderOnce() {
        assertThat(Placeholders.substitute("${USER}:${PASS}@host", env::get).text())
                .isEqualTo("minewatch:p$w{d}@host");
        assertThat(Placeholders.substitute("[${EMPTY}]", env::get).text()).isEqualTo("[]");
    }

    @Test
    void leavesTextWithoutPlaceholdersAndLiteralDollarsAlone() {
        assertThat(Placeholders.substitute("price $5", env::get).text()).isEqualTo("price $5");
        assertThat(Placeholders.substitute("$${USER}", env::get).text()).isEqualTo("${USER}");
    }

    @Test
    void namesEveryUnsetVariable() {
        Placeholders.Result result = Placeholders.substitute("${A}-${USER}-${B}", env::get);

        assertThat(result.ok()).isFalse();
        assertThat(result.unset()).isEqualTo(List.of("A", "B"));
    }

    @Test
    void reportsAMalformedPlaceholder() {
        assertThat(Placeholders.substitute("${USER", env::get).malformed()).isEqualTo("${USER");
        assertThat(Placeholders.substitute("${1X}", env::get).malformed()).isEqualTo("${1X}");
        assertThat(Placeholders.substitute("${}", env::get).malformed()).isEqualTo("${}");
    }
}
