package io.minewatch.simulators.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM spent its CPU, from a Flight Recorder file: the share of execution samples whose top frame is each
 * method, and the share whose stack passes through each minewatch or library package area (Netty, Paho, Jackson, the
 * InfluxDB client, SQLite...). Enough to say what limits the gateway without a profiler UI.
 */
final class HotMethods {

    private HotMethods() {
    }

    /** A Markdown section on {@code recording}, or a line saying why there is none. */
    static String markdown(Path recording, int top) {
        if (!Files.isRegularFile(recording)) {
            return "No Flight Recorder file at " + recording + " (the gateway did not exit cleanly?).\n";
        }
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame first = frames.get(0);
                topFrames.merge(first.getMethod().getType().getName() + "." + first.getMethod().getName(), 1,
                        Integer::sum);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : frames) {
                    String area = area(frame.getMethod().getType().getName());
                    if (area != null && seen.add(area)) {
                        areas.merge(area, 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            return "The Flight Recorder file " + recording + " could not be read: " + e + "\n";
        }
        if (samples == 0) {
            return "The Flight Recorder file holds no execution samples.\n";
        }
        StringBuilder md = new StringBuilder();
        md.append(samples).append(" execution samples (JFR `profile` settings, one every 10–20 ms per running"
                + " thread) over the gateway's whole run.\n\n");
        md.append("| stack passes through | share of samples |\n|---|---:|\n");
        int total = samples;
        areas.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ")
                        .append(String.format("%.1f %%", 100.0 * e.getValue() / total)).append(" |\n"));
        md.append("\n| hottest methods (top of stack) | share of samples |\n|---|---:|\n");
        topFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> md.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format("%.1f %%", 100.0 * e.getValue() / total)).append(" |\n"));
        return md.toString();
    }

    /** The part of the system a class belongs to, for the per-area table; null for the JDK's own classes. */
    static String area(String className) {
        if (className.startsWith("io.minewatch.gateway.storage")) {
            return "minewatch storage (spool, InfluxDB writer)";
        }
        if (className.startsWith("io.minewatch.gateway.rules")) {
            return "minewatch rules";
        }
        if (className.startsWith("io.minewatch.gateway.pipeline")) {
            return "minewatch pipeline stages";
        }
        if (className.startsWith("io.minewatch.gateway.dispatch")) {
            return "minewatch dispatch";
        }
        if (className.startsWith("io.minewatch.gateway.alarms")) {
            return "minewatch alarm outputs";
        }
        if (className.startsWith("io.minewatch.gateway.live") || className.startsWith("io.minewatch.gateway.web")) {
            return "minewatch live view and HTTP";
        }
        if (className.startsWith("io.minewatch.gateway.registry")) {
            return "minewatch sensor registry";
        }
        if (className.startsWith("io.minewatch.collectors")) {
            return "minewatch collectors (MQTT intake, JSON codec)";
        }
        if (className.startsWith("io.minewatch")) {
            return "minewatch, other";
        }
        if (className.startsWith("io.netty")) {
            return "Netty";
        }
        if (className.startsWith("org.eclipse.paho")) {
            return "Paho MQTT client";
        }
        if (className.startsWith("com.fasterxml.jackson")) {
            return "Jackson JSON";
        }
        if (className.startsWith("org.influxdb") || className.startsWith("okhttp3") || className.startsWith("okio")
                || className.startsWith("retrofit2")) {
            return "InfluxDB client (OkHttp)";
        }
        if (className.startsWith("org.sqlite")) {
            return "SQLite";
        }
        if (className.startsWith("io.micrometer")) {
            return "Micrometer";
        }
        if (className.startsWith("ch.qos.logback") || className.startsWith("org.slf4j")) {
            return "logging";
        }
        return null;
    }
}
