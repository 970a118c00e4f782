package io.minewatch.config.quantity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A measured quantity. Its {@link #id()} is the InfluxDB measurement name and the {@code kind} of an MQTT payload;
 * every value of a kind is stored in its canonical unit. The physical range bounds what a working sensor can report.
 */
public enum Kind {
    CH4("ch4", Unit.PERCENT, 0, 100, "coal_ch4_working_face"),
    CO("co", Unit.PPM, 0, 10_000, "coal_co"),
    O2("o2", Unit.PERCENT, 0, 100, "coal_o2"),
    H2S("h2s", Unit.PPM, 0, 10_000, "coal_h2s"),
    CO2("co2", Unit.PERCENT, 0, 100, "coal_co2"),
    NO2("no2", Unit.PPM, 0, 10_000, "coal_no2"),
    SO2("so2", Unit.PPM, 0, 10_000, "coal_so2"),
    NH3("nh3", Unit.PPM, 0, 10_000, "coal_nh3"),
    DUST("dust", Unit.MG_PER_M3, 0, 10_000, "coal_dust_total"),
    WATER_LEVEL("water_level", Unit.METRE, -1_000, 10_000, "tailings_water_level"),
    PHREATIC_LINE("phreatic_line", Unit.METRE, 0, 1_000, "tailings_phreatic_line"),
    SUMP_LEVEL("sump_level", Unit.METRE, -1_000, 10_000, null),
    RAINFALL("rainfall", Unit.MILLIMETRE, 0, 2_000, null),
    DISPLACEMENT("displacement", Unit.MILLIMETRE, -100_000, 100_000, "slope_gnss_displacement"),
    INTERNAL_DISPLACEMENT("internal_displacement", Unit.MILLIMETRE, -100_000, 100_000, null),
    CRACK_WIDTH("crack_width", Unit.MILLIMETRE, 0, 10_000, "slope_crack_width");

    private static final Map<String, Kind> BY_ID = new HashMap<>();

    static {
        for (Kind kind : values()) {
            BY_ID.put(kind.id, kind);
        }
    }

    private final String id;
    private final Unit canonicalUnit;
    private final double physicalMin;
    private final double physicalMax;
    private final String defaultProfile;

    Kind(String id, Unit canonicalUnit, double physicalMin, double physicalMax, String defaultProfile) {
        this.id = id;
        this.canonicalUnit = canonicalUnit;
        this.physicalMin = physicalMin;
        this.physicalMax = physicalMax;
        this.defaultProfile = defaultProfile;
    }

    /** Lower-case identifier: payload {@code kind}, configuration {@code kind}, InfluxDB measurement. */
    public String id() {
        return id;
    }

    public Unit canonicalUnit() {
        return canonicalUnit;
    }

    public double physicalMin() {
        return physicalMin;
    }

    public double physicalMax() {
        return physicalMax;
    }

    /** The profile applied to a sensor of this kind that names none, or empty when a site must set its own. */
    public Optional<String> defaultProfile() {
        return Optional.ofNullable(defaultProfile);
    }

    /** Finds a kind by its id, ignoring case and surrounding blanks. */
    public static Optional<Kind> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_ID.get(id.trim().toLowerCase(Locale.ROOT)));
    }
}
