package io.minewatch.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One journal entry is one line of UTF-8 JSON ending in {@code \n}, its fields always in this order:
 *
 * <pre>{"seq":12,"prev_hash":"&lt;64 hex&gt;","event":{...the alarm event...},"hash":"&lt;64 hex&gt;"}</pre>
 *
 * <p>{@code hash} is the SHA-256, in lower-case hex, of the line's own bytes with its final
 * {@code ,"hash":"<64 hex>"} removed, that is of {@code {"seq":12,"prev_hash":"...","event":{...}}}, exactly as the
 * bytes stand in the file (nothing is re-serialised, so any tool computes the same value). {@code prev_hash} is the
 * previous entry's {@code hash}, and {@value #GENESIS_HASH_TEXT} for entry 1; {@code seq} counts up by one from 1.
 * Changing any byte of an entry changes its hash; removing or inserting an entry breaks the next entry's
 * {@code prev_hash} and the run of {@code seq}. docs/journal-verification.md shows the check in a few lines of Python
 * and of shell.
 */
public final class JournalFormat {

    /** {@code prev_hash} of the first entry. */
    public static final String GENESIS_HASH = "0".repeat(64);
    static final String GENESIS_HASH_TEXT = "64 zeros";

    private static final byte[] HASH_FIELD = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_HEX = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectMapper mapper;

    public JournalFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The line (without its newline) of entry {@code seq} holding {@code eventJson}, a compact JSON object. */
    public static byte[] line(long seq, String prevHash, byte[] eventJson) {
        byte[] head = ("{\"seq\":" + seq + ",\"prev_hash\":\"" + prevHash + "\",\"event\":")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] hashed = new byte[head.length + eventJson.length + 1];
        System.arraycopy(head, 0, hashed, 0, head.length);
        System.arraycopy(eventJson, 0, hashed, head.length, eventJson.length);
        hashed[hashed.length - 1] = '}';
        String hash = sha256(hashed, hashed.length);
        byte[] line = Arrays.copyOf(hashed, hashed.length - 1 + HASH_FIELD.length + HASH_HEX + 2);
        int at = hashed.length - 1;
        System.arraycopy(HASH_FIELD, 0, line, at, HASH_FIELD.length);
        at += HASH_FIELD.length;
        System.arraycopy(hash.getBytes(StandardCharsets.US_ASCII), 0, line, at, HASH_HEX);
        line[line.length - 2] = '"';
        line[line.length - 1] = '}';
        return line;
    }

    /**
     * Reads one line (without its newline).
     *
     * @throws MalformedEntryException when it is not an entry of this format; an entry whose stored hash does not
     *                                 match its bytes is returned, with {@link JournalEntry#intact()} false
     */
    public JournalEntry parse(byte[] line) throws MalformedEntryException {
        int hashField = lastIndexOf(line, HASH_FIELD);
        int expectedLength = hashField + HASH_FIELD.length + HASH_HEX + 2;
        if (hashField < 0 || line.length != expectedLength || line[line.length - 2] != '"'
                || line[line.length - 1] != '}') {
            throw new MalformedEntryException("the line does not end in ,\"hash\":\"<64 hex>\"}");
        }
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (IOException e) {
            throw new MalformedEntryException("the line is not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEntryException("the line is not a JSON object");
        }
        JsonNode seq = node.get("seq");
        JsonNode prev = node.get("prev_hash");
        JsonNode event = node.get("event");
        JsonNode hash = node.get("hash");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || prev == null || !prev.isTextual()
                || event == null || !event.isObject() || hash == null || !hash.isTextual()) {
            throw new MalformedEntryException("seq, prev_hash, event or hash missing or of the wrong type");
        }
        String storedHash = new String(line, hashField + HASH_FIELD.length, HASH_HEX, StandardCharsets.US_ASCII);
        if (!storedHash.equals(hash.asText())) {
            throw new MalformedEntryException("more than one hash field");
        }
        byte[] hashed = Arrays.copyOf(line, hashField + 1);
        hashed[hashField] = '}';
        String actual = sha256(hashed, hashed.length);
        return new JournalEntry(seq.asLong(), prev.asText(), storedHash, actual.equals(storedHash),
                text(event, "id"), text(event, "site"), text(event, "sensor"), line);
    }

    static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HEX.formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || !value.isTextual() ? "" : value.asText();
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = bytes.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
