package io.minewatch.collectors.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * Walks a server's address space with the standard Browse service: forward hierarchical references (Organizes,
 * HasComponent, HasProperty and their subtypes, which is how every server links folders and variables), objects and
 * variables only, following continuation points. Cycles are cut; nodes on other servers are skipped.
 */
public final class AddressSpaceBrowser {

    /** One node found by browsing. */
    public record BrowsedNode(NodeId nodeId, String browseName, String displayName, NodeClass nodeClass) {

        public BrowsedNode {
            Objects.requireNonNull(nodeId, "nodeId");
            browseName = browseName == null ? "" : browseName;
            displayName = displayName == null || displayName.isBlank() ? browseName : displayName;
            Objects.requireNonNull(nodeClass, "nodeClass");
        }

        public boolean isVariable() {
            return nodeClass == NodeClass.Variable;
        }
    }

    /** The server answered, but refused to browse this node (unknown node id, no access). */
    public static final class NodeRefusedException extends OpcUaConnectException {

        private static final long serialVersionUID = 1L;

        NodeRefusedException(String message) {
            super(message);
        }
    }

    private static final int MASK = NodeClass.Object.getValue() | NodeClass.Variable.getValue();

    private final OpcUaClient client;
    private final NamespaceTable namespaces;

    public AddressSpaceBrowser(OpcUaClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaces = client.getNamespaceTable();
    }

    /** The objects and variables directly below {@code node}, in the server's order. */
    public List<BrowsedNode> children(NodeId node) throws OpcUaConnectException {
        BrowseDescription description = new BrowseDescription(node, BrowseDirection.Forward,
                Identifiers.HierarchicalReferences, true, uint(MASK), uint(BrowseResultMask.All.getValue()));
        String doing = "browsing " + node.toParseableString();
        BrowseResult result = OpcUaClients.await(client.browse(description), doing);
        List<BrowsedNode> children = new ArrayList<>();
        while (true) {
            if (result.getStatusCode().isBad()) {
                String name = StatusCodes.lookup(result.getStatusCode().getValue()).map(n -> n[0])
                        .orElse(result.getStatusCode().toString());
                throw new NodeRefusedException(doing + ": " + name);
            }
            ReferenceDescription[] references = result.getReferences();
            if (references != null) {
                for (ReferenceDescription reference : references) {
                    toNode(reference).ifPresent(children::add);
                }
            }
            ByteString continuation = result.getContinuationPoint();
            if (continuation == null || continuation.isNull()) {
                return children;
            }
            result = OpcUaClients.await(client.browseNext(false, continuation), doing);
        }
    }

    /**
     * Every variable below {@code root} down to {@code maxDepth} levels (1: its direct children). Objects are
     * descended into; variables are not (their children are properties such as EURange, not sensors).
     */
    public List<BrowsedNode> variablesBelow(NodeId root, int maxDepth) throws OpcUaConnectException {
        List<BrowsedNode> variables = new ArrayList<>();
        Set<NodeId> visited = new HashSet<>();
        visited.add(root);
        collect(root, 1, maxDepth, visited, variables);
        return variables;
    }

    private void collect(NodeId node, int depth, int maxDepth, Set<NodeId> visited, List<BrowsedNode> variables)
            throws OpcUaConnectException {
        for (BrowsedNode child : children(node)) {
            if (!visited.add(child.nodeId())) {
                continue;
            }
            if (child.isVariable()) {
                variables.add(child);
            } else if (depth < maxDepth) {
                collect(child.nodeId(), depth + 1, maxDepth, visited, variables);
            }
        }
    }

    private Optional<BrowsedNode> toNode(ReferenceDescription reference) {
        if (reference.getNodeId() == null || !reference.getNodeId().isLocal()) {
            return Optional.empty();
        }
        return reference.getNodeId().toNodeId(namespaces).map(id -> {
            QualifiedName browseName = reference.getBrowseName();
            String name = browseName == null ? "" : browseName.getName();
            String display = reference.getDisplayName() == null ? null : reference.getDisplayName().getText();
            return new BrowsedNode(id, name, display, reference.getNodeClass());
        });
    }
}
