package io.minewatch.collectors.opcua;

import io.minewatch.collectors.opcua.AddressSpaceBrowser.BrowsedNode;
import io.minewatch.collectors.opcua.AddressSpaceBrowser.NodeRefusedException;
import io.minewatch.config.OpcUaCollectorConfig;
import io.minewatch.config.OpcUaCollectorConfig.BrowseMapping;
import io.minewatch.config.OpcUaCollectorConfig.NodeMapping;
import io.minewatch.config.sites.SensorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.UaRuntimeException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Turns a collector's node and browse mappings into the variables to monitor, on every connection: a restarted or
 * reconfigured server may have moved namespaces ({@code nsu=} ids follow them) or variables (browse mappings find
 * them again). Explicit node mappings win over browse matches for the same node or sensor. What cannot be resolved is
 * reported, not fatal: the other variables are still monitored.
 */
final class NodeResolver {

    /** The variables to monitor, and what could not be mapped, one sentence each. */
    record Resolution(List<MappedNode> nodes, List<String> problems) {

        Resolution {
            nodes = List.copyOf(nodes);
            problems = List.copyOf(problems);
        }
    }

    private final OpcUaCollectorConfig config;
    private final Map<String, SensorConfig> sensors;
    private final List<Pattern> patterns = new ArrayList<>();

    NodeResolver(OpcUaCollectorConfig config, Map<String, SensorConfig> sensors) {
        this.config = config;
        this.sensors = sensors;
        for (BrowseMapping browse : config.browse()) {
            patterns.add(Pattern.compile(browse.pattern()));
        }
    }

    Resolution resolve(OpcUaClient client) throws OpcUaConnectException {
        NamespaceTable namespaces = OpcUaClients.await(client.readNamespaceTableAsync(), "reading the namespace table");
        Map<NodeId, MappedNode> byNode = new LinkedHashMap<>();
        Map<String, NodeId> bySensor = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (NodeMapping mapping : config.nodes()) {
            SensorConfig sensor = sensors.get(mapping.sensor());
            Optional<NodeId> node = nodeId(mapping.node(), namespaces);
            if (sensor == null) {
                problems.add(mapping.node() + ": sensor " + mapping.sensor() + " is not registered");
            } else if (node.isEmpty()) {
                problems.add(mapping.node() + ": its namespace is not in the server's namespace table "
                        + List.of(namespaces.toArray()));
            } else if (bySensor.putIfAbsent(sensor.id(), node.get()) == null) {
                byNode.put(node.get(), new MappedNode(node.get(), sensor.id(), sensor.site(), mapping.unit()));
            }
        }
        AddressSpaceBrowser browser = new AddressSpaceBrowser(client);
        for (int i = 0; i < config.browse().size(); i++) {
            BrowseMapping browse = config.browse().get(i);
            Optional<NodeId> folder = nodeId(browse.folder(), namespaces);
            if (folder.isEmpty()) {
                problems.add("browse " + browse.folder() + ": its namespace is not in the server's namespace table");
                continue;
            }
            List<BrowsedNode> variables;
            try {
                variables = browser.variablesBelow(folder.get(), browse.depth());
            } catch (NodeRefusedException e) {
                problems.add(e.getMessage());
                continue;
            }
            map(browse, patterns.get(i), variables, byNode, bySensor, problems);
        }
        return new Resolution(List.copyOf(byNode.values()), problems);
    }

    private void map(BrowseMapping browse, Pattern pattern, List<BrowsedNode> variables,
            Map<NodeId, MappedNode> byNode, Map<String, NodeId> bySensor, List<String> problems) {
        int matched = 0;
        for (BrowsedNode variable : variables) {
            Matcher matcher = pattern.matcher(variable.browseName());
            if (!matcher.matches()) {
                continue;
            }
            matched++;
            String sensorId = sensorId(matcher, browse.sensor());
            SensorConfig sensor = sensors.get(sensorId);
            if (sensor == null) {
                problems.add("browse " + browse.folder() + ": variable " + variable.browseName() + " ("
                        + variable.nodeId().toParseableString() + ") names sensor " + sensorId
                        + ", which is not registered");
                continue;
            }
            if (byNode.containsKey(variable.nodeId())) {
                continue; // mapped explicitly, or by an earlier browse mapping
            }
            NodeId first = bySensor.putIfAbsent(sensorId, variable.nodeId());
            if (first != null) {
                problems.add("browse " + browse.folder() + ": variable " + variable.nodeId().toParseableString()
                        + " names sensor " + sensorId + ", already read from " + first.toParseableString());
                continue;
            }
            byNode.put(variable.nodeId(), new MappedNode(variable.nodeId(), sensorId, sensor.site(), browse.unit()));
        }
        if (matched == 0) {
            problems.add("browse " + browse.folder() + ": none of its " + variables.size() + " variables is named"
                    + " like " + browse.pattern());
        }
    }

    /** The sensor id {@code template} gives for the whole-name match {@code matcher} has just made. */
    static String sensorId(Matcher matcher, String template) {
        StringBuilder sensor = new StringBuilder();
        matcher.appendReplacement(sensor, template);
        return sensor.toString();
    }

    /** {@code text} as a node id of this session: {@code ns=} as written, {@code nsu=} looked up by URI. */
    static Optional<NodeId> nodeId(String text, NamespaceTable namespaces) {
        try {
            ExpandedNodeId expanded = ExpandedNodeId.parse(text);
            return expanded.toNodeId(namespaces);
        } catch (UaRuntimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
