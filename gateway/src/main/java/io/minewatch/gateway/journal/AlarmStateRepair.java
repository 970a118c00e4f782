package io.minewatch.gateway.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateException;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StoredAlarm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the alarm state up to the journal at start. A message's transitions are synced to the journal first and to
 * the alarm state second (see {@link JournaledAlarmState}); the journal also takes events the moment they are decided.
 * A crash in between leaves transitions in the journal that the alarm state lacks, and the redelivered message would
 * then raise them again, under new ids. So before the rule engines are restored, the last journal event of each
 * (sensor, rule) among the journal's last entries is applied to the state if the state does not show it: the engines
 * start where the journal says, and the redelivered reading finds its alarm already raised.
 */
public final class AlarmStateRepair {

    /** Far more entries than can be in flight between the two syncs (the pipeline's in-flight window). */
    public static final int DEFAULT_WINDOW = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStateRepair.class);

    private AlarmStateRepair() {
    }

    /** Applies to {@code state} what the journal's last {@code window} entries hold and it lacks; returns that. */
    public static List<AlarmEvent> repair(AlarmJournal journal, AlarmStateStore state, ObjectMapper mapper,
            int window) throws AlarmStateException, JournalException {
        List<AlarmEvent> recent = recentEvents(journal, mapper, window);
        List<AlarmEvent> missing = missing(state.load(), recent);
        if (!missing.isEmpty()) {
            state.apply(missing);
            LOG.warn("Alarm state brought up to the journal: {} transitions were journalled but not in the state "
                    + "(a stop between the two syncs); first: {} of alarm {} on {}/{}", missing.size(),
                    missing.get(0).transition().id(), missing.get(0).alarmId(), missing.get(0).site(),
                    missing.get(0).sensor());
        }
        return missing;
    }

    /** Per (sensor, rule), the last level-setting or clearing event of {@code recent}, where the state differs. */
    static List<AlarmEvent> missing(List<StoredAlarm> stored, List<AlarmEvent> recent) {
        Map<String, AlarmEvent> last = new LinkedHashMap<>();
        for (AlarmEvent event : recent) {
            if (setsLevel(event.transition()) || event.transition() == AlarmTransition.CLEARED) {
                String key = key(event.sensor(), event.ruleId());
                last.remove(key);
                last.put(key, event);
            }
        }
        Map<String, AlarmEvent> state = new LinkedHashMap<>();
        for (StoredAlarm alarm : stored) {
            AlarmEvent e = alarm.lastTransition();
            state.put(key(e.sensor(), e.ruleId()), e);
        }
        List<AlarmEvent> missing = new ArrayList<>();
        for (Map.Entry<String, AlarmEvent> entry : last.entrySet()) {
            AlarmEvent journalled = entry.getValue();
            AlarmEvent held = state.get(entry.getKey());
            boolean differs = journalled.transition() == AlarmTransition.CLEARED
                    ? held != null && held.alarmId().equals(journalled.alarmId())
                    : held == null || !held.id().equals(journalled.id());
            if (differs) {
                missing.add(journalled);
            }
        }
        return missing;
    }

    private static List<AlarmEvent> recentEvents(AlarmJournal journal, ObjectMapper mapper, int window)
            throws JournalException {
        List<AlarmEvent> events = new ArrayList<>();
        JournalFormat format = new JournalFormat(mapper);
        long end = journal.durableSeq();
        try (JournalReader reader = new JournalReader(journal.directory(), format, Math.max(0, end - window),
                () -> end)) {
            while (true) {
                Optional<JournalEntry> entry;
                try {
                    entry = reader.next();
                } catch (MalformedEntryException e) {
                    continue;
                }
                if (entry.isEmpty()) {
                    return events;
                }
                JournalEvents.event(entry.get(), mapper).ifPresent(events::add);
            }
        } catch (IOException e) {
            throw new JournalException("journal " + journal.directory() + " cannot be read back: " + e, e);
        }
    }

    private static boolean setsLevel(AlarmTransition t) {
        return t == AlarmTransition.RAISED || t == AlarmTransition.ESCALATED || t == AlarmTransition.DEESCALATED;
    }

    private static String key(String sensor, String rule) {
        return sensor + '\u0000' + rule;
    }
}
