package io.minewatch.gateway.journal;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateException;
import io.minewatch.gateway.dispatch.AlarmStateSink;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The dispatcher's durability step for a message with alarm transitions: the transitions are synced to the journal,
 * then applied to the alarm state, and only then is the message acknowledged. Journal first, so that whatever the
 * state holds the journal holds too; {@link AlarmStateRepair} closes the gap the other way at the next start.
 */
public final class JournaledAlarmState implements AlarmStateSink {

    private final AlarmJournal journal;
    private final AlarmStateSink state;
    private final Duration syncTimeout;

    public JournaledAlarmState(AlarmJournal journal, AlarmStateSink state, Duration syncTimeout) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.state = Objects.requireNonNull(state, "state");
        this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
    }

    @Override
    public void apply(List<AlarmEvent> events) throws AlarmStateException {
        try {
            journal.appendDurably(events, syncTimeout);
        } catch (JournalException e) {
            throw new AlarmStateException(e.getMessage(), e);
        }
        state.apply(events);
    }
}
