package io.minewatch.simulators.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstationSettingsTest {

    @Test
    void servesLoopbackAnonymouslyOnMinewatchEverySecondByDefault() {
        SubstationSettings settings = SubstationSettings.local(4840, Path.of("pki"));

        assertThat(settings.endpointUrl()).isEqualTo("opc.tcp://127.0.0.1:4840/minewatch");
        assertThat(settings.users()).isEmpty();
        assertThat(settings.trustAllClients()).isFalse();
        assertThat(settings.updatePeriod()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void bracketsAnIpv6BindAddressInTheUrlAndAddsTheLeadingSlashToThePath() {
        SubstationSettings settings = new SubstationSettings("::1", 4841, "pond", Path.of("pki"), false, Map.of(),
                null);

        assertThat(settings.endpointUrl()).isEqualTo("opc.tcp://[::1]:4841/pond");
    }

    @Test
    void refusesAPortOutOfRangeAndANonPositivePeriod() {
        assertThatThrownBy(() -> SubstationSettings.local(0, Path.of("pki")))
                .hasMessage("port : 0 (expected: 1 to 65535)");
        assertThatThrownBy(() -> SubstationSettings.local(4840, Path.of("pki")).withUpdatePeriod(Duration.ZERO))
                .hasMessage("updatePeriod : PT0S (expected: > 0)");
    }
}
