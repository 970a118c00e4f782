package io.minewatch.simulators.bench;

/**
 * What one rate step of one system gave.
 *
 * @param system        the system under test
 * @param offeredRate   readings per second asked of the load generator
 * @param seconds       length of the step
 * @param sent          readings handed to the MQTT client
 * @param acked         readings the broker acknowledged (QoS 1) or sent (QoS 0)
 * @param failed        readings the client failed to send
 * @param stored        readings counted in InfluxDB once the drain ended
 * @param drainSeconds  how long after the step the count took to settle
 * @param latencyCount  alarms whose latency was measured
 * @param alarmsExpected crossing readings sent
 * @param p50Millis     median reading-to-alarm latency
 * @param p99Millis     99th percentile
 * @param maxMillis     worst
 * @param p99SecondHalfMillis 99th percentile of the alarms that arrived in the step's second half, once a jump in
 *                      rate has been absorbed
 * @param p99ToDecisionMillis 99th percentile from the reading's timestamp to the system's decision time (the alarm
 *                      event's {@code event_time}), NaN when the events carry none
 * @param cpuAvgPercent mean CPU of the system's process during the step, % of one core
 * @param cpuMaxPercent highest one-second CPU
 * @param rssMaxMegabytes highest resident memory
 * @param heapMaxMegabytes highest heap in use, -1 when not reported
 * @param neighbours    mean CPU of the other processes on the machine's side of the test (broker, InfluxDB, the load
 *                      generator itself), e.g. {@code mosquitto 35 %, influxd 20 %, generator 60 %}
 */
record StepResult(String system, int offeredRate, double seconds, long sent, long acked, long failed, long stored,
        double drainSeconds, long latencyCount, long alarmsExpected, double p50Millis, double p99Millis,
        double maxMillis, double p99SecondHalfMillis, double p99ToDecisionMillis, double cpuAvgPercent, double cpuMaxPercent, double rssMaxMegabytes,
        double heapMaxMegabytes, String neighbours) {

    /** The share of offered load the generator achieved below which a step proves nothing about the system. */
    static final double OFFERED_SHORTFALL = 0.95;

    double achievedRate() {
        return acked / seconds;
    }

    long lost() {
        return Math.max(0, acked - stored);
    }

    double lossPercent() {
        return acked == 0 ? 0 : 100.0 * lost() / acked;
    }

    /** Readings per second stored over the step and its drain. */
    double storedRate() {
        return stored / (seconds + drainSeconds);
    }

    boolean offeredInFull() {
        return achievedRate() >= OFFERED_SHORTFALL * offeredRate;
    }

    /** Everything acknowledged was stored, nothing failed, the full load was offered and the drain was short. */
    boolean lossless() {
        return stored >= acked && failed == 0 && offeredInFull() && drainSeconds <= BenchRunner.MAX_LOSSLESS_DRAIN_SECONDS;
    }
}
