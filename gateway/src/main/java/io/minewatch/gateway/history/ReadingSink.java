package io.minewatch.gateway.history;

import io.minewatch.collectors.Reading;
import java.io.IOException;

/** Where streamed raw readings go, one by one; an {@link IOException} stops the query. */
@FunctionalInterface
public interface ReadingSink {

    void accept(Reading reading) throws IOException;
}
