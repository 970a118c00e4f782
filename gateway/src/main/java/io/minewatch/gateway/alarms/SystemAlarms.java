package io.minewatch.gateway.alarms;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.storage.SpoolAlarmListener;
import io.minewatch.gateway.storage.SpoolLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarms the gateway raises about itself (today: the store-and-forward spool filling up while InfluxDB is away).
 * They show in {@code /health}, in the log, and go to the alarm topic as {@code {prefix}/_gateway/{code}}.
 */
public final class SystemAlarms implements SpoolAlarmListener {

    /** The spool's alarm code. */
    public static final String SPOOL = "spool";

    private static final Logger LOG = LoggerFactory.getLogger("minewatch.alarms");

    /** One active condition. */
    public record SystemAlarm(String code, Level level, String message, long sinceMillis) {
    }

    /** A transition of a system alarm, as published. */
    public record SystemAlarmEvent(String code, String transition, Level level, String message, long atMillis) {
    }

    private final Map<String, SystemAlarm> active = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Consumer<SystemAlarmEvent> output;

    public SystemAlarms(Clock clock, Consumer<SystemAlarmEvent> output) {
        this.clock = clock;
        this.output = output;
    }

    @Override
    public void spoolLevelChanged(SpoolLevel previous, SpoolLevel current, long bytes, long maxBytes) {
        long percent = maxBytes <= 0 ? 100 : Math.round(bytes * 100.0 / maxBytes);
        switch (current) {
            case NORMAL -> clear(SPOOL, "store-and-forward spool back below its high-water mark (" + percent
                    + " % of " + maxBytes + " bytes)");
            case HIGH_WATER -> raise(SPOOL, Level.ORANGE, "store-and-forward spool at " + percent + " % of "
                    + maxBytes + " bytes: InfluxDB is not taking writes; intake stops when the spool is full");
            case FULL -> raise(SPOOL, Level.RED, "store-and-forward spool full (" + bytes + " of " + maxBytes
                    + " bytes): messages are no longer acknowledged, the broker holds them until InfluxDB returns");
        }
    }

    public void raise(String code, Level level, String message) {
        long now = clock.millis();
        SystemAlarm previous = active.put(code, new SystemAlarm(code, level, message,
                active.containsKey(code) ? active.get(code).sinceMillis() : now));
        String transition = previous == null ? "raised" : previous.level().isAbove(level) ? "deescalated"
                : level.isAbove(previous.level()) ? "escalated" : "updated";
        LOG.error("SYSTEM ALARM {} {} {}: {}", transition, code, level.id(), message);
        publish(new SystemAlarmEvent(code, transition, level, message, now));
    }

    public void clear(String code, String message) {
        SystemAlarm previous = active.remove(code);
        if (previous != null) {
            LOG.warn("SYSTEM ALARM cleared {}: {}", code, message);
            publish(new SystemAlarmEvent(code, "cleared", previous.level(), message, clock.millis()));
        }
    }

    private void publish(SystemAlarmEvent event) {
        try {
            output.accept(event);
        } catch (RuntimeException e) {
            LOG.error("System alarm {} could not be published", event.code(), e);
        }
    }

    public List<SystemAlarm> active() {
        return new ArrayList<>(active.values());
    }
}
