package io.minewatch.gateway.journal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry as read from the journal (see {@link JournalFormat}).
 *
 * @param seq      its sequence number
 * @param prevHash the hash it names as its predecessor's
 * @param hash     the hash stored in it
 * @param intact   true when {@code hash} is the SHA-256 of its bytes, i.e. it was not altered
 * @param eventId  the alarm event's id ({@code ""} when the event has none)
 * @param site     the event's site
 * @param sensor   the event's sensor
 * @param line     the line's bytes, without the newline: what the uplink sends
 */
public record JournalEntry(long seq, String prevHash, String hash, boolean intact, String eventId, String site,
        String sensor, byte[] line) {

    public JournalEntry {
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(line, "line");
    }

    public String text() {
        return new String(line, StandardCharsets.UTF_8);
    }
}
