package io.minewatch.config.quantity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A unit a reading may arrive in. Each unit has a factor to the base unit of its {@link Dimension}, so that
 * {@link #convert(double, Unit)} turns ppm into % or m into mm.
 */
public enum Unit {
    PERCENT("%", Dimension.GAS_CONCENTRATION, 10_000.0, "%vol", "vol%", "percent"),
    PPM("ppm", Dimension.GAS_CONCENTRATION, 1.0),
    MG_PER_M3("mg/m3", Dimension.MASS_CONCENTRATION, 1.0, "mg/m³", "mg/m^3"),
    UG_PER_M3("ug/m3", Dimension.MASS_CONCENTRATION, 0.001, "µg/m³", "μg/m³", "ug/m³", "µg/m3", "μg/m3"),
    METRE("m", Dimension.LENGTH, 1000.0, "metre", "meter"),
    CENTIMETRE("cm", Dimension.LENGTH, 10.0),
    MILLIMETRE("mm", Dimension.LENGTH, 1.0);

    private static final Map<String, Unit> BY_SYMBOL = new HashMap<>();

    static {
        for (Unit unit : values()) {
            BY_SYMBOL.put(unit.symbol.toLowerCase(Locale.ROOT), unit);
            for (String alias : unit.aliases) {
                BY_SYMBOL.put(alias.toLowerCase(Locale.ROOT), unit);
            }
        }
    }

    private final String symbol;
    private final Dimension dimension;
    private final double factorToBase;
    private final String[] aliases;

    Unit(String symbol, Dimension dimension, double factorToBase, String... aliases) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.factorToBase = factorToBase;
        this.aliases = aliases;
    }

    /** The symbol used in payloads, configuration and the API, e.g. {@code "%"} or {@code "mg/m3"}. */
    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** Finds a unit by its symbol or an alias, ignoring case and surrounding blanks. */
    public static Optional<Unit> bySymbol(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_SYMBOL.get(symbol.trim().toLowerCase(Locale.ROOT)));
    }

    public boolean convertibleTo(Unit target) {
        return dimension == target.dimension;
    }

    /**
     * Converts {@code value} in this unit to {@code target}.
     *
     * @throws IllegalArgumentException when the units measure different dimensions
     */
    public double convert(double value, Unit target) {
        if (target == this) {
            return value;
        }
        if (!convertibleTo(target)) {
            throw new IllegalArgumentException(
                    "unit : " + symbol + " (expected: a unit of " + target.dimension + " like " + target.symbol + ")");
        }
        return value * factorToBase / target.factorToBase;
    }
}
