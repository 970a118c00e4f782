package io.minewatch.simulators.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Runs a {@link BenchPlan} against one system: starts it, steps the offered rate up until a step loses readings (or
 * the plan's rates run out), and measures each step: readings acknowledged by the broker against readings counted
 * in InfluxDB, reading-to-alarm latency at the alarm topic, and the system's CPU and memory.
 */
final class BenchRunner {

    /** A step whose readings take longer than this to be stored after it ended was not kept up with. */
    static final double MAX_LOSSLESS_DRAIN_SECONDS = 5.0;
    private static final long MAX_DRAIN_MILLIS = 60_000;
    private static final long STALL_MILLIS = 8_000;

    /** One second of a system's run, for the chart. */
    record Tick(double seconds, double publishedPerSecond, double storedPerSecond, double p99Millis,
            double cpuPercent) {
    }

    /** A system's run: its steps and its timeline. */
    record Run(String system, String setup, List<StepResult> steps, List<Tick> ticks, String profile) {

        /** The highest offered rate held without loss, 0 when none was. */
        int highestLosslessRate() {
            return steps.stream().filter(StepResult::lossless).mapToInt(StepResult::offeredRate).max().orElse(0);
        }
    }

    private final BenchPlan plan;
    private final String brokerUrl;
    private final InfluxCounter influx;
    private final PrintStream out;
    private final java.util.Map<String, Long> neighbours;

    /** @param neighbours other processes whose CPU each step reports, by name (the broker, InfluxDB) */
    BenchRunner(BenchPlan plan, String brokerUrl, InfluxCounter influx, PrintStream out,
            java.util.Map<String, Long> neighbours) {
        this.plan = plan;
        this.brokerUrl = brokerUrl;
        this.influx = influx;
        this.out = out;
        this.neighbours = new java.util.LinkedHashMap<>(neighbours);
        this.neighbours.put("generator", ProcessHandle.current().pid());
    }

    Run run(SystemUnderTest system) throws IOException, InterruptedException, MqttException {
        influx.recreate(system.database());
        LatencyRecorder latency = new LatencyRecorder();
        List<StepResult> steps = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        out.printf("%s: starting (%s)%n", system.name(), system.setup());
        system.start();
        long runStart = System.nanoTime();
        java.util.Map<String, ProcessSampler> others = new java.util.LinkedHashMap<>();
        neighbours.forEach((name, pid) -> others.put(name, new ProcessSampler(pid, java.util.OptionalLong::empty)));
        try (system;
                AlarmSubscriber alarms = new AlarmSubscriber(brokerUrl, latency);
                LoadGenerator load = new LoadGenerator(brokerUrl, plan, latency);
                ProcessSampler sampler = new ProcessSampler(system.pid(), system::heapBytes)) {
            warmUp(system, load, latency);
            for (int index = 0; index < plan.rates().size(); index++) {
                StepResult step = step(system, index, load, latency, sampler, others, runStart, ticks);
                steps.add(step);
                out.printf("%s: %,d/s offered, %,.0f/s achieved, %,d stored of %,d (%.2f %% lost, drain %.1f s),"
                                + " alarm latency p50 %.1f ms p99 %.1f ms max %.1f ms (%d of %d; p99 in the second"
                                + " half %.1f ms, to the decision %.1f ms), CPU %.0f %%%s%n",
                        system.name(), step.offeredRate(), step.achievedRate(), step.stored(), step.acked(),
                        step.lossPercent(), step.drainSeconds(), step.p50Millis(), step.p99Millis(), step.maxMillis(),
                        step.latencyCount(), step.alarmsExpected(), step.p99SecondHalfMillis(),
                        step.p99ToDecisionMillis(), step.cpuAvgPercent(),
                        step.lossless() ? "" : "  <- not lossless");
                out.printf("%s:   alongside: %s%n", system.name(), step.neighbours());
                if (!step.lossless()) {
                    break;
                }
            }
        } finally {
            others.values().forEach(ProcessSampler::close);
        }
        return new Run(system.name(), system.setup(), steps, ticks, system.profile());
    }

    /** Offers the first rate for the warm-up, unmeasured, and waits for the system to catch up. */
    private void warmUp(SystemUnderTest system, LoadGenerator load, LatencyRecorder latency)
            throws IOException, InterruptedException {
        if (plan.warmup().isZero()) {
            return;
        }
        long ackedBefore = load.ackedReadings();
        load.run(BenchPlan.WARMUP, plan.rates().get(0), plan.warmup().toMillis());
        load.awaitAcknowledged(10_000);
        long acked = load.ackedReadings() - ackedBefore;
        long deadline = System.nanoTime() + MAX_DRAIN_MILLIS * 1_000_000L;
        long stored = 0;
        while (stored < acked && System.nanoTime() < deadline) {
            Thread.sleep(250);
            stored = influx.countReadings(system.database(), BenchPlan.siteOf(BenchPlan.WARMUP));
        }
        Thread.sleep(1_000);
        latency.clear();
        out.printf("%s: warmed up for %s at %,d/s (%,d of %,d stored)%n", system.name(), plan.warmup(),
                plan.rates().get(0), stored, acked);
    }

    private StepResult step(SystemUnderTest system, int index, LoadGenerator load, LatencyRecorder latency,
            ProcessSampler sampler, java.util.Map<String, ProcessSampler> others, long runStart, List<Tick> ticks)
            throws IOException, InterruptedException {
        int rate = plan.rates().get(index);
        String site = BenchPlan.siteOf(index);
        long sentBefore = load.sentReadings();
        long ackedBefore = load.ackedReadings();
        long failedBefore = load.failedReadings();
        int alarmsBefore = latency.pending();
        long stepStart = System.nanoTime();
        int samplesBefore = sampler.samples().size();
        java.util.Map<String, Integer> othersBefore = new java.util.HashMap<>();
        others.forEach((name, s) -> othersBefore.put(name, s.samples().size()));

        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread monitor = new Thread(() -> monitor(system, site, load, sampler, publishing, runStart, ticks, latency),
                "mwbench-monitor");
        monitor.start();
        load.run(index, rate, plan.step().toMillis());
        load.awaitAcknowledged(10_000);
        long stepEnd = System.nanoTime();
        long acked = load.ackedReadings() - ackedBefore;

        long stored = influx.countReadings(system.database(), site);
        long lastProgress = System.nanoTime();
        long drainStart = stepEnd;
        while (stored < acked && System.nanoTime() - drainStart < MAX_DRAIN_MILLIS * 1_000_000L
                && System.nanoTime() - lastProgress < STALL_MILLIS * 1_000_000L) {
            Thread.sleep(250);
            long now = influx.countReadings(system.database(), site);
            if (now > stored) {
                lastProgress = System.nanoTime();
            }
            stored = now;
        }
        double drainSeconds = (stored >= acked ? System.nanoTime() : lastProgress) - stepEnd;
        drainSeconds /= 1e9;
        // Alarms still in flight arrive within a second of the last reading's storage at worst.
        Thread.sleep(1_000);
        publishing.set(false);
        monitor.join();

        long measuredUntil = System.nanoTime();
        long[] latencies = latency.between(stepStart, measuredUntil);
        long[] secondHalf = latency.between(stepStart + (stepEnd - stepStart) / 2, measuredUntil);
        long[] toDecision = latency.toDecisionBetween(stepStart, measuredUntil);
        long expected = countAlarms(latency, alarmsBefore, latencies.length);
        List<ProcessSampler.Sample> samples = sampler.samples();
        List<ProcessSampler.Sample> during = samples.subList(Math.min(samplesBefore, samples.size()), samples.size());
        double cpuAvg = during.stream().mapToDouble(ProcessSampler.Sample::cpuPercent).average().orElse(0);
        double cpuMax = during.stream().mapToDouble(ProcessSampler.Sample::cpuPercent).max().orElse(0);
        double rssMax = during.stream().mapToDouble(ProcessSampler.Sample::rssMegabytes).max().orElse(0);
        double heapMax = during.stream().mapToDouble(ProcessSampler.Sample::heapMegabytes).max().orElse(-1);
        StringBuilder alongside = new StringBuilder();
        others.forEach((name, s) -> {
            List<ProcessSampler.Sample> all = s.samples();
            double mean = all.subList(Math.min(othersBefore.get(name), all.size()), all.size()).stream()
                    .mapToDouble(ProcessSampler.Sample::cpuPercent).average().orElse(0);
            alongside.append(alongside.length() == 0 ? "" : ", ").append(name)
                    .append(String.format(" %.0f %%", mean));
        });
        return new StepResult(system.name(), rate, (stepEnd - stepStart) / 1e9, load.sentReadings() - sentBefore,
                acked, load.failedReadings() - failedBefore, stored, drainSeconds, latencies.length, expected,
                LatencyRecorder.percentile(latencies, 50) / 1e6, LatencyRecorder.percentile(latencies, 99) / 1e6,
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                LatencyRecorder.percentile(secondHalf, 99) / 1e6,
                toDecision.length == 0 ? Double.NaN : LatencyRecorder.percentile(toDecision, 99) / 1e6,
                cpuAvg, cpuMax, rssMax, heapMax,
                alongside.toString());
    }

    /** Crossing readings sent in the step: those measured plus those whose alarm is still missing. */
    private static long countAlarms(LatencyRecorder latency, int pendingBefore, int measured) {
        return measured + Math.max(0, latency.pending() - pendingBefore);
    }

    /** Once a second: readings acknowledged, stored (every other second), alarm p99 and CPU, for the chart. */
    private void monitor(SystemUnderTest system, String site, LoadGenerator load, ProcessSampler sampler,
            AtomicBoolean publishing,
            long runStart, List<Tick> ticks, LatencyRecorder latency) {
        long lastAcked = load.ackedReadings();
        long lastStored = -1;
        long lastStoredAt = 0;
        long lastNanos = System.nanoTime();
        double storedPerSecond = 0;
        int second = 0;
        while (publishing.get()) {
            try {
                Thread.sleep(1_000);
                long now = System.nanoTime();
                long acked = load.ackedReadings();
                if (second++ % 2 == 0) {
                    long stored = influx.countReadings(system.database(), site);
                    if (lastStored >= 0) {
                        storedPerSecond = (stored - lastStored) / ((now - lastStoredAt) / 1e9);
                    }
                    lastStored = stored;
                    lastStoredAt = now;
                }
                long[] window = latency.between(lastNanos, now);
                synchronized (ticks) {
                    ticks.add(new Tick((now - runStart) / 1e9, (acked - lastAcked) / ((now - lastNanos) / 1e9),
                            storedPerSecond, LatencyRecorder.percentile(window, 99) / 1e6, lastCpu(sampler)));
                }
                lastAcked = acked;
                lastNanos = now;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                // A missed count leaves a flat line on the chart; the step's own count is what the report uses.
            }
        }
    }

    private static double lastCpu(ProcessSampler sampler) {
        List<ProcessSampler.Sample> samples = sampler.samples();
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).cpuPercent();
    }
}
