package io.minewatch.gateway.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.storage.SpoolLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemAlarmsTest {

    private final List<SystemAlarms.SystemAlarmEvent> published = new ArrayList<>();
    private final SystemAlarms alarms = new SystemAlarms(
            Clock.fixed(Instant.parse("2025-11-22T10:00:00Z"), ZoneOffset.UTC), published::add);

    @Test
    void spoolFillingRaisesOrangeThenRedAndClearsWhenBackToNormal() {
        alarms.spoolLevelChanged(SpoolLevel.NORMAL, SpoolLevel.HIGH_WATER, 850, 1000);
        assertThat(alarms.active()).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo(SystemAlarms.SPOOL);
            assertThat(a.level()).isEqualTo(Level.ORANGE);
            assertThat(a.message()).contains("85 %");
        });

        alarms.spoolLevelChanged(SpoolLevel.HIGH_WATER, SpoolLevel.FULL, 1000, 1000);
        assertThat(alarms.active()).singleElement().extracting(SystemAlarms.SystemAlarm::level).isEqualTo(Level.RED);

        alarms.spoolLevelChanged(SpoolLevel.FULL, SpoolLevel.NORMAL, 100, 1000);
        assertThat(alarms.active()).isEmpty();
        assertThat(published).extracting(SystemAlarms.SystemAlarmEvent::transition)
                .containsExactly("raised", "escalated", "cleared");
    }

    @Test
    void clearingAnAlarmThatIsNotActivePublishesNothing() {
        alarms.spoolLevelChanged(SpoolLevel.HIGH_WATER, SpoolLevel.NORMAL, 10, 1000);

        assertThat(published).isEmpty();
    }

    @Test
    void aFailingOutputDoesNotKeepTheAlarmFromTheHealthView() {
        SystemAlarms failing = new SystemAlarms(Clock.systemUTC(), event -> {
            throw new IllegalStateException("broker gone");
        });

        failing.spoolLevelChanged(SpoolLevel.NORMAL, SpoolLevel.FULL, 1000, 1000);

        assertThat(failing.active()).hasSize(1);
    }
}
