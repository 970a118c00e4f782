package io.minewatch.collectors.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MeteredRejectSinkTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> kept = new CopyOnWriteArrayList<>();

    private static Rejection rejection(RejectReason reason, String source) {
        return new Rejection(reason, "detail", source, "minewatch/CM01/S1", "payload", 0);
    }

    private double count(String reason, String source) {
        var counter = registry.find(MeteredRejectSink.METER).tag("reason", reason).tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void countsRejectionsByReasonAndSource() {
        MeteredRejectSink sink = new MeteredRejectSink(registry, kept::add);

        sink.reject(rejection(RejectReason.BAD_JSON, "broker-a"));
        sink.reject(rejection(RejectReason.BAD_JSON, "broker-a"));
        sink.reject(rejection(RejectReason.BAD_JSON, "broker-b"));
        sink.reject(rejection(RejectReason.NON_FINITE_VALUE, "broker-a"));

        assertThat(count("bad_json", "broker-a")).isEqualTo(2);
        assertThat(count("bad_json", "broker-b")).isEqualTo(1);
        assertThat(count("non_finite_value", "broker-a")).isEqualTo(1);
        assertThat(count("bad_topic", "broker-a")).isZero();
        assertThat(registry.find(MeteredRejectSink.METER).counters()).hasSize(3);
    }

    @Test
    void handsEveryRejectionToTheNextSink() {
        MeteredRejectSink sink = new MeteredRejectSink(registry, kept::add);
        Rejection first = rejection(RejectReason.BAD_UNIT, "broker-a");
        Rejection second = rejection(RejectReason.BAD_TOPIC, "broker-a");

        sink.reject(first);
        sink.reject(second);

        assertThat(kept).containsExactly(first, second);
    }

    @Test
    void countsAndDoesNotThrowWhenTheNextSinkFails() {
        MeteredRejectSink sink = new MeteredRejectSink(registry, r -> {
            throw new IllegalStateException("disk full");
        });

        assertThatCode(() -> sink.reject(rejection(RejectReason.BAD_JSON, "broker-a"))).doesNotThrowAnyException();
        assertThat(count("bad_json", "broker-a")).isEqualTo(1);
    }
}
