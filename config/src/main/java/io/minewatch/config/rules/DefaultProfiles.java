package io.minewatch.config.rules;

import io.minewatch.config.quantity.Kind;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in threshold profiles, by name. Each one cites, in its {@code source} and in the comment above it, the
 * section and line of DOMAIN.md its figures come from. Every name a {@link Kind#defaultProfile()} returns is here.
 *
 * <p>All thresholds are in the kind's canonical unit. For limits that the regulations state as "≤ X is allowed" the
 * rules fire at {@code value >= X} (see {@link Direction#ABOVE}): a value exactly at the limit alarms. This is the
 * conservative reading and needs no epsilon.
 *
 * <p>Where DOMAIN.md gives no national figure (tailings water level, phreatic line, slope height) the profile holds a
 * stated stand-in that a site must override with its own design values; its description says so.
 */
public final class DefaultProfiles {

    private static final Map<String, Profile> ALL = build();

    private DefaultProfiles() {
    }

    /** Every built-in profile by name, in a stable order (coal-mine gas, air, dust, tailings, slope). */
    public static Map<String, Profile> all() {
        return ALL;
    }

    private static Map<String, Profile> build() {
        Map<String, Profile> profiles = new LinkedHashMap<>();

        // DOMAIN.md §1, CH4 table, row 'coal working face (T1)': alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0
        add(profiles, ch4("coal_ch4_working_face", "CH4 at a coal working face (T1)",
                "DOMAIN.md §1, CH4 table, row 'coal working face (T1)': alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0",
                1.0, 1.5, 1.0));
        // DOMAIN.md §1, CH4 table, row 'working-face return airway (T2)': alarm ≥ 1.0, power cut ≥ 1.0, restore < 1.0
        add(profiles, ch4("coal_ch4_return_airway", "CH4 in a working-face return airway (T2)",
                "DOMAIN.md §1, CH4 table, row 'working-face return airway (T2)': alarm ≥ 1.0, power cut ≥ 1.0,"
                        + " restore < 1.0",
                1.0, 1.0, 1.0));
        // DOMAIN.md §1, CH4 table, row 'intake airway, high-gas / outburst mine (T3)': alarm ≥ 0.5, power cut ≥ 0.5,
        // restore < 0.5
        add(profiles, ch4("coal_ch4_intake", "CH4 in an intake airway of a high-gas or outburst mine (T3)",
                "DOMAIN.md §1, CH4 table, row 'intake airway, high-gas / outburst mine (T3)': alarm ≥ 0.5,"
                        + " power cut ≥ 0.5, restore < 0.5",
                0.5, 0.5, 0.5));
        // DOMAIN.md §1, CH4 table, row 'dedicated gas-drainage roadway': alarm ≥ 2.5, power cut ≥ 2.5, restore < 2.5
        add(profiles, ch4("coal_ch4_drainage_roadway", "CH4 in a dedicated gas-drainage roadway",
                "DOMAIN.md §1, CH4 table, row 'dedicated gas-drainage roadway': alarm ≥ 2.5, power cut ≥ 2.5,"
                        + " restore < 2.5",
                2.5, 2.5, 2.5));
        // DOMAIN.md §1, CH4 table, row 'shearer': alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0
        add(profiles, ch4("coal_ch4_shearer", "CH4 measured on a shearer",
                "DOMAIN.md §1, CH4 table, row 'shearer': alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0",
                1.0, 1.5, 1.0));
        // DOMAIN.md §1, CH4 table, row 'heading face': alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0
        add(profiles, ch4("coal_ch4_heading_face", "CH4 at a heading (development) face",
                "DOMAIN.md §1, CH4 table, row 'heading face': alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0",
                1.0, 1.5, 1.0));
        // DOMAIN.md §1, CH4 table, row 'heading return': alarm ≥ 1.0, power cut ≥ 1.0, restore < 1.0
        add(profiles, ch4("coal_ch4_heading_return", "CH4 in a heading return",
                "DOMAIN.md §1, CH4 table, row 'heading return': alarm ≥ 1.0, power cut ≥ 1.0, restore < 1.0",
                1.0, 1.0, 1.0));
        // DOMAIN.md §1, line 'Main or wing return: report at CH4 or CO2 ≥ 0.75 %'. DOMAIN gives no alarm or power-cut
        // figure for a main return, so this profile only reports.
        add(profiles, new Profile("coal_ch4_main_return", Kind.CH4,
                "CH4 in a main or wing return: report level only",
                "DOMAIN.md §1, line 'Main or wing return: report at CH4 or CO2 ≥ 0.75 %'",
                List.of(above("ch4", LevelThreshold.of("report", Level.YELLOW, 0.75)))));

        // Air limits. DOMAIN.md §1, line 'Air limits (煤矿安全规程 2011 edition): intake O2 ≥ 20 %, CO2 ≤ 0.5 %,
        // CO ≤ 24 ppm, H2S ≤ 6.6 ppm, NO2 ≤ 2.5 ppm, SO2 ≤ 5 ppm, NH3 ≤ 40 ppm'. Each "≤ X" limit fires at ≥ X
        // (we alarm AT the limit, conservative); O2 fires below 20 % and is restored at ≥ 20 %.
        add(profiles, airLimit("coal_co", Kind.CO, "CO ≤ 24 ppm", 24));
        add(profiles, new Profile("coal_o2", Kind.O2, "O2 in intake air: alarm when it falls below 20 %",
                airLimitSource("intake O2 ≥ 20 %"),
                List.of(new Rule("o2", Signal.VALUE, Direction.BELOW,
                        List.of(LevelThreshold.of("alarm", Level.ORANGE, 20)), Duration.ZERO))));
        add(profiles, airLimit("coal_h2s", Kind.H2S, "H2S ≤ 6.6 ppm", 6.6));
        add(profiles, airLimit("coal_co2", Kind.CO2, "CO2 ≤ 0.5 %", 0.5));
        add(profiles, airLimit("coal_no2", Kind.NO2, "NO2 ≤ 2.5 ppm", 2.5));
        add(profiles, airLimit("coal_so2", Kind.SO2, "SO2 ≤ 5 ppm", 5));
        add(profiles, airLimit("coal_nh3", Kind.NH3, "NH3 ≤ 40 ppm", 40));

        // DOMAIN.md §4, line '煤矿安全规程 2011 by free-SiO2 content (total / respirable): < 10 % → 10 / 3.5'
        add(profiles, new Profile("coal_dust_total", Kind.DUST,
                "Total coal dust, free SiO2 < 10 %: alarm at the 10 mg/m³ limit",
                "DOMAIN.md §4, line '煤矿安全规程 2011 by free-SiO2 content (total / respirable): < 10 % → 10 / 3.5'",
                List.of(above("dust", LevelThreshold.of("alarm", Level.ORANGE, 10)))));
        // DOMAIN.md §4, line 'MSHA respirable coal mine dust 1.5 mg/m³ (30 CFR 70.100)' for the yellow warning, and
        // line '煤矿安全规程 2011 ... < 10 % → 10 / 3.5' for the orange alarm
        add(profiles, new Profile("coal_dust_respirable", Kind.DUST,
                "Respirable coal dust, free SiO2 < 10 %: warning at the US limit 1.5 mg/m³, alarm at the Chinese"
                        + " limit 3.5 mg/m³",
                "DOMAIN.md §4, line 'MSHA respirable coal mine dust 1.5 mg/m³ (30 CFR 70.100)': warning ≥ 1.5;"
                        + " line '煤矿安全规程 2011 by free-SiO2 content (total / respirable): < 10 % → 10 / 3.5':"
                        + " alarm ≥ 3.5",
                List.of(above("dust", LevelThreshold.of("warning", Level.YELLOW, 1.5),
                        LevelThreshold.of("alarm", Level.ORANGE, 3.5)))));

        // DOMAIN.md §2, GB 51108-2015 §8.3 line 'water level red/orange from the design flood level or the pre-flood
        // control level', and §2 line 'Four-level early warning, blue < yellow < orange < red; the designer sets
        // per-item values'. No national number exists: these figures are a stand-in for a pond whose design flood
        // level is 10.0 m on the gauge (red at it, then 0.5 m steps down; exits 0.1 m below each entry).
        add(profiles, new Profile("tailings_water_level", Kind.WATER_LEVEL,
                "STAND-IN, A SITE MUST OVERRIDE IT: pond water level for a pond whose design flood level is 10.0 m on"
                        + " the gauge (red at 10.0 m, orange 9.5, yellow 9.0, blue 8.5). Define your own profile with"
                        + " the values of your pond's design.",
                "DOMAIN.md §2, GB 51108-2015 §8.3 line 'water level red/orange from the design flood level or the"
                        + " pre-flood control level'; §2 line 'Four-level early warning, blue < yellow < orange < red;"
                        + " the designer sets per-item values'. Figures assumed: design flood level 10.0 m.",
                List.of(above("level",
                        new LevelThreshold("blue", Level.BLUE, 8.5, 8.4),
                        new LevelThreshold("yellow", Level.YELLOW, 9.0, 8.9),
                        new LevelThreshold("orange", Level.ORANGE, 9.5, 9.4),
                        new LevelThreshold("red", Level.RED, 10.0, 9.9)))));
        // DOMAIN.md §2, GB 51108-2015 §8.3 line 'phreatic line red = the minimum burial depth of GB 50863, orange =
        // 1.1 × red burial depth'. GB 50863's minimum depends on the dam; 4.0 m is a stand-in, orange 4.4 = 1.1 × 4.0.
        add(profiles, new Profile("tailings_phreatic_line", Kind.PHREATIC_LINE,
                "STAND-IN, A SITE MUST OVERRIDE IT: phreatic line burial depth below the dam surface; fires when the"
                        + " line rises, i.e. the depth falls below red 4.0 m (stand-in for the GB 50863 minimum burial"
                        + " depth of your dam) or orange 4.4 m (1.1 × red).",
                "DOMAIN.md §2, GB 51108-2015 §8.3 line 'phreatic line red = the minimum burial depth of GB 50863,"
                        + " orange = 1.1 × red burial depth'. Figure assumed: minimum burial depth 4.0 m.",
                List.of(new Rule("depth", Signal.VALUE, Direction.BELOW, List.of(
                        new LevelThreshold("orange", Level.ORANGE, 4.4, 4.5),
                        new LevelThreshold("red", Level.RED, 4.0, 4.1)), Duration.ZERO))));

        // DOMAIN.md §3, line 'cumulative horizontal displacement > 6×10⁻³ × slope height' with an assumed 50 m slope:
        // red 300 mm; §2 GB 51108 §8.3 line 'landslide displacement orange = 80 % of red': orange 240 mm.
        // DOMAIN.md §3, line 'horizontal displacement or settlement > 10 mm/day': rate orange 10 mm/day; line
        // 'working-wall instantaneous velocity ≥ 5 mm/h': rate red 120 mm/day. The rate is averaged over 6 h, which
        // smooths GNSS noise but also dilutes a sudden burst: a site watching a working wall closely should add a
        // rule with a shorter window.
        add(profiles, new Profile("slope_gnss_displacement", Kind.DISPLACEMENT,
                "GNSS surface displacement (mm, toward the free face). Cumulative red assumes a 50 m slope"
                        + " (6×10⁻³ × 50 m = 300 mm): a site must set its own slope height.",
                "DOMAIN.md §3, line 'cumulative horizontal displacement > 6×10⁻³ × slope height' (assumed 50 m slope:"
                        + " red 300 mm) and §2 GB 51108 §8.3 line 'landslide displacement orange = 80 % of red'"
                        + " (orange 240 mm); §3 line 'horizontal displacement or settlement > 10 mm/day' (rate orange"
                        + " 10 mm/day) and line 'working-wall instantaneous velocity ≥ 5 mm/h' (rate red 120 mm/day)",
                List.of(above("cumulative",
                                LevelThreshold.of("orange", Level.ORANGE, 240),
                                LevelThreshold.of("red", Level.RED, 300)),
                        new Rule("rate", Signal.rate(Duration.ofHours(6), Duration.ofDays(1)), Direction.ABOVE,
                                List.of(LevelThreshold.of("orange", Level.ORANGE, 10),
                                        LevelThreshold.of("red", Level.RED, 120)), Duration.ZERO))));
        // DOMAIN.md §3, line 'ground crack width > 50 mm'
        add(profiles, new Profile("slope_crack_width", Kind.CRACK_WIDTH,
                "Ground crack width on a slope: alarm at 50 mm",
                "DOMAIN.md §3, line 'ground crack width > 50 mm'",
                List.of(above("width", LevelThreshold.of("orange", Level.ORANGE, 50)))));

        return Collections.unmodifiableMap(profiles);
    }

    /** A CH4 profile from a row of the DOMAIN.md §1 table: alarm (orange), power cut (red), one restore for both. */
    private static Profile ch4(String name, String description, String source, double alarm, double powerCut,
            double restore) {
        return new Profile(name, Kind.CH4, description, source, List.of(above("ch4",
                new LevelThreshold("alarm", Level.ORANGE, alarm, restore),
                new LevelThreshold("power_cut", Level.RED, powerCut, restore))));
    }

    /** One air limit of DOMAIN.md §1 'Air limits', alarming (orange) at the limit itself. */
    private static Profile airLimit(String name, Kind kind, String limit, double value) {
        return new Profile(name, kind, kind.id().toUpperCase(Locale.ROOT) + " in mine air: alarm at the "
                + "limit " + limit.substring(limit.indexOf('≤') + 2), airLimitSource(limit),
                List.of(above(kind.id(), LevelThreshold.of("alarm", Level.ORANGE, value))));
    }

    private static String airLimitSource(String limit) {
        return "DOMAIN.md §1, line 'Air limits (煤矿安全规程 2011 edition)': " + limit;
    }

    private static Rule above(String id, LevelThreshold... levels) {
        return new Rule(id, Signal.VALUE, Direction.ABOVE, List.of(levels), Duration.ZERO);
    }

    private static void add(Map<String, Profile> profiles, Profile profile) {
        if (profiles.putIfAbsent(profile.name(), profile) != null) {
            throw new IllegalStateException("built-in profile " + profile.name() + " defined twice");
        }
    }
}
