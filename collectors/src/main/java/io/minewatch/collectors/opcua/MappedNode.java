package io.minewatch.collectors.opcua;

import io.minewatch.config.quantity.Unit;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * A server variable resolved for one connection, and the registered sensor it is.
 *
 * @param nodeId the node id with this session's namespace index
 * @param sensor registered sensor id
 * @param site   the sensor's site, from the configuration
 * @param unit   the unit the server reports in; null for the sensor's canonical unit
 */
record MappedNode(NodeId nodeId, String sensor, String site, Unit unit) {

    MappedNode {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(site, "site");
    }

    /** How the node is named in readings' topic and in rejections. */
    String address() {
        return nodeId.toParseableString();
    }
}
