package io.minewatch.simulators.signals;

import java.util.List;

/**
 * A rainfall series in mm per {@link RainfallSignal#INTERVAL}, known as the showers that make it up, so that a pond
 * can integrate its response shower by shower.
 */
public interface Rainfall extends SignalModel {

    /** The showers that overlap [{@code fromMillis}, {@code toMillis}), in time order. */
    List<RainfallSignal.Shower> showersBetween(long fromMillis, long toMillis);
}
