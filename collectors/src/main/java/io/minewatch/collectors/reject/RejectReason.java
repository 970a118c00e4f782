package io.minewatch.collectors.reject;

import java.util.Locale;

/** Why an input was rejected; {@link #id()} is the {@code reason} tag of the rejection counter. */
public enum RejectReason {
    /** Payload larger than the configured maximum. */
    OVERSIZED_PAYLOAD,
    /** Payload bytes are not valid UTF-8. */
    BAD_UTF8,
    /** Payload is not valid JSON. */
    BAD_JSON,
    /** Valid JSON, but neither an object, an array of objects, nor a bare number; or an empty batch. */
    BAD_SHAPE,
    /** No {@code value} field. */
    MISSING_VALUE,
    /** {@code value} is not a number. */
    NON_NUMERIC_VALUE,
    /** {@code value} is NaN or infinite. */
    NON_FINITE_VALUE,
    /** {@code kind} names no known quantity. */
    UNKNOWN_KIND,
    /** {@code unit} names no known unit, or one that does not fit the kind. */
    BAD_UNIT,
    /** {@code quality} is none of good, uncertain, bad. */
    BAD_QUALITY,
    /** {@code ts} is neither epoch milliseconds nor ISO-8601. */
    BAD_TIMESTAMP,
    /** {@code ts} lies further in the future than the allowed clock skew. */
    FUTURE_TIMESTAMP,
    /** The topic does not end in {@code {site}/{sensor}}. */
    BAD_TOPIC,
    /** The sensor is not registered and the payload names no kind. */
    UNREGISTERED_WITHOUT_KIND,
    /** The payload names a kind other than the registered sensor's. */
    KIND_MISMATCH,
    /** The topic names another site than the one the sensor is registered at. */
    SITE_MISMATCH,
    /** A store refused the point as invalid (not a connection failure). */
    STORE_REJECTED,
    /** The gateway failed on this input unexpectedly (a defect); the input is kept so it can be replayed. */
    INTERNAL_ERROR;

    /** Lower-case tag value, e.g. {@code bad_json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
