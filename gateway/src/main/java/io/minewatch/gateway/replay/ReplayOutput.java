package io.minewatch.gateway.replay;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.io.IOException;

/** Where a replay goes as it plays: {@link NdjsonReplayOutput} for a page, a text listing for the command line. */
public interface ReplayOutput {

    void start(ReplayRequest request) throws IOException;

    void reading(Reading reading) throws IOException;

    void alarm(AlarmEvent event) throws IOException;

    /** Called before the player waits: what is written must reach the reader now. */
    void flush() throws IOException;

    void end(long readings, long alarms) throws IOException;
}
