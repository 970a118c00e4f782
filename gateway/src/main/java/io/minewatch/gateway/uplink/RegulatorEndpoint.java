package io.minewatch.gateway.uplink;

import io.minewatch.gateway.journal.JournalEntry;

/**
 * Where one regulator takes alarm events. {@link #deliver} is called by the endpoint's own sender thread, one entry at
 * a time, in journal order, and may block up to the endpoint's timeout.
 */
public interface RegulatorEndpoint extends AutoCloseable {

    /** The configured name, for logs, metrics and health. */
    String name();

    /** {@code mqtt} or {@code webhook}. */
    String type();

    /** Where it delivers, for logs and health (no credentials). */
    String target();

    /**
     * Delivers the entry; returns once the regulator has taken it.
     *
     * @throws DeliveryException when it has not: retried later, unless {@linkplain DeliveryException#poisoned() the
     *                           regulator refused this message as such}
     */
    void deliver(JournalEntry entry) throws DeliveryException;

    @Override
    void close();
}
