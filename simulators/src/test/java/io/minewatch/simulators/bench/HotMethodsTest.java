package io.minewatch.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HotMethodsTest {

    @Test
    void groupsClassesByThePartOfTheSystemTheyBelongTo() {
        assertThat(HotMethods.area("io.minewatch.gateway.storage.Spool")).startsWith("minewatch storage");
        assertThat(HotMethods.area("io.minewatch.gateway.rules.RuleEngine")).isEqualTo("minewatch rules");
        assertThat(HotMethods.area("io.netty.channel.DefaultChannelPipeline")).isEqualTo("Netty");
        assertThat(HotMethods.area("okhttp3.internal.http.RealInterceptorChain")).startsWith("InfluxDB client");
        assertThat(HotMethods.area("java.lang.String")).isNull();
    }

    @Test
    void saysSoWhenThereIsNoRecording() {
        assertThat(HotMethods.markdown(Path.of("no-such.jfr"), 10)).startsWith("No Flight Recorder file at");
    }
}
