package io.minewatch.simulators.signals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A background rainfall series with scripted storms on top: a scenario's "rainstorm for 3 h at T+10 min" is a
 * {@link RainfallSignal.Shower} added here. Where a storm overlaps a background shower, their rain adds up.
 */
public final class ScriptedRainfall implements Rainfall {

    private final Rainfall background;
    private final List<RainfallSignal.Shower> storms;

    public ScriptedRainfall(Rainfall background, List<RainfallSignal.Shower> storms) {
        this.background = Objects.requireNonNull(background, "background");
        this.storms = storms.stream().sorted(Comparator.comparingLong(RainfallSignal.Shower::startMillis)).toList();
    }

    /** No rain at all except the storms: a dry spell that makes a storm's effect easy to see and to test. */
    public static ScriptedRainfall only(List<RainfallSignal.Shower> storms) {
        return new ScriptedRainfall(new Rainfall() {
            @Override
            public List<RainfallSignal.Shower> showersBetween(long fromMillis, long toMillis) {
                return List.of();
            }

            @Override
            public double valueAt(long epochMillis) {
                return 0.0;
            }
        }, storms);
    }

    public List<RainfallSignal.Shower> storms() {
        return storms;
    }

    @Override
    public double valueAt(long epochMillis) {
        double rain = background.valueAt(epochMillis);
        for (RainfallSignal.Shower storm : storms) {
            if (epochMillis >= storm.startMillis() && epochMillis < storm.endMillis()) {
                rain += storm.millimetresIn((int) ((epochMillis - storm.startMillis()) / RainfallSignal.INTERVAL.toMillis()));
            }
        }
        return rain;
    }

    @Override
    public List<RainfallSignal.Shower> showersBetween(long fromMillis, long toMillis) {
        List<RainfallSignal.Shower> showers = new ArrayList<>(background.showersBetween(fromMillis, toMillis));
        for (RainfallSignal.Shower storm : storms) {
            if (storm.endMillis() > fromMillis && storm.startMillis() < toMillis) {
                showers.add(storm);
            }
        }
        showers.sort(Comparator.comparingLong(RainfallSignal.Shower::startMillis));
        return showers;
    }
}
