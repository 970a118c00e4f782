package io.minewatch.gateway.uplink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.ReconnectBackoff;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.journal.AlarmJournal;
import io.minewatch.gateway.journal.JournalEntry;
import io.minewatch.gateway.journal.JournalFormat;
import io.minewatch.gateway.journal.JournalReader;
import io.minewatch.gateway.journal.MalformedEntryException;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one endpoint from the journal on its own thread: reads the entry after the cursor, delivers it, moves the
 * cursor, and so on, in journal order. A failed delivery is retried, the same entry, after a growing delay
 * ({@link ReconnectBackoff}); an entry the endpoint refuses as such goes to its dead-letter file. When the endpoint is
 * up to date the sender sleeps until the journal syncs new entries. Nothing here ever waits on the pipeline or makes
 * the pipeline wait.
 */
final class UplinkSender {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkSender.class);
    private static final long PERSIST_EVERY_MILLIS = 200;
    private static final long IDLE_WAIT_MILLIS = 1_000;
    /** An endpoint failing this long raises a system alarm: the regulator is not receiving alarms. */
    static final long OUTAGE_ALARM_AFTER_MILLIS = 5 * 60_000;

    private final RegulatorEndpoint endpoint;
    private final AlarmJournal journal;
    private final JournalFormat format;
    private final UplinkCursor cursor;
    private final DeadLetterFile deadLetters;
    private final ReconnectBackoff backoff;
    private final Clock clock;
    private final Counter delivered;
    private final Counter failures;
    private final Counter deadLettered;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final Thread thread;
    private boolean woken;
    private volatile boolean running = true;
    private volatile String state = "up";
    private volatile String lastError = "";
    private volatile long sinceMillis;
    private long lastPersistMillis;
    private volatile SystemAlarms systemAlarms;
    private boolean outageRaised;

    UplinkSender(RegulatorEndpoint endpoint, AlarmJournal journal, JournalFormat format, UplinkCursor cursor,
            DeadLetterFile deadLetters, ReconnectBackoff backoff, Clock clock, MeterRegistry registry) {
        this.endpoint = endpoint;
        this.journal = journal;
        this.format = format;
        this.cursor = cursor;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.clock = clock;
        this.sinceMillis = clock.millis();
        String name = endpoint.name();
        this.delivered = Counter.builder("minewatch.uplink.delivered").tag("endpoint", name)
                .description("journal entries delivered to the regulator endpoint").register(registry);
        this.failures = Counter.builder("minewatch.uplink.failures").tag("endpoint", name)
                .description("failed delivery attempts").register(registry);
        this.deadLettered = Counter.builder("minewatch.uplink.dead_letters").tag("endpoint", name)
                .description("entries the endpoint refused as such").register(registry);
        Gauge.builder("minewatch.uplink.backlog", this, UplinkSender::backlog).tag("endpoint", name)
                .description("journal entries not yet delivered to the endpoint").register(registry);
        this.thread = new Thread(this::run, "minewatch-uplink-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        if (cursor.seq() > journal.durableSeq()) {
            LOG.error("Uplink {}: cursor {} is past the journal's last entry {} (the journal in {} was replaced?); "
                    + "delivering the journal from its start", endpoint.name(), cursor.seq(), journal.durableSeq(),
                    journal.directory());
            cursor.reset();
        }
        LOG.info("Uplink {} ({} {}) starts after entry {}, {} to deliver", endpoint.name(), endpoint.type(),
                endpoint.target(), cursor.seq(), backlog());
        thread.start();
    }

    void reportTo(SystemAlarms alarms) {
        this.systemAlarms = alarms;
    }

    /** The code of this endpoint's outage alarm. */
    String systemAlarmCode() {
        return "uplink-" + endpoint.name();
    }

    /** New entries are durable: called on the journal's thread, returns at once. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long backlog() {
        return Math.max(0, journal.durableSeq() - cursor.seq());
    }

    EndpointStatus status() {
        return new EndpointStatus(endpoint.name(), endpoint.type(), endpoint.target(), state, cursor.seq(), backlog(),
                (long) delivered.count(), (long) failures.count(), (long) deadLettered.count(), lastError,
                sinceMillis);
    }

    private void run() {
        try (JournalReader reader = new JournalReader(journal.directory(), format, cursor.seq(),
                journal::durableSeq)) {
            JournalEntry pending = null;
            while (running) {
                if (pending == null) {
                    pending = next(reader);
                }
                if (pending == null) {
                    persistCursor();
                    awaitWake();
                    continue;
                }
                if (send(pending)) {
                    pending = null;
                    if (clock.millis() - lastPersistMillis >= PERSIST_EVERY_MILLIS) {
                        persistCursor();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Uplink {} stopped: {}", endpoint.name(), e.toString(), e);
            state = "stopped";
            lastError = e.toString();
        } finally {
            persistCursor();
        }
    }

    private JournalEntry next(JournalReader reader) {
        try {
            Optional<JournalEntry> entry = reader.next();
            return entry.orElse(null);
        } catch (MalformedEntryException e) {
            // Only damage to the file makes this; the entry cannot be sent. The regulator's chain check shows the gap.
            LOG.error("Uplink {}: journal entry {} unreadable, not sent: {}", endpoint.name(), reader.lastSeq(),
                    e.getMessage());
            cursor.advance(reader.lastSeq(), "");
            return null;
        } catch (IOException e) {
            fail("journal unreadable: " + e);
            return null;
        }
    }

    /** True when the entry is done with (delivered or dead-lettered); false after a failure and its delay. */
    private boolean send(JournalEntry entry) {
        try {
            endpoint.deliver(entry);
            cursor.advance(entry.seq(), entry.hash());
            delivered.increment();
            backoff.reset();
            if (!"up".equals(state)) {
                LOG.info("Uplink {} delivers again from entry {} ({} behind)", endpoint.name(), entry.seq(),
                        backlog());
                state = "up";
                sinceMillis = clock.millis();
            }
            lastError = "";
            if (outageRaised) {
                outageRaised = false;
                SystemAlarms alarms = systemAlarms;
                if (alarms != null) {
                    alarms.clear(systemAlarmCode(), "regulator endpoint " + endpoint.name() + " receives alarms again");
                }
            }
            return true;
        } catch (DeliveryException e) {
            if (e.poisoned()) {
                return deadLetter(entry, e.getMessage());
            }
            fail("entry " + entry.seq() + " (event " + entry.eventId() + "): " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // A defect must not end delivery for good: the entry is tried again like after any failure.
            LOG.error("Uplink {}: delivery of entry {} failed unexpectedly", endpoint.name(), entry.seq(), e);
            fail("entry " + entry.seq() + " (event " + entry.eventId() + "): " + e);
            return false;
        }
    }

    private boolean deadLetter(JournalEntry entry, String reason) {
        try {
            deadLetters.record(entry, reason);
        } catch (IOException io) {
            fail("dead-letter file " + deadLetters.file() + " not written: " + io);
            return false;
        }
        LOG.error("Uplink {}: entry {} (event {} of {}/{}) refused by the endpoint, kept in {}: {}", endpoint.name(),
                entry.seq(), entry.eventId(), entry.site(), entry.sensor(), deadLetters.file(), reason);
        deadLettered.increment();
        cursor.advance(entry.seq(), entry.hash());
        return true;
    }

    private void fail(String error) {
        failures.increment();
        long delay = backoff.nextDelayMillis();
        if (!"retrying".equals(state)) {
            state = "retrying";
            sinceMillis = clock.millis();
        }
        lastError = error;
        long down = clock.millis() - sinceMillis;
        SystemAlarms alarms = systemAlarms;
        if (!outageRaised && alarms != null && down >= OUTAGE_ALARM_AFTER_MILLIS) {
            outageRaised = true;
            alarms.raise(systemAlarmCode(), Level.ORANGE, "regulator endpoint " + endpoint.name() + " ("
                    + endpoint.target() + ") has not taken alarm events for " + down / 60_000 + " min, " + backlog()
                    + " waiting; they are kept and sent in order when it returns. Last error: " + error);
        }
        LOG.warn("Uplink {}: {}; {} entries waiting, next attempt in {} ms", endpoint.name(), error, backlog(), delay);
        awaitStop(delay);
    }

    private void persistCursor() {
        try {
            cursor.persist();
            lastPersistMillis = clock.millis();
        } catch (IOException e) {
            LOG.error("Uplink {}: cursor {} not saved (entries since the last save are sent again after a restart): "
                    + "{}", endpoint.name(), cursor.file(), e.toString());
        }
    }

    private void awaitWake() {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS);
            while (running && !woken && left > 0) {
                left = signal.awaitNanos(left);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitStop(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            while (running && left > 0) {
                left = signal.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the sender to stop after the delivery in progress. */
    void stop() {
        running = false;
        wake();
    }

    /** Stops (waiting for the delivery in progress up to {@code waitMillis}), saving the cursor. */
    void close(long waitMillis) {
        stop();
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Uplink {}: delivery still in progress at close; the entry is sent again after the restart",
                    endpoint.name());
            thread.interrupt();
        }
        endpoint.close();
    }
}
