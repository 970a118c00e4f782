package io.minewatch.config.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.quantity.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultProfilesTest {

    private final Map<String, Profile> profiles = DefaultProfiles.all();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyKindsDefaultProfileExistsAndIsForThatKind(Kind kind) {
        kind.defaultProfile().ifPresent(name -> {
            assertThat(profiles).containsKey(name);
            assertThat(profiles.get(name).kind()).isEqualTo(kind);
        });
    }

    @Test
    void everyProfileIsStoredUnderItsOwnNameCitesDomainAndHasRules() {
        assertThat(profiles).isNotEmpty();
        profiles.forEach((name, profile) -> {
            assertThat(profile.name()).isEqualTo(name);
            assertThat(profile.source()).as(name).startsWith("DOMAIN.md §");
            assertThat(profile.description()).as(name).isNotBlank();
            assertThat(profile.rules()).as(name).isNotEmpty();
        });
    }

    @Test
    void everyValueThresholdLiesWithinItsKindsPhysicalRange() {
        profiles.values().forEach(profile -> profile.rules().stream()
                .filter(rule -> rule.signal().type() == Signal.Type.VALUE)
                .flatMap(rule -> rule.levels().stream())
                .forEach(level -> {
                    assertThat(level.enter()).as(profile.name() + " " + level.name())
                            .isBetween(profile.kind().physicalMin(), profile.kind().physicalMax());
                    assertThat(level.exit()).as(profile.name() + " " + level.name())
                            .isBetween(profile.kind().physicalMin(), profile.kind().physicalMax());
                }));
    }

    @Test
    void isImmutable() {
        assertThatThrownBy(() -> profiles.remove("coal_ch4_working_face"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void workingFaceAlarmsAt1PercentCutsPowerAt15AndRestoresBelow1() {
        Profile face = profiles.get("coal_ch4_working_face");
        assertThat(face.kind()).isEqualTo(Kind.CH4);
        assertThat(face.source()).contains("row 'coal working face (T1)'");
        Rule rule = single(face);
        assertThat(rule.direction()).isEqualTo(Direction.ABOVE);
        assertThat(rule.signal()).isEqualTo(Signal.VALUE);
        assertThat(rule.levels()).containsExactly(
                new LevelThreshold("alarm", Level.ORANGE, 1.0, 1.0),
                new LevelThreshold("power_cut", Level.RED, 1.5, 1.0));
        // exactly at the limit alarms
        assertThat(rule.direction().enters(1.0, rule.levels().get(0).enter())).isTrue();
        assertThat(rule.direction().enters(0.99, rule.levels().get(0).enter())).isFalse();
    }

    @Test
    void ch4TableRowsCarryTheirFigures() {
        assertCh4("coal_ch4_return_airway", 1.0, 1.0, 1.0);
        assertCh4("coal_ch4_intake", 0.5, 0.5, 0.5);
        assertCh4("coal_ch4_drainage_roadway", 2.5, 2.5, 2.5);
        assertCh4("coal_ch4_shearer", 1.0, 1.5, 1.0);
        assertCh4("coal_ch4_heading_face", 1.0, 1.5, 1.0);
        assertCh4("coal_ch4_heading_return", 1.0, 1.0, 1.0);
    }

    private void assertCh4(String name, double alarm, double powerCut, double restore) {
        Rule rule = single(profiles.get(name));
        assertThat(rule.levels()).as(name).containsExactly(
                new LevelThreshold("alarm", Level.ORANGE, alarm, restore),
                new LevelThreshold("power_cut", Level.RED, powerCut, restore));
        assertThat(profiles.get(name).source()).as(name).startsWith("DOMAIN.md §1, CH4 table, row '");
    }

    @Test
    void mainReturnOnlyReportsAt075() {
        Rule rule = single(profiles.get("coal_ch4_main_return"));
        assertThat(rule.levels()).containsExactly(LevelThreshold.of("report", Level.YELLOW, 0.75));
    }

    @Test
    void oxygenFiresBelow20PercentAndRestoresAt20() {
        Profile o2 = profiles.get("coal_o2");
        Rule rule = single(o2);
        assertThat(rule.direction()).isEqualTo(Direction.BELOW);
        assertThat(rule.levels()).containsExactly(LevelThreshold.of("alarm", Level.ORANGE, 20));
        assertThat(rule.direction().enters(19.9, 20)).isTrue();
        assertThat(rule.direction().enters(20.0, 20)).isFalse();
        assertThat(o2.source()).contains("Air limits");
    }

    @Test
    void airLimitsAlarmAtTheirLimit() {
        assertThat(Map.of("coal_co", 24.0, "coal_h2s", 6.6, "coal_co2", 0.5, "coal_no2", 2.5, "coal_so2", 5.0,
                "coal_nh3", 40.0)).allSatisfy((name, limit) -> {
                    Rule rule = single(profiles.get(name));
                    assertThat(rule.direction()).isEqualTo(Direction.ABOVE);
                    assertThat(rule.levels()).containsExactly(LevelThreshold.of("alarm", Level.ORANGE, limit));
                });
    }

    @Test
    void dustProfilesCarryChineseAndUsLimits() {
        assertThat(single(profiles.get("coal_dust_total")).levels())
                .containsExactly(LevelThreshold.of("alarm", Level.ORANGE, 10));
        assertThat(single(profiles.get("coal_dust_respirable")).levels()).containsExactly(
                LevelThreshold.of("warning", Level.YELLOW, 1.5), LevelThreshold.of("alarm", Level.ORANGE, 3.5));
        assertThat(profiles.get("coal_dust_respirable").source()).contains("30 CFR 70.100");
    }

    @Test
    void tailingsStandInsSayASiteMustOverrideThem() {
        Profile level = profiles.get("tailings_water_level");
        assertThat(level.description()).contains("MUST OVERRIDE");
        assertThat(single(level).levels()).containsExactly(
                new LevelThreshold("blue", Level.BLUE, 8.5, 8.4),
                new LevelThreshold("yellow", Level.YELLOW, 9.0, 8.9),
                new LevelThreshold("orange", Level.ORANGE, 9.5, 9.4),
                new LevelThreshold("red", Level.RED, 10.0, 9.9));

        Profile phreatic = profiles.get("tailings_phreatic_line");
        assertThat(phreatic.description()).contains("MUST OVERRIDE");
        Rule depth = single(phreatic);
        assertThat(depth.direction()).isEqualTo(Direction.BELOW);
        assertThat(depth.levels()).containsExactly(
                new LevelThreshold("orange", Level.ORANGE, 4.4, 4.5),
                new LevelThreshold("red", Level.RED, 4.0, 4.1));
    }

    @Test
    void gnssDisplacementHasCumulativeAndRateRules() {
        List<Rule> rules = profiles.get("slope_gnss_displacement").rules();
        assertThat(rules).extracting(Rule::id).containsExactly("cumulative", "rate");
        assertThat(rules.get(0).levels()).extracting(LevelThreshold::enter).containsExactly(240.0, 300.0);
        Rule rate = rules.get(1);
        assertThat(rate.signal()).isEqualTo(Signal.rate(Duration.ofHours(6), Duration.ofDays(1)));
        assertThat(rate.levels()).containsExactly(LevelThreshold.of("orange", Level.ORANGE, 10),
                LevelThreshold.of("red", Level.RED, 120));
        assertThat(single(profiles.get("slope_crack_width")).levels())
                .containsExactly(LevelThreshold.of("orange", Level.ORANGE, 50));
    }

    private static Rule single(Profile profile) {
        assertThat(profile.rules()).hasSize(1);
        return profile.rules().get(0);
    }
}
