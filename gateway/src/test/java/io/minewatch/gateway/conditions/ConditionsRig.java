package io.minewatch.gateway.conditions;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.maintenance.MaintenanceBoard;
import io.minewatch.gateway.maintenance.MaintenanceStore;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RestoredAlarms;
import io.minewatch.gateway.rules.RuleEngine;
import io.minewatch.gateway.rules.SensorFaultPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A configuration read from YAML, and everything the conditions need around it: a rule engine with lane conditions,
 * a maintenance board, an offline monitor, a hand-moved clock and the events they emit.
 */
final class ConditionsRig {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    final TestClock clock = new TestClock(START);
    final MinewatchConfig config;
    final SensorRegistry registry;
    final List<AlarmEvent> emitted = new CopyOnWriteArrayList<>();
    final MaintenanceStore store;
    final MaintenanceBoard maintenance;
    final OfflineMonitor offline;
    final RuleEngine engine;
    private final AlarmIds ids = AlarmIds.timeOrdered(clock);

    ConditionsRig(String yaml, Path dataDir) {
        this(yaml, dataDir, List.of());
    }

    ConditionsRig(String yaml, Path dataDir, Collection<ActiveAlarm> restored) {
        config = new ConfigLoader(Map.<String, String>of()::get).read(yaml, dataDir.resolve("minewatch.yaml"));
        registry = new SensorRegistry(config);
        store = new MaintenanceStore(dataDir);
        maintenance = new MaintenanceBoard(store, config.conditions().maintenance(), registry::sensor, clock, ids,
                emitted::addAll, new SimpleMeterRegistry());
        try {
            maintenance.start(store.load(), restored);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        offline = new OfflineMonitor(config.conditions(), config.sensorsById().values(), maintenance, clock, ids,
                emitted::addAll);
        restored.forEach(offline::restore);
        RestoredAlarms all = RestoredAlarms.of(restored);
        engine = new RuleEngine(registry, clock, ids, RestoredAlarms.NONE, SensorFaultPolicy.DEFAULT,
                new LaneConditions(config.conditions(), registry, maintenance, offline, all, clock, ids));
    }

    /** Evaluates a GOOD reading of a registered sensor taken and received now; returns its transitions. */
    List<AlarmEvent> read(String sensor, double value) {
        return read(sensor, value, clock.millis());
    }

    List<AlarmEvent> read(String sensor, double value, long timestampMillis) {
        var registered = registry.sensor(sensor);
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(new Reading(registered.site(), sensor, registered.kind(), value, timestampMillis,
                Quality.GOOD, true, clock.millis()), out);
        return out;
    }
}
