package io.minewatch.collectors.reject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every rejection in {@value #METER} (tags {@code reason} and {@code source}), then hands it to the next sink,
 * usually the {@link DeadLetterLog}. A failing next sink is logged, never passed to the caller: a rejection must not
 * break the intake it came from. Thread-safe.
 */
public final class MeteredRejectSink implements RejectSink {

    public static final String METER = "minewatch.readings.rejected";

    private static final Logger log = LoggerFactory.getLogger(MeteredRejectSink.class);

    private final MeterRegistry registry;
    private final RejectSink next;
    // Per reason (by ordinal), the counter of each source: a lookup without building tags or meter ids.
    private final ConcurrentMap<String, Counter>[] counters;

    @SuppressWarnings("unchecked")
    public MeteredRejectSink(MeterRegistry registry, RejectSink next) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.next = Objects.requireNonNull(next, "next");
        this.counters = new ConcurrentMap[RejectReason.values().length];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new ConcurrentHashMap<>();
        }
    }

    @Override
    public void reject(Rejection rejection) {
        counter(rejection.reason(), rejection.source()).increment();
        try {
            next.reject(rejection);
        } catch (RuntimeException e) {
            log.warn("Could not keep a {} rejection from {} (topic {}): {}", rejection.reason().id(),
                    rejection.source(), rejection.topic(), e.toString());
        }
    }

    private Counter counter(RejectReason reason, String source) {
        ConcurrentMap<String, Counter> bySource = counters[reason.ordinal()];
        Counter counter = bySource.get(source);
        if (counter == null) {
            counter = bySource.computeIfAbsent(source, s -> Counter.builder(METER)
                    .description("Inputs that could not be accepted, by reason and source")
                    .tag("reason", reason.id())
                    .tag("source", s)
                    .register(registry));
        }
        return counter;
    }
}
