package io.minewatch.gateway.service;

/** The real servers integration tests use, as started by {@code scripts/test}. */
final class ItServers {

    private ItServers() {
    }

    static String mqtt() {
        return required("MINEWATCH_IT_MQTT");
    }

    static String influxdb() {
        return required("MINEWATCH_IT_INFLUXDB");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run integration tests through scripts/test, which "
                    + "starts Mosquitto and InfluxDB and sets it");
        }
        return value;
    }
}
