package io.minewatch.simulators.signals;

import java.util.List;
import java.util.Objects;

/**
 * A healthy signal as a faulty transmitter reports it: each {@link SensorFault} active at an instant is applied in
 * order. {@link Double#NaN} means the sensor reports nothing at that instant.
 */
public final class FaultySignal implements SignalModel {

    private final SignalModel healthy;
    private final List<SensorFault> faults;

    public FaultySignal(SignalModel healthy, List<SensorFault> faults) {
        this.healthy = Objects.requireNonNull(healthy, "healthy");
        this.faults = List.copyOf(faults);
    }

    public List<SensorFault> faults() {
        return faults;
    }

    @Override
    public double valueAt(long epochMillis) {
        double value = healthy.valueAt(epochMillis);
        for (SensorFault fault : faults) {
            if (fault.activeAt(epochMillis)) {
                value = fault.apply(healthy, epochMillis, value);
            }
        }
        return value;
    }
}
