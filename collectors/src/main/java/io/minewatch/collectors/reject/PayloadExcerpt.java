package io.minewatch.collectors.reject;

import java.nio.charset.StandardCharsets;

/**
 * Turns (part of) a raw payload into the text kept with a {@link Rejection}. Only the head of a large payload is
 * decoded, so that rejecting a megabyte of garbage does not build a megabyte string; bytes that are not UTF-8 become
 * replacement characters.
 */
public final class PayloadExcerpt {

    // Enough bytes for MAX_EXCERPT_CHARS characters even when every character takes four bytes, plus one more
    // character so that Rejection marks the excerpt as cut.
    private static final int MAX_BYTES = (Rejection.MAX_EXCERPT_CHARS + 1) * 4;

    private PayloadExcerpt() {
    }

    public static String of(byte[] payload) {
        return of(payload, 0, payload.length);
    }

    public static String of(byte[] payload, int offset, int length) {
        int from = Math.max(0, Math.min(offset, payload.length));
        int len = Math.max(0, Math.min(length, payload.length - from));
        return new String(payload, from, Math.min(len, MAX_BYTES), StandardCharsets.UTF_8);
    }
}
