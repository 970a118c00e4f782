package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.DefaultProfiles;
import io.minewatch.config.sites.SiteConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example shipped in config/examples must stay valid and say what its comments claim. */
class ExampleConfigTest {

    static final Path EXAMPLE = Path.of("examples", "minewatch.yaml");

    static MinewatchConfig loadExample() {
        // an empty environment: the example must not depend on variables being set
        return new ConfigLoader(Map.<String, String>of()::get).read(EXAMPLE);
    }

    @Test
    void loadsTheShippedExample() {
        MinewatchConfig config = loadExample();

        assertThat(config.mqttCollectors()).singleElement().satisfies(mqtt -> {
            assertThat(mqtt.url()).isEqualTo(URI.create("tcp://127.0.0.1:1883"));
            assertThat(mqtt.qos()).isEqualTo(1);
        });
        assertThat(config.storage().influxdb().orElseThrow().url()).isEqualTo(URI.create("http://127.0.0.1:8086"));
        assertThat(config.storage().local().path()).isEqualTo(EXAMPLE.toAbsolutePath().getParent().resolve("data"));
        assertThat(config.sites()).extracting(SiteConfig::id).containsExactly("CM01", "TP01");
        assertThat(config.sensorsById().get("CM01-CH4-T1").profile())
                .isEqualTo(DefaultProfiles.all().get("coal_ch4_working_face"));
        assertThat(config.sensorsById().get("CM01-O2-IN1").profile().name()).isEqualTo("coal_o2");
        assertThat(config.sensorsById().get("TP01-GNSS-1").profile().name()).isEqualTo("slope_gnss_displacement");
        assertThat(config.sensorsById().get("TP01-WL-1").profile().name()).isEqualTo("tp01_water_level");
        assertThat(config.sensorsById().get("TP01-RAIN-1").kind()).isEqualTo(Kind.RAINFALL);
    }
}
