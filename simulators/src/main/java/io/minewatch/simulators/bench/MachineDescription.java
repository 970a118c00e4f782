package io.minewatch.simulators.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine a run was measured on, as the report states it. */
final class MachineDescription {

    private MachineDescription() {
    }

    static String markdown() {
        return "| | |\n|---|---|\n"
                + "| CPU | " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible |\n"
                + "| memory | " + memTotal() + " |\n"
                + "| kernel | " + read("/proc/sys/kernel/osrelease") + " |\n"
                + "| Java | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " |\n"
                + "| Node.js | " + command(List.of("node", "--version")) + " |\n"
                + "| Mosquitto | " + command(List.of("sh", "-c", "mosquitto -h 2>&1 | head -n 1")) + " |\n"
                + "| InfluxDB | " + command(List.of("influxd", "version")) + " |\n"
                + "| load average at start (1/5/15 min) | " + loadAverage() + " |\n";
    }

    static String loadAverage() {
        String load = read("/proc/loadavg");
        String[] parts = load.split(" ");
        return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] : load;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB")
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String command(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return text.isEmpty() ? "unknown" : text.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
