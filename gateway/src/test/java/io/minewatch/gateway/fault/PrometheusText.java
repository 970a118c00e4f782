package io.minewatch.gateway.fault;

import java.util.Map;

/** Reads samples out of the Prometheus text format that {@code /metrics} serves. */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of the samples of {@code name} whose labels include every one of {@code labels}, or NaN when there is
     * none.
     */
    static double sum(String text, String name, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            String labelText = next == '{' ? line.substring(name.length() + 1, line.lastIndexOf('}')) : "";
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (!matches) {
                continue;
            }
            String[] parts = line.substring(next == '{' ? line.lastIndexOf('}') + 1 : name.length()).trim().split(" ");
            sum += Double.parseDouble(parts[0]);
            found = true;
        }
        return found ? sum : Double.NaN;
    }

    static double value(String text, String name) {
        return sum(text, name, Map.of());
    }
}
