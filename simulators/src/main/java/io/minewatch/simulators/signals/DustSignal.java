package io.minewatch.simulators.signals;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Total dust at a longwall face in mg/m³, driven by the shearer. The day runs three eight-hour shifts: a maintenance
 * shift from 00:00 with the shearer still, then two production shifts in which the shearer cuts for 40 minutes of
 * every hour (the rest of the hour goes to advancing supports and the conveyor). Dust climbs over two minutes once
 * cutting starts and settles over three after it stops; each pass cuts a little harder or softer than the last.
 *
 * <p>Levels stay under the 10 mg/m³ total-dust limit for coal with less than 10 % free silica (DOMAIN.md §4):
 * about 0.5–0.7 mg/m³ on maintenance, 1.2–1.8 between passes, 4–8.5 while cutting.
 */
public final class DustSignal implements SignalModel {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long MAINTENANCE_SHIFT_END = 8 * HOUR;
    private static final long CUTTING = Duration.ofMinutes(40).toMillis();
    private static final long RAMP_UP = Duration.ofMinutes(2).toMillis();
    private static final long SETTLE = Duration.ofMinutes(3).toMillis();

    private static final double MAINTENANCE_LEVEL = 0.6;
    private static final double PRODUCTION_IDLE_LEVEL = 1.5;
    private static final double CUTTING_EXCESS = 4.5;
    private static final double RELATIVE_NOISE = 0.1;

    private final long offsetMillis;
    private final SeededNoise passNoise;
    private final SeededNoise driftNoise;
    private final SeededNoise measurementNoise;

    /**
     * @param noise the sensor's own noise
     * @param zone  the mine's local offset, which places the shifts on the clock
     */
    public DustSignal(SeededNoise noise, ZoneOffset zone) {
        Objects.requireNonNull(noise, "noise");
        this.offsetMillis = Objects.requireNonNull(zone, "zone").getTotalSeconds() * 1000L;
        this.passNoise = noise.fork(1);
        this.driftNoise = noise.fork(2);
        this.measurementNoise = noise.fork(3);
    }

    /** Whether the shearer is cutting at {@code epochMillis}. */
    public boolean cutting(long epochMillis) {
        long timeOfDay = Math.floorMod(epochMillis + offsetMillis, DAY);
        return timeOfDay >= MAINTENANCE_SHIFT_END && timeOfDay % HOUR < CUTTING;
    }

    @Override
    public double valueAt(long epochMillis) {
        long local = epochMillis + offsetMillis;
        long timeOfDay = Math.floorMod(local, DAY);
        double level;
        if (timeOfDay < MAINTENANCE_SHIFT_END) {
            level = MAINTENANCE_LEVEL;
        } else {
            long pass = Math.floorDiv(local, HOUR);
            double hardness = 0.8 + 0.4 * passNoise.uniform(pass);
            level = PRODUCTION_IDLE_LEVEL + CUTTING_EXCESS * hardness * activity(timeOfDay % HOUR);
        }
        level *= 1 + 0.1 * driftNoise.smooth(epochMillis, Duration.ofMinutes(10).toMillis());
        level *= 1 + RELATIVE_NOISE * measurementNoise.gaussian(epochMillis);
        return level;
    }

    /** 0 with the shearer still and dust settled, 1 in full cut. */
    private static double activity(long intoHour) {
        if (intoHour < CUTTING) {
            return Math.min(1.0, (double) intoHour / RAMP_UP);
        }
        return Math.max(0.0, 1.0 - (double) (intoHour - CUTTING) / SETTLE);
    }
}
