package io.minewatch.collectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;

class NodeResolverTest {

    private static String sensorId(String pattern, String browseName, String template) {
        Matcher matcher = Pattern.compile(pattern).matcher(browseName);
        assertThat(matcher.matches()).isTrue();
        return NodeResolver.sensorId(matcher, template);
    }

    @Test
    void buildsTheSensorIdFromTheWholeNameOrItsGroups() {
        assertThat(sensorId("TP01-.*", "TP01-WL-01", "$0")).isEqualTo("TP01-WL-01");
        assertThat(sensorId("CH4_(T\\d)", "CH4_T1", "CM01-CH4-$1")).isEqualTo("CM01-CH4-T1");
        assertThat(sensorId("(?<site>[A-Z]+\\d+)\\.(?<point>.+)", "CM01.CO", "${site}-${point}-01"))
                .isEqualTo("CM01-CO-01");
    }

    @Test
    void resolvesNamespaceUrisAgainstTheServersTableAndKeepsIndexesAsWritten() {
        NamespaceTable namespaces = new NamespaceTable();
        namespaces.addUri("urn:eclipse:milo:server");
        namespaces.addUri("urn:vendor:plc");

        assertThat(NodeResolver.nodeId("nsu=urn:vendor:plc;s=CH4_T1", namespaces))
                .contains(new NodeId(2, "CH4_T1"));
        assertThat(NodeResolver.nodeId("ns=5;i=1001", namespaces)).contains(new NodeId(5, 1001));
        assertThat(NodeResolver.nodeId("i=85", namespaces)).contains(new NodeId(0, 85));
        assertThat(NodeResolver.nodeId("nsu=urn:other:plc;s=CH4_T1", namespaces)).isEmpty();
    }
}
