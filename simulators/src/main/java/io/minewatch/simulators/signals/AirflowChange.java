package io.minewatch.simulators.signals;

/**
 * A change of the air quantity reaching a sensor: from {@code atMillis} the airflow moves to {@code airflowFactor}
 * times the design airflow, settling with time constant {@code settleMillis} (a fan changing speed, a regulator or
 * door being moved, a stopping blown out).
 *
 * @param atMillis      when the change starts
 * @param airflowFactor the new airflow relative to the design airflow; 0.5 halves it (and doubles CH4)
 * @param settleMillis  first-order time constant of the change, 0 for a step
 */
public record AirflowChange(long atMillis, double airflowFactor, long settleMillis) {

    public AirflowChange {
        if (!(airflowFactor >= 0.05 && airflowFactor <= 20)) {
            throw new IllegalArgumentException("airflowFactor : " + airflowFactor + " (expected: 0.05 to 20)");
        }
        if (settleMillis < 0) {
            throw new IllegalArgumentException("settleMillis : " + settleMillis + " (expected: >= 0)");
        }
    }
}
