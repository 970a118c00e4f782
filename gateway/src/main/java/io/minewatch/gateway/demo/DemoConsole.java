package io.minewatch.gateway.demo;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Prints each alarm transition of the demo as one line on the terminal. */
final class DemoConsole implements AlarmListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;

    DemoConsole(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onAlarm(AlarmEvent e) {
        String unit = e.kind().canonicalUnit().symbol();
        out.printf("%s  ALARM %-11s %-6s %-9s %s/%s  %s %.3f %s (threshold %.3f %s)%n",
                TIME.format(Instant.ofEpochMilli(e.readingTimestampMillis())), e.transition().id(), e.level().id(),
                e.levelName(), e.site(), e.sensor(), e.kind().id(), e.value(), unit, e.threshold(), unit);
    }
}
