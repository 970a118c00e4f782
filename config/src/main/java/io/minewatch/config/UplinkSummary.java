package io.minewatch.config;

import io.minewatch.config.UplinkConfig.RegulatorConfig;

/** The {@code journal} and {@code uplink} lines of {@link ConfigSummary}. Tokens and passwords are never shown. */
final class UplinkSummary {

    private UplinkSummary() {
    }

    static void explain(MinewatchConfig config, StringBuilder out) {
        UplinkConfig uplink = config.uplink();
        out.append("Alarm journal: ").append(uplink.journal().directory(config.storage().local().path()))
                .append(", a new file every ").append(ByteSizes.format(uplink.journal().segmentBytes())).append('\n');
        out.append("Regulator uplink:");
        if (uplink.regulators().isEmpty()) {
            out.append(" none (events are journalled only)\n");
            return;
        }
        out.append('\n');
        for (RegulatorConfig r : uplink.regulators()) {
            out.append("  ").append(r.type().id()).append(' ').append(r.name()).append(": ").append(r.url());
            switch (r.type()) {
                case MQTT -> out.append(", topic ").append(r.topic()).append(", QoS ").append(r.qos())
                        .append(r.username() == null ? "" : ", user " + r.username())
                        .append(r.tls() == null ? "" : ", TLS");
                case WEBHOOK -> out.append(r.token() == null ? ", no token" : ", bearer token");
            }
            out.append(", retry ").append(Durations.format(r.retryMin())).append(" to ")
                    .append(Durations.format(r.retryMax())).append('\n');
        }
    }
}
