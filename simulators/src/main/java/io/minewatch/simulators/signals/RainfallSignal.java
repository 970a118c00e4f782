package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Rainfall at a pond in mm per ten-minute interval: mostly 0, with showers. Time is cut into six-hour weather cells;
 * each cell holds a shower with probability 0.12, lasting 30 minutes to 3 hours, whose intensity swells to a peak of
 * 0.3–3 mm per interval and eases off again. That is about 1,900 mm a year, a wet southern-China climate.
 *
 * <p>The value at an instant is the rain of the ten-minute interval (aligned to the epoch) that contains it.
 */
public final class RainfallSignal implements Rainfall {

    /** The gauge's reporting interval. */
    public static final Duration INTERVAL = Duration.ofMinutes(10);

    private static final long INTERVAL_MILLIS = INTERVAL.toMillis();
    private static final long CELL_MILLIS = Duration.ofHours(6).toMillis();
    private static final int INTERVALS_PER_CELL = (int) (CELL_MILLIS / INTERVAL_MILLIS);
    private static final double SHOWER_PROBABILITY = 0.12;
    private static final int MIN_INTERVALS = 3;
    private static final int MAX_INTERVALS = 18;
    private static final double MIN_PEAK_MM = 0.3;
    private static final double MAX_PEAK_MM = 3.0;

    private final SeededNoise noise;

    public RainfallSignal(SeededNoise noise) {
        this.noise = Objects.requireNonNull(noise, "noise");
    }

    /**
     * One shower: {@code intervals} ten-minute intervals from {@code startMillis}, swelling to {@code peakMillimetres}.
     */
    public record Shower(long startMillis, int intervals, double peakMillimetres) {

        public Shower {
            if (intervals <= 0) {
                throw new IllegalArgumentException("intervals : " + intervals + " (expected: > 0)");
            }
            if (!(peakMillimetres > 0) || Double.isInfinite(peakMillimetres)) {
                throw new IllegalArgumentException("peakMillimetres : " + peakMillimetres + " (expected: > 0)");
            }
        }

        public long endMillis() {
            return startMillis + intervals * INTERVAL_MILLIS;
        }

        /** The rain of the {@code index}-th interval of the shower. */
        public double millimetresIn(int index) {
            if (index < 0 || index >= intervals) {
                return 0.0;
            }
            double swell = Math.sin(Math.PI * (index + 0.5) / intervals);
            return peakMillimetres * swell;
        }

        /** The middle of the {@code index}-th interval, where its rain is taken to fall. */
        public long midpointMillis(int index) {
            return startMillis + index * INTERVAL_MILLIS + INTERVAL_MILLIS / 2;
        }

        public double totalMillimetres() {
            double total = 0;
            for (int i = 0; i < intervals; i++) {
                total += millimetresIn(i);
            }
            return total;
        }
    }

    @Override
    public double valueAt(long epochMillis) {
        Optional<Shower> shower = showerInCell(Math.floorDiv(epochMillis, CELL_MILLIS));
        if (shower.isEmpty() || epochMillis < shower.get().startMillis()) {
            return 0.0;
        }
        return shower.get().millimetresIn((int) ((epochMillis - shower.get().startMillis()) / INTERVAL_MILLIS));
    }

    @Override
    public List<Shower> showersBetween(long fromMillis, long toMillis) {
        List<Shower> showers = new ArrayList<>();
        long lastCell = Math.floorDiv(toMillis - 1, CELL_MILLIS);
        for (long cell = Math.floorDiv(fromMillis, CELL_MILLIS); cell <= lastCell; cell++) {
            showerInCell(cell)
                    .filter(shower -> shower.endMillis() > fromMillis && shower.startMillis() < toMillis)
                    .ifPresent(showers::add);
        }
        return showers;
    }

    private Optional<Shower> showerInCell(long cell) {
        SplittableRandom random = noise.at(cell);
        if (random.nextDouble() >= SHOWER_PROBABILITY) {
            return Optional.empty();
        }
        int intervals = random.nextInt(MIN_INTERVALS, MAX_INTERVALS + 1);
        int startInterval = random.nextInt(0, INTERVALS_PER_CELL - intervals + 1);
        double peak = MIN_PEAK_MM + (MAX_PEAK_MM - MIN_PEAK_MM) * random.nextDouble();
        return Optional.of(new Shower(cell * CELL_MILLIS + startInterval * INTERVAL_MILLIS, intervals, peak));
    }
}
