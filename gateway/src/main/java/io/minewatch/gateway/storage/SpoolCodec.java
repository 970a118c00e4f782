package io.minewatch.gateway.storage;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bytes of one spool entry: readings and alarm events, compact so that a bounded spool rides out a long outage.
 * Each entry carries a table of its strings (sites, sensors, kinds...), so that a sensor id is written once per entry
 * however many readings it has; timestamps are deltas from the previous reading's as variable-length integers;
 * values are the exact IEEE doubles.
 *
 * <pre>
 * version 2 | n strings: (varint length, UTF-8)* | n readings: (site, sensor, kind, value, ts, received, flags)*
 *           | n events: (15 fields, n details: (key, value)*)*
 * </pre>
 *
 * <p>Version 1 entries (events without details) are still read, so a spool written before the upgrade drains.
 */
final class SpoolCodec {

    static final byte VERSION = 2;
    private static final byte VERSION_WITHOUT_DETAILS = 1;

    /** An entry whose bytes do not decode: damaged on disk, or written by an incompatible version. */
    static final class UnreadableException extends Exception {

        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Decoded(List<Reading> readings, List<AlarmEvent> events) {
    }

    private SpoolCodec() {
    }

    static byte[] encode(List<Reading> readings, List<AlarmEvent> events) {
        Map<String, Integer> strings = new HashMap<>();
        List<String> table = new ArrayList<>();
        Body body = new Body((readings.size() + events.size()) * 24);
        body.varint(readings.size());
        long previousTs = 0;
        for (Reading reading : readings) {
            body.varint(index(strings, table, reading.site()));
            body.varint(index(strings, table, reading.sensor()));
            body.varint(index(strings, table, reading.kind().id()));
            body.fixed64(Double.doubleToRawLongBits(reading.value()));
            body.zigzag(reading.timestampMillis() - previousTs);
            body.zigzag(reading.receivedAtMillis() - reading.timestampMillis());
            body.write(qualityCode(reading.quality()) | (reading.registered() ? 0x10 : 0));
            previousTs = reading.timestampMillis();
        }
        body.varint(events.size());
        for (AlarmEvent event : events) {
            for (String text : new String[] {event.id(), event.alarmId(), event.transition().id(), event.site(),
                    event.sensor(), event.kind().id(), event.ruleId(), event.levelName(), event.level().id()}) {
                body.varint(index(strings, table, text));
            }
            body.varint(event.previousLevel() == null ? 0 : 1 + index(strings, table, event.previousLevel().id()));
            body.fixed64(Double.doubleToRawLongBits(event.threshold()));
            body.fixed64(Double.doubleToRawLongBits(event.value()));
            body.zigzag(event.readingTimestampMillis());
            body.zigzag(event.eventTimeMillis() - event.readingTimestampMillis());
            body.write(event.registered() ? 1 : 0);
            body.varint(event.details().size());
            for (Map.Entry<String, String> detail : new TreeMap<>(event.details()).entrySet()) {
                body.varint(index(strings, table, detail.getKey()));
                body.varint(index(strings, table, detail.getValue()));
            }
        }
        Body out = new Body(body.size() + table.size() * 16 + 8);
        out.write(VERSION);
        out.varint(table.size());
        for (String text : table) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.varint(utf8.length);
            out.write(utf8, 0, utf8.length);
        }
        body.writeTo(out);
        return out.toByteArray();
    }

