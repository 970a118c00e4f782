package io.minewatch.simulators.bench;

import java.util.List;

/** The Markdown report of a run: the machine, the plan, each system's steps, and a side-by-side summary. */
final class BenchReport {

    private BenchReport() {
    }

    static String markdown(BenchPlan plan, List<BenchRunner.Run> runs, String machine, String startedAt,
            String chartFile, String notes) {
        StringBuilder md = new StringBuilder();
        md.append("# minewatch benchmark, ").append(startedAt).append("\n\n");
        md.append("Produced by `bench/run` (`./minewatch bench`). Each system runs alone, one after the other, against"
                + " the same Mosquitto and InfluxDB 1.x on this machine, driven by the same load generator in the"
                + " harness's JVM.\n\n");
        if (!notes.isBlank()) {
            md.append("**Conditions.** ").append(notes).append("\n\n");
        }
        md.append("## Machine\n\n").append(machine).append('\n');
        md.append("## Load\n\n");
        md.append("- ").append(plan.sensors()).append(" CH4 sensors per rate step (each step its own site), ")
                .append(plan.shape() == BenchPlan.PayloadShape.SINGLE ? "one reading per MQTT message"
                        : plan.batchSize() + " readings per MQTT message (JSON array)")
                .append(", QoS ").append(plan.qos()).append(", over ").append(plan.connections())
                .append(" MQTT connections\n");
        md.append("- offered rates stepped up: ").append(plan.rates()).append(" readings/s, ")
                .append(plan.step().toSeconds()).append(" s each, after ").append(plan.warmup().toSeconds())
                .append(" s of unmeasured warm-up at the first rate; stepping stops at the first step that is not"
                        + " lossless\n");
        md.append("- ").append(String.format("%.2f", plan.alarmShare() * 100)).append(" % of readings cross the"
                + " 1.0 % CH4 alarm (value 1.2 %), each followed by a reading of 0.3 % that clears it\n");
        md.append("- **stored** is counted in InfluxDB (`SELECT count(value) FROM ch4 WHERE site=...`) once the"
                + " count stops growing; a step is **lossless** when every reading the broker acknowledged is"
                + " stored, the generator achieved at least 95 % of the offered rate, and the store caught up within "
                + (int) BenchRunner.MAX_LOSSLESS_DRAIN_SECONDS + " s of the step's end\n");
        md.append("- **alarm latency** runs from the generator's MQTT publish of a crossing reading to the arrival of"
                + " the `raised` event naming that reading on `minewatch/alarms/#` (both clocks in the harness's"
                + " JVM). It is measured at the alarm topic, not at the regulator uplink (built separately). **p99 2nd"
                + " half** takes only the alarms that arrived in the step's second half, after a jump in rate has been"
                + " absorbed; **p99 to decision** runs from the reading's timestamp (the generator's wall clock as it"
                + " built the message) to the `event_time` the system put on the alarm (same machine's clock): the"
                + " way in and the evaluation, without the alarm's way out\n");
        md.append("- CPU and resident memory from `/proc/PID` once a second; heap from the gateway's `/metrics`"
                + " (`jvm_memory_used_bytes{area=\"heap\"}`); CPU in % of one core (the machine has "
                + Runtime.getRuntime().availableProcessors() + " cores, so " + Runtime.getRuntime().availableProcessors()
                + "00 % is all of it). \"CPU alongside\" is the broker's, InfluxDB's and the load generator's (the"
                + " harness JVM) during the step\n\n");

        md.append("## Summary\n\n| | ");
        runs.forEach(r -> md.append(r.system()).append(" | "));
        md.append("\n|---|");
        runs.forEach(r -> md.append("---|"));
        md.append("\n| highest lossless rate (readings/s) | ");
        runs.forEach(r -> md.append(highestLossless(r, plan)).append(" | "));
        md.append("\n| alarm latency p50 / p99 / max at the ").append(String.format("%,d", latencyRate(plan)))
                .append("/s step | ");
        runs.forEach(r -> md.append(latencyCell(r, latencyRate(plan))).append(" | "));
        md.append("\n| CPU at the highest lossless step (mean, % of one core) | ");
        runs.forEach(r -> md.append(atLossless(r, String.format("%.0f %%", 0.0), s -> String.format("%.0f %%",
                s.cpuAvgPercent()))).append(" | "));
        md.append("\n| memory at the highest lossless step (max RSS / max heap) | ");
        runs.forEach(r -> md.append(atLossless(r, "–", s -> String.format("%.0f MB / %s", s.rssMaxMegabytes(),
                s.heapMaxMegabytes() < 0 ? "n/a" : String.format("%.0f MB", s.heapMaxMegabytes())))).append(" | "));
        md.append("\n| setup | ");
        runs.forEach(r -> md.append(r.setup()).append(" | "));
        md.append("\n\n![throughput, latency and CPU over time](").append(chartFile).append(")\n\n");

        for (BenchRunner.Run run : runs) {
            md.append("## ").append(run.system()).append(" — every step\n\n");
            md.append("| offered/s | achieved/s | acked | stored | lost | drain s | stored/s | alarms measured |"
                    + " p50 ms | p99 ms | max ms | p99 2nd half ms | p99 to decision ms | CPU avg / max % | RSS MB |"
                    + " heap MB | lossless | CPU alongside |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
            for (StepResult s : run.steps()) {
                md.append(String.format("| %,d | %,.0f | %,d | %,d | %,d (%.2f %%) | %.1f | %,.0f | %d of %d | %.1f |"
                                + " %.1f | %.1f | %.1f | %s | %.0f / %.0f | %.0f | %s | %s | %s |%n",
                        s.offeredRate(), s.achievedRate(), s.acked(), s.stored(), s.lost(), s.lossPercent(),
                        s.drainSeconds(), s.storedRate(), s.latencyCount(), s.alarmsExpected(), s.p50Millis(),
                        s.p99Millis(), s.maxMillis(), s.p99SecondHalfMillis(),
                        Double.isNaN(s.p99ToDecisionMillis()) ? "n/a" : String.format("%.1f", s.p99ToDecisionMillis()),
                        s.cpuAvgPercent(), s.cpuMaxPercent(), s.rssMaxMegabytes(),
                        s.heapMaxMegabytes() < 0 ? "n/a" : String.format("%.0f", s.heapMaxMegabytes()),
                        s.lossless() ? "yes" : s.offeredInFull() ? "**no**" : "**no** (load not offered in full)",
                        s.neighbours()));
            }
            md.append('\n');
            if (!run.profile().isBlank()) {
                md.append("### Where ").append(run.system()).append(" spent its CPU\n\n").append(run.profile())
                        .append('\n');
            }
        }
        return md.toString();
    }

    /** The highest lossless rate; "≥" when even the last rate of the plan lost nothing (the limit lies higher). */
    static String highestLossless(BenchRunner.Run run, BenchPlan plan) {
        int highest = run.highestLosslessRate();
        if (highest == 0) {
            return "none (the first step already lost readings)";
        }
        int last = plan.rates().get(plan.rates().size() - 1);
        return highest == last ? String.format("≥ %,d (the highest rate tried)", highest)
                : String.format("%,d", highest);
    }

    static int latencyRate(BenchPlan plan) {
        return plan.rates().contains(10_000) ? 10_000 : plan.rates().get(plan.rates().size() - 1);
    }

    private static String latencyCell(BenchRunner.Run run, int rate) {
        return run.steps().stream().filter(s -> s.offeredRate() == rate).findFirst()
                .map(s -> String.format("%.1f / %.1f / %.1f ms (%d alarms); p99 in the step's second half %.1f ms",
                        s.p50Millis(), s.p99Millis(), s.maxMillis(), s.latencyCount(), s.p99SecondHalfMillis()))
                .orElse("not reached");
    }

    private static String atLossless(BenchRunner.Run run, String none,
            java.util.function.Function<StepResult, String> cell) {
        return run.steps().stream().filter(StepResult::lossless)
                .reduce((a, b) -> b).map(cell).orElse(none);
    }
}
