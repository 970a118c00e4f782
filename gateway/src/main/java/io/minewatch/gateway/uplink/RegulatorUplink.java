package io.minewatch.gateway.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.ReconnectBackoff;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.journal.AlarmJournal;
import io.minewatch.gateway.journal.JournalFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The regulator uplink: one {@link UplinkSender} per configured endpoint, each with its cursor and dead-letter file in
 * {@code <journal>/uplink/}, all woken when the journal syncs new entries.
 */
public final class RegulatorUplink implements AutoCloseable {

    /** The uplink's directory inside the journal's. */
    public static final String DIRECTORY = "uplink";
    private static final long CLOSE_WAIT_MILLIS = 3_000;

    private final List<UplinkSender> senders = new ArrayList<>();
    private final ObjectMapper mapper;

    /** Senders for {@code endpoints}, started by {@link #start()}. */
    public RegulatorUplink(List<RegulatorEndpoint> endpoints, List<RegulatorConfig> configs, AlarmJournal journal,
            ObjectMapper mapper, MeterRegistry registry, Clock clock) throws IOException {
        this.mapper = mapper;
        Path directory = journal.directory().resolve(DIRECTORY);
        JournalFormat format = new JournalFormat(mapper);
        for (int i = 0; i < endpoints.size(); i++) {
            RegulatorEndpoint endpoint = endpoints.get(i);
            RegulatorConfig config = configs.get(i);
            senders.add(new UplinkSender(endpoint, journal, format, UplinkCursor.open(directory, endpoint.name()),
                    new DeadLetterFile(directory, endpoint.name(), mapper, clock),
                    new ReconnectBackoff(config.retryMin(), config.retryMax()), clock, registry));
        }
        journal.onDurable(this::wakeAll);
    }

    /** The uplink of a configuration: an {@link MqttEndpoint} or {@link WebhookEndpoint} per regulator. */
    public static RegulatorUplink of(List<RegulatorConfig> regulators, AlarmJournal journal, ObjectMapper mapper,
            MeterRegistry registry, Clock clock) throws IOException {
        List<RegulatorEndpoint> endpoints = new ArrayList<>();
        for (RegulatorConfig regulator : regulators) {
            endpoints.add(switch (regulator.type()) {
                case MQTT -> new MqttEndpoint(regulator);
                case WEBHOOK -> new WebhookEndpoint(regulator);
            });
        }
        return new RegulatorUplink(endpoints, regulators, journal, mapper, registry, clock);
    }

    /**
     * Raises system alarm {@code uplink-<name>} (orange) for an endpoint that has failed for 5 minutes, cleared when
     * it takes events again.
     */
    public void reportTo(SystemAlarms alarms) {
        senders.forEach(sender -> sender.reportTo(alarms));
    }

    public void start() {
        senders.forEach(UplinkSender::start);
    }

    private void wakeAll() {
        for (UplinkSender sender : senders) {
            sender.wake();
        }
    }

    public List<EndpointStatus> status() {
        return senders.stream().map(UplinkSender::status).toList();
    }

    /** Each endpoint's state, for {@code /health}. */
    public ArrayNode toJson() {
        ArrayNode array = mapper.createArrayNode();
        for (EndpointStatus s : status()) {
            array.addObject()
                    .put("name", s.name())
                    .put("type", s.type())
                    .put("target", s.target())
                    .put("state", s.state())
                    .put("delivered_seq", s.deliveredSeq())
                    .put("backlog", s.backlog())
                    .put("delivered", s.delivered())
                    .put("failures", s.failures())
                    .put("dead_letters", s.deadLetters())
                    .put("last_error", s.lastError())
                    .put("since", Instant.ofEpochMilli(s.sinceMillis()).toString());
        }
        return array;
    }

    @Override
    public void close() {
        senders.forEach(UplinkSender::stop);
        for (UplinkSender sender : senders) {
            sender.close(CLOSE_WAIT_MILLIS);
        }
    }
}