    static Decoded decode(byte[] bytes) throws UnreadableException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION && version != VERSION_WITHOUT_DETAILS) {
                throw new UnreadableException("unknown format version " + version + " (expected: "
                        + VERSION_WITHOUT_DETAILS + " or " + VERSION + ")", null);
            }
            String[] table = new String[count(in)];
            for (int i = 0; i < table.length; i++) {
                byte[] utf8 = new byte[count(in)];
                in.get(utf8);
                table[i] = new String(utf8, StandardCharsets.UTF_8);
            }
            int readingCount = count(in);
            List<Reading> readings = new ArrayList<>(readingCount);
            long previousTs = 0;
            for (int i = 0; i < readingCount; i++) {
                String site = string(in, table);
                String sensor = string(in, table);
                Kind kind = known(Kind.byId(string(in, table)), "kind");
                double value = Double.longBitsToDouble(in.getLong());
                long ts = previousTs + unzigzag(varint(in));
                long received = ts + unzigzag(varint(in));
                int flags = in.get();
                readings.add(new Reading(site, sensor, kind, value, ts, quality(flags & 0x0f), (flags & 0x10) != 0,
                        received));
                previousTs = ts;
            }
            int eventCount = count(in);
            List<AlarmEvent> events = new ArrayList<>(eventCount);
            for (int i = 0; i < eventCount; i++) {
                events.add(event(in, table, version == VERSION));
            }
            if (in.hasRemaining()) {
                throw new UnreadableException(in.remaining() + " bytes left over after the last point", null);
            }
            return new Decoded(readings, events);
        } catch (BufferUnderflowException e) {
            throw new UnreadableException("entry cut short at byte " + in.position() + " of " + bytes.length, e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableException("invalid point: " + e.getMessage(), e);
        }
    }

    private static AlarmEvent event(ByteBuffer in, String[] table, boolean withDetails) throws UnreadableException {
        String id = string(in, table);
        String alarmId = string(in, table);
        AlarmTransition transition = AlarmTransition.valueOf(string(in, table).toUpperCase(Locale.ROOT));
        String site = string(in, table);
        String sensor = string(in, table);
        Kind kind = known(Kind.byId(string(in, table)), "kind");
        String ruleId = string(in, table);
        String levelName = string(in, table);
        Level level = known(Level.byId(string(in, table)), "level");
        int previous = varintAsIndex(in, table.length + 1);
        Level previousLevel = previous == 0 ? null : known(Level.byId(table[previous - 1]), "level");
        double threshold = Double.longBitsToDouble(in.getLong());
        double value = Double.longBitsToDouble(in.getLong());
        long readingTs = unzigzag(varint(in));
        long eventTime = readingTs + unzigzag(varint(in));
        boolean registered = in.get() != 0;
        Map<String, String> details = Map.of();
        if (withDetails) {
            int count = count(in);
            details = new HashMap<>();
            for (int i = 0; i < count; i++) {
                details.put(string(in, table), string(in, table));
            }
        }
        return new AlarmEvent(id, alarmId, transition, site, sensor, kind, ruleId, levelName, level, previousLevel,
                threshold, value, readingTs, eventTime, registered, details);
    }

    /** Codes of their own, not ordinals, so that a reordered enum cannot misread an old spool. */
    private static int qualityCode(Quality quality) {
        return switch (quality) {
            case GOOD -> 0;
            case UNCERTAIN -> 1;
            case BAD -> 2;
        };
    }

    private static Quality quality(int code) throws UnreadableException {
        return switch (code) {
            case 0 -> Quality.GOOD;
            case 1 -> Quality.UNCERTAIN;
            case 2 -> Quality.BAD;
            default -> throw new UnreadableException("quality code " + code + " (expected: 0..2)", null);
        };
    }

    private static int index(Map<String, Integer> strings, List<String> table, String text) {
        Integer index = strings.get(text);
        if (index == null) {
            index = table.size();
            strings.put(text, index);
            table.add(text);
        }
        return index;
    }

    private static <T> T known(Optional<T> value, String what) throws UnreadableException {
        if (value.isEmpty()) {
            throw new UnreadableException("unknown " + what, null);
        }
        return value.get();
    }

    private static String string(ByteBuffer in, String[] table) throws UnreadableException {
        return table[varintAsIndex(in, table.length)];
    }

    private static int varintAsIndex(ByteBuffer in, int bound) throws UnreadableException {
        long index = varint(in);
        if (index < 0 || index >= bound) {
            throw new UnreadableException("string index " + index + " out of the entry's table of " + bound, null);
        }
        return (int) index;
    }

    /** A count of items still to read; each takes at least one byte, so a count beyond the bytes left is damage. */
    private static int count(ByteBuffer in) throws UnreadableException {
        long count = varint(in);
        if (count < 0 || count > in.remaining()) {
            throw new UnreadableException("count " + count + " exceeds the " + in.remaining() + " bytes left", null);
        }
        return (int) count;
    }

    private static long varint(ByteBuffer in) throws UnreadableException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new UnreadableException("variable-length integer longer than 10 bytes", null);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** A growable byte array with the few encodings the format needs (unsynchronised, unlike the JDK's). */
    private static final class Body {

        private byte[] bytes;
        private int size;

        Body(int capacity) {
            bytes = new byte[Math.max(32, capacity)];
        }

        int size() {
            return size;
        }

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void write(byte[] source, int from, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, from, bytes, size, length);
            size += length;
        }

        void varint(long value) {
            while ((value & ~0x7fL) != 0) {
                write((int) ((value & 0x7f) | 0x80));
                value >>>= 7;
            }
            write((int) value);
        }

        void zigzag(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void fixed64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (value >>> shift));
            }
        }

        void writeTo(Body other) {
            other.write(bytes, 0, size);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
