package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.minewatch.config.AlarmHandlingConfig.AckPolicy;
import io.minewatch.config.AlarmHandlingConfig.Contact;
import io.minewatch.config.rules.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmHandlingConfigTest {

    private static final Path FILE = Path.of("minewatch.yaml");
    private static final String SITES = """
            sites:
              - { id: CM01, type: coal_mine, sensors: [] }
              - { id: TP01, type: tailings_pond, sensors: [] }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    @Test
    void withoutTheSectionEverySiteHasTheDefaults() {
        AlarmHandlingConfig handling = loader.read(SITES, FILE).alarmHandling();

        assertThat(handling).isEqualTo(AlarmHandlingConfig.DEFAULT);
        assertThat(handling.policyFor("CM01")).isEqualTo(AckPolicy.DEFAULT);
        assertThat(AckPolicy.DEFAULT.appliesTo(Level.RED)).isTrue();
        assertThat(AckPolicy.DEFAULT.appliesTo(Level.YELLOW)).isFalse();
        assertThat(handling.shelving().shelveRed()).isFalse();
    }

    @Test
    void readsDefaultsAndPerSiteOverridesThatInheritWhatTheyDoNotSet() {
        AlarmHandlingConfig handling = loader.read("""
                alarm_handling:
                  ack_deadline: 3m
                  deadline_from: yellow
                  contacts:
                    - { id: duty_officer, name: "Duty officer Li Wei" }
                    - { id: chief_engineer }
                  sites:
                    TP01: { ack_deadline: 30m }
                  shelving: { raises: 3, window: 5m, shelve_for: 1h, shelve_red: true }
                  notify_every: 2m
                """ + SITES, FILE).alarmHandling();

        AckPolicy defaults = handling.policyFor("CM01");
        assertThat(defaults.deadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(defaults.minLevel()).isEqualTo(Level.YELLOW);
        assertThat(defaults.contacts()).containsExactly(new Contact("duty_officer", "Duty officer Li Wei"),
                new Contact("chief_engineer", "chief_engineer"));
        assertThat(handling.policyFor("TP01")).isEqualTo(new AckPolicy(Duration.ofMinutes(30), Level.YELLOW,
                defaults.contacts()));
        assertThat(handling.shelving()).isEqualTo(new AlarmHandlingConfig.Shelving(true, 3, Duration.ofMinutes(5),
                Duration.ofHours(1), true));
        assertThat(handling.notifyEvery()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void reportsEveryBadValueAtOnce() {
        List<ConfigProblem> problems = catchThrowableOfType(ConfigException.class, () -> loader.read("""
                alarm_handling:
                  ack_deadline: soon
                  deadline_from: purple
                  contacts: [ { id: "a/b" } ]
                  sites:
                    XX01: { ack_deadline: 1m }
                  shelving: { raises: 1, shelve_red: maybe }
                """ + SITES, FILE)).problems();

        assertThat(problems).extracting(ConfigProblem::key, ConfigProblem::value).contains(
                tuple("alarm_handling.ack_deadline", "soon"),
                tuple("alarm_handling.deadline_from", "purple"),
                tuple("alarm_handling.contacts[0].id", "a/b"),
                tuple("alarm_handling.sites.XX01", "XX01"),
                tuple("alarm_handling.shelving.raises", "1"),
                tuple("alarm_handling.shelving.shelve_red", "maybe"));
    }
}
