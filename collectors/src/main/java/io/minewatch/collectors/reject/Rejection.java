package io.minewatch.collectors.reject;

import java.util.Objects;

/**
 * Something that could not be accepted, with the reason, a human-readable detail, where it came from and an excerpt
 * of the offending input (bounded, so a huge payload does not flood the dead-letter log).
 */
public record Rejection(RejectReason reason, String detail, String source, String topic, String excerpt,
        long atMillis) {

    public static final int MAX_EXCERPT_CHARS = 1024;

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        source = source == null ? "" : source;
        topic = topic == null ? "" : topic;
        excerpt = excerpt == null ? "" : excerpt.length() > MAX_EXCERPT_CHARS
                ? excerpt.substring(0, MAX_EXCERPT_CHARS) + "…" : excerpt;
    }
}
