package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.DefaultProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must keep up with the code: every built-in profile, kind and key, and a valid example. */
class ConfigurationDocsTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void documentsEveryBuiltInProfileAndKind() throws Exception {
        String doc = Files.readString(DOC);

        assertThat(DefaultProfiles.all().keySet()).allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
        for (Kind kind : Kind.values()) {
            assertThat(doc).contains("| `" + kind.id() + "` | " + kind.canonicalUnit().symbol());
        }
    }

    @Test
    void documentsEveryKeyOfTheExample() throws Exception {
        String doc = Files.readString(DOC);
        // block-style keys; profile names hold digits (tp01_...) and are not matched
        Matcher keys = Pattern.compile("(?m)^\\s*-?\\s*([a-z_]+):").matcher(Files.readString(ExampleConfigTest.EXAMPLE));
        int found = 0;
        while (keys.find()) {
            assertThat(doc).as(keys.group(1)).containsPattern("[`.]" + keys.group(1) + "`");
            found++;
        }
        assertThat(found).isGreaterThan(30);
    }

    @Test
    void itsProfileExampleIsValid() throws Exception {
        String doc = Files.readString(DOC);
        Matcher block = Pattern.compile("```yaml\\n(profiles:\\n.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).isTrue();

        MinewatchConfig config = new ConfigLoader(Map.<String, String>of()::get).read(block.group(1) + """
                sites:
                  - { id: TP01, type: tailings_pond, sensors: [ { id: WL-1, kind: water_level, profile: pond_a_water_level } ] }
                """, DOC);

        assertThat(config.profiles().get("pond_a_water_level").rules()).hasSize(2);
    }
}
