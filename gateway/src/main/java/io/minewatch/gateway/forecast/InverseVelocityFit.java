package io.minewatch.gateway.forecast;

/**
 * A least-squares line through inverse velocities over time (Fukuzono 1985, DOMAIN.md §3): in accelerating creep
 * 1/v falls roughly linearly, and the time where the line reaches zero forecasts failure.
 *
 * @param intercept   1/v of the line at time 0 (days per mm)
 * @param slope       change of 1/v per day; negative while accelerating
 * @param r2          share of the variance of 1/v the line explains, 0..1
 * @param points      number of velocities fitted
 */
record InverseVelocityFit(double intercept, double slope, double r2, int points) {

    /**
     * Fits {@code inverse[i]} against {@code days[i]} for i &lt; n; null when fewer than 3 points or the times do not
     * spread.
     */
    static InverseVelocityFit of(double[] days, double[] inverse, int n) {
        if (n < 3) {
            return null;
        }
        double meanT = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanT += days[i];
            meanY += inverse[i];
        }
        meanT /= n;
        meanY /= n;
        double stt = 0;
        double sty = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dt = days[i] - meanT;
            double dy = inverse[i] - meanY;
            stt += dt * dt;
            sty += dt * dy;
            syy += dy * dy;
        }
        if (!(stt > 0)) {
            return null;
        }
        double slope = sty / stt;
        double r2 = syy > 0 ? (sty * sty) / (stt * syy) : 1.0;
        return new InverseVelocityFit(meanY - slope * meanT, slope, r2, n);
    }

    /**
     * How many standard errors the slope lies from zero (Student's t of the slope): large when the fall of 1/v is
     * real rather than noise.
     */
    double slopeT() {
        if (r2 >= 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(r2 * (points - 2) / (1.0 - r2));
    }

    /** The time (days) where the line reaches 1/v = 0; meaningful only for a negative slope. */
    double zeroCrossing() {
        return -intercept / slope;
    }
}
