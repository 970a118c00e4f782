package io.minewatch.simulators.signals;

/** Finds a heavy shower with dry days around it, so that a response to it can be told apart from others'. */
final class IsolatedShower {

    private IsolatedShower() {
    }

    static RainfallSignal.Shower find(RainfallSignal rain, double minimumMillimetres) {
        for (RainfallSignal.Shower shower : rain.showersBetween(Samples.T0, Samples.T0 + 365 * Samples.DAY)) {
            boolean heavy = shower.totalMillimetres() >= minimumMillimetres;
            boolean alone = rain.showersBetween(shower.startMillis() - 5 * Samples.DAY,
                    shower.endMillis() + 2 * Samples.DAY).size() == 1;
            if (heavy && alone) {
                return shower;
            }
        }
        throw new AssertionError("no isolated shower of " + minimumMillimetres + " mm in a year");
    }
}
