package io.minewatch.simulators.signals;

/**
 * A simulated physical signal: the value a sensor would measure at a given instant, in its kind's canonical unit.
 *
 * <p>Implementations are pure functions of the seed they were built with and the instant asked for: the same instant
 * always gives the same value, whatever was asked before and from whichever thread. Time is always passed in, so a
 * test can walk through a simulated day in milliseconds and a replay can ask for any instant in any order.
 *
 * <p>{@link Double#NaN} means the sensor reports nothing at that instant (a {@link SensorFault.Dropout}); publishers
 * skip it.
 */
@FunctionalInterface
public interface SignalModel {

    /** The value at {@code epochMillis}, finite and inside the model's plausible range, or NaN for no reading. */
    double valueAt(long epochMillis);
}
