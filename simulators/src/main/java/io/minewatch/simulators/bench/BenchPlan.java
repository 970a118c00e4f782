package io.minewatch.simulators.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a benchmark run does: the fleet, the rates it steps through, how readings are shaped and sent, and the
 * systems it drives.
 *
 * @param sensors      CH4 sensors per rate step (each step has its own site, so its readings are counted apart)
 * @param rates        offered rates in readings per second, stepped up in this order
 * @param step         how long each rate is offered
 * @param drain        how long after a step the target may take to store what it was sent before the rest counts as lost
 * @param shape        one reading per MQTT message, or batches
 * @param batchSize    readings per message when batched (all of one sensor, as the JSON codec's batch is)
 * @param qos          MQTT QoS of the readings, 0 or 1
 * @param alarmShare   share of readings that cross the alarm threshold (each raises an alarm the next one clears)
 * @param connections  MQTT connections the load is spread over
 * @param targets      the systems driven, in order
 * @param warmup       how long the first rate is offered before the steps, unmeasured (JIT, connection pools)
 */
public record BenchPlan(int sensors, List<Integer> rates, Duration step, Duration drain, PayloadShape shape,
        int batchSize, int qos, double alarmShare, int connections, List<Target> targets, Duration warmup) {

    /** Index of the warm-up in {@link #siteOf(int)}. */
    public static final int WARMUP = -1;

    /** How readings are put into MQTT messages. */
    public enum PayloadShape { SINGLE, BATCH }

    /** A system that does the job: minewatch's gateway, or the Node-RED flow. */
    public enum Target { MINEWATCH, NODE_RED }

    public BenchPlan {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(shape, "shape");
        rates = List.copyOf(rates);
        targets = List.copyOf(targets);
        if (sensors < 1 || sensors > 1_000_000) {
            throw new IllegalArgumentException("sensors : " + sensors + " (expected: 1 to 1000000)");
        }
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1 || r > 10_000_000)) {
            throw new IllegalArgumentException("rates : " + rates + " (expected: one or more rates, 1 to 10000000/s)");
        }
        if (step.toMillis() < 1_000) {
            throw new IllegalArgumentException("step : " + step + " (expected: at least 1 s)");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize : " + batchSize + " (expected: 1 to 10000)");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos : " + qos + " (expected: 0 or 1)");
        }
        if (!(alarmShare >= 0 && alarmShare <= 0.5)) {
            throw new IllegalArgumentException("alarmShare : " + alarmShare + " (expected: 0 to 0.5)");
        }
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("connections : " + connections + " (expected: 1 to 64)");
        }
        Objects.requireNonNull(warmup, "warmup");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("targets : [] (expected: minewatch, node-red or both)");
        }
    }

    /** Readings per MQTT message. */
    public int readingsPerMessage() {
        return shape == PayloadShape.BATCH ? batchSize : 1;
    }

    /** The site of step {@code index}: its readings are counted apart from other steps'. */
    public static String siteOf(int index) {
        return index == WARMUP ? "WARMUP" : "BENCH" + index;
    }
}
