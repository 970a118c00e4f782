package io.minewatch.simulators.signals;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * CH4 at a sensor as the ventilation changes. The seam gives off gas at a steady rate, so the concentration is the
 * baseline (measured at the design airflow) divided by the airflow actually reaching the sensor: cutting the air to
 * 60 % lifts 0.4 % CH4 to 0.67 %. Each {@link AirflowChange} moves the airflow from wherever it was towards its new
 * factor along a first-order curve.
 */
public final class VentilatedMethane implements SignalModel {

    private final SignalModel baseline;
    private final List<AirflowChange> changes;

    public VentilatedMethane(SignalModel baseline, List<AirflowChange> changes) {
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.changes = changes.stream().sorted(Comparator.comparingLong(AirflowChange::atMillis)).toList();
    }

    /** The airflow at {@code epochMillis} relative to the design airflow. */
    public double airflowAt(long epochMillis) {
        double airflow = 1.0;
        for (AirflowChange change : changes) {
            if (epochMillis < change.atMillis()) {
                break;
            }
            long since = epochMillis - change.atMillis();
            double reached = change.settleMillis() == 0 ? 1.0 : 1.0 - Math.exp(-(double) since / change.settleMillis());
            airflow += (change.airflowFactor() - airflow) * reached;
        }
        return airflow;
    }

    @Override
    public double valueAt(long epochMillis) {
        double value = baseline.valueAt(epochMillis);
        return Double.isNaN(value) ? value : Math.min(100.0, value / airflowAt(epochMillis));
    }
}
