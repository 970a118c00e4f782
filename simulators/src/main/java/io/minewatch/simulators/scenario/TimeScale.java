package io.minewatch.simulators.scenario;

/**
 * Maps real time to scenario time: at {@code speed} N, N scenario milliseconds pass per real one, both starting at
 * {@code startMillis}. Readings keep the real time as their timestamp (a gateway refuses readings from the future);
 * only the signal runs faster.
 */
public record TimeScale(long startMillis, double speed) {

    public TimeScale {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed : " + speed + " (expected: above 0)");
        }
    }

    public long scenarioMillis(long realMillis) {
        return startMillis + Math.round((realMillis - startMillis) * speed);
    }

    public long realMillis(long scenarioMillis) {
        return startMillis + Math.round((scenarioMillis - startMillis) / speed);
    }
}
