package io.minewatch.gateway.alarms.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.AlarmHandlingConfig;
import io.minewatch.config.AlarmHandlingConfig.AckPolicy;
import io.minewatch.config.AlarmHandlingConfig.Contact;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierTest {

    private static final AlarmHandlingConfig CONFIG = new AlarmHandlingConfig(new AckPolicy(Duration.ofMinutes(5),
            Level.ORANGE, List.of(new Contact("duty_officer", null), new Contact("safety_officer", null))), Map.of(),
            null, Duration.ofMinutes(1));

    private final ManualClock clock = new ManualClock(LifecycleRig.START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<Notification> sent = new ArrayList<>();
    private final Notifier notifier = new Notifier(CONFIG, sent::add, scheduler, clock);
    private int ids;

    private AlarmEvent event(AlarmTransition transition, String sensor, Map<String, String> details) {
        long now = clock.millis();
        return new AlarmEvent("E" + (++ids), "A-" + sensor, transition, "CM01", sensor, Kind.CH4, "ch4", "alarm",
                Level.ORANGE, transition == AlarmTransition.RAISED ? null : Level.ORANGE, 1.0, 1.2, now, now, true,
                details);
    }

    @Test
    void aContactGetsTheFirstAtOnceAndTheRestOfTheIntervalAsOneDigest() {
        AlarmEvent first = event(AlarmTransition.RAISED, "S1", Map.of());
        notifier.onAlarm(first);
        List<AlarmEvent> held = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            AlarmEvent next = event(AlarmTransition.RAISED, "S" + i, Map.of());
            held.add(next);
            notifier.onAlarm(next);
        }
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.contact()).isEqualTo("duty_officer");
            assertThat(n.digest()).isFalse();
            assertThat(n.events()).containsExactly(first);
        });

        scheduler.advance(Duration.ofSeconds(20));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).digest()).isTrue();
        assertThat(sent.get(1).events()).isEqualTo(held);
        assertThat(sent.get(1).atMillis()).isEqualTo(LifecycleRig.START.plusSeconds(60).toEpochMilli());
    }

    @Test
    void atMostOneMessagePerIntervalAndAfterAQuietIntervalTheNextGoesAtOnce() {
        notifier.onAlarm(event(AlarmTransition.RAISED, "S1", Map.of()));
        clock.advance(Duration.ofSeconds(30));
        notifier.onAlarm(event(AlarmTransition.RAISED, "S2", Map.of()));
        scheduler.advance(Duration.ofSeconds(30));
        notifier.onAlarm(event(AlarmTransition.RAISED, "S3", Map.of()));
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(sent).hasSize(2);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(sent).hasSize(3);

        scheduler.advance(Duration.ofMinutes(5));
        notifier.onAlarm(event(AlarmTransition.RAISED, "S4", Map.of()));

        assertThat(sent).hasSize(4);
        assertThat(sent.get(3).digest()).isFalse();
        assertThat(sent).flatExtracting(Notification::events).extracting(AlarmEvent::sensor)
                .containsExactly("S1", "S2", "S3", "S4");
    }

    @Test
    void anUnacknowledgedAlarmGoesToTheContactItNamesApartFromTheOthersLimit() {
        notifier.onAlarm(event(AlarmTransition.RAISED, "S1", Map.of()));
        notifier.onAlarm(event(AlarmTransition.UNACKNOWLEDGED, "S1",
                Map.of("contact_level", "1", "contact", "safety_officer")));

        assertThat(sent).extracting(Notification::contact).containsExactly("duty_officer", "safety_officer");
    }

    @Test
    void shelvedClearedAndAcknowledgedEventsAreNotNotified() {
        notifier.onAlarm(event(AlarmTransition.RAISED, "S1", Map.of("shelved", "true")));
        notifier.onAlarm(event(AlarmTransition.CLEARED, "S1", Map.of()));
        notifier.onAlarm(event(AlarmTransition.ACKNOWLEDGED, "S1", Map.of("acknowledged_by", "li.wei")));
        notifier.onAlarm(event(AlarmTransition.DEESCALATED, "S1", Map.of()));

        scheduler.advance(Duration.ofMinutes(5));

        assertThat(sent).isEmpty();
    }
}
