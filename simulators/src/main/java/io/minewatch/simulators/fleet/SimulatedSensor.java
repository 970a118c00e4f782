package io.minewatch.simulators.fleet;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import io.minewatch.simulators.signals.SignalModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One simulated sensor: where it is, what it measures, the unit it reports in and how many decimals its display
 * shows. Its signal produces values in the kind's canonical unit; {@link #valueAt(long)} converts them to the
 * reporting unit and rounds them as a real transmitter would.
 *
 * @param site     site id
 * @param id       sensor id, unique across sites
 * @param kind     the measured quantity
 * @param unit     the unit the sensor reports in, convertible to the kind's canonical unit
 * @param decimals decimals reported, 0 to 9
 * @param signal   the signal, in the kind's canonical unit
 */
public record SimulatedSensor(String site, String id, Kind kind, Unit unit, int decimals, SignalModel signal) {

    public SimulatedSensor {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(signal, "signal");
        if (site.isBlank() || site.contains("/") || site.contains("+") || site.contains("#")) {
            throw new IllegalArgumentException("site : '" + site + "' (expected: a non-blank id usable in an MQTT topic)");
        }
        if (id.isBlank() || id.contains("/") || id.contains("+") || id.contains("#")) {
            throw new IllegalArgumentException("id : '" + id + "' (expected: a non-blank id usable in an MQTT topic)");
        }
        if (!unit.convertibleTo(kind.canonicalUnit())) {
            throw new IllegalArgumentException("sensor " + id + " unit : " + unit.symbol() + " (expected: a unit of "
                    + kind.id() + " like " + kind.canonicalUnit().symbol() + ")");
        }
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("sensor " + id + " decimals : " + decimals + " (expected: 0 to 9)");
        }
    }

    /** Whether the sensor sends a reading at {@code epochMillis} (false during a dropout). */
    public boolean reportsAt(long epochMillis) {
        return !Double.isNaN(signal.valueAt(epochMillis));
    }

    /** A sensor reporting in its kind's canonical unit. */
    public static SimulatedSensor canonical(String site, String id, Kind kind, int decimals, SignalModel signal) {
        return new SimulatedSensor(site, id, kind, kind.canonicalUnit(), decimals, signal);
    }

    /**
     * The reported value at {@code epochMillis}: in {@link #unit()}, rounded to {@link #decimals()}; NaN when the
     * sensor reports nothing then (see {@link #reportsAt(long)}).
     */
    public double valueAt(long epochMillis) {
        double canonical = signal.valueAt(epochMillis);
        if (Double.isNaN(canonical)) {
            return canonical;
        }
        double reported = kind.canonicalUnit().convert(canonical, unit);
        // BigDecimal.valueOf rounds the shortest decimal form, so 0.125 stays 0.125 before rounding half up.
        return BigDecimal.valueOf(reported).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
