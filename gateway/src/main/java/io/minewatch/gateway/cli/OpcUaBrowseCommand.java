package io.minewatch.gateway.cli;

import io.minewatch.collectors.opcua.AddressSpaceBrowser;
import io.minewatch.collectors.opcua.AddressSpaceBrowser.BrowsedNode;
import io.minewatch.collectors.opcua.OpcUaClients;
import io.minewatch.collectors.opcua.OpcUaConnectException;
import io.minewatch.config.OpcUaCollectorConfig.NodeIdText;
import io.minewatch.config.OpcUaCollectorConfig.Security;
import io.minewatch.config.OpcUaCollectorConfig.SecurityMode;
import io.minewatch.config.OpcUaCollectorConfig.SecurityPolicy;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

/**
 * {@code minewatch opcua-browse URL}: prints an OPC UA server's address space as a tree, every object and variable
 * with the node id to write in {@code collectors.opcua[].nodes} or {@code browse}, and each variable's current value,
 * so that an engineer can write the mapping for any server. The Server object (diagnostics, hundreds of nodes) is
 * left out unless asked for.
 */
final class OpcUaBrowseCommand {

    private static final Set<String> OPTIONS = Set.of("root", "depth", "security", "security-mode", "username",
            "password", "pki-dir", "trust-on-first-use", "server-object");
    private static final int READ_BATCH = 500;

    private final PrintStream out;
    private final PrintStream err;

    /** One node of the printed tree. */
    private record TreeNode(BrowsedNode node, List<TreeNode> children, boolean repeated) {
    }

    OpcUaBrowseCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        // The tree is the output; the SDK's start-up lines are not. Refused certificates are still logged.
        System.setProperty("MINEWATCH_LOG_LEVEL", System.getProperty("MINEWATCH_LOG_LEVEL", "WARN"));
        Options options = new Options(args, OPTIONS);
        if (options.positional().size() != 1) {
            throw new UsageException("expected exactly one endpoint URL, such as opc.tcp://127.0.0.1:4840/minewatch");
        }
        URI endpoint = endpoint(options.positional().get(0));
        Security security = security(options);
        String rootText = options.get("root") == null ? "i=85" : options.get("root");
        if (!NodeIdText.isValid(rootText)) {
            throw new UsageException("--root : " + rootText + " (expected: " + NodeIdText.EXPECTED + ")");
        }
        int depth = depth(options.get("depth"));
        boolean serverObject = yes(options, "server-object");
        OpcUaClient client;
        try {
            client = OpcUaClients.connect("opcua-browse", endpoint, security);
        } catch (OpcUaConnectException e) {
            err.println("minewatch opcua-browse: " + e.getMessage());
            return 1;
        }
        try {
            print(client, endpoint, security, rootText, depth, serverObject);
            return 0;
        } catch (OpcUaConnectException e) {
            err.println("minewatch opcua-browse: " + e.getMessage());
            return 1;
        } finally {
            try {
                client.disconnect().get(OpcUaClients.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Leaving anyway; the server drops the session when it times out.
            }
        }
    }

    private void print(OpcUaClient client, URI endpoint, Security security, String rootText, int depth,
            boolean serverObject) throws OpcUaConnectException {
        String[] namespaces = OpcUaClients.await(client.readNamespaceTableAsync(), "reading the namespace table")
                .toArray();
        NodeId root = ExpandedNodeId.parse(rootText).toNodeId(client.getNamespaceTable()).orElseThrow(() ->
                new OpcUaConnectException("--root " + rootText + ": its namespace is not on this server"));
        out.println(endpoint + "  (security " + security.policy().id()
                + (security.policy() == SecurityPolicy.NONE ? "" : " " + security.mode().id()) + ")");
        out.println("namespaces:");
        for (int i = 0; i < namespaces.length; i++) {
            out.println("  ns=" + i + "  " + namespaces[i]);
        }
        AddressSpaceBrowser browser = new AddressSpaceBrowser(client);
        Set<NodeId> seen = new HashSet<>();
        seen.add(root);
        List<TreeNode> children = walk(browser, root, 1, depth, serverObject, seen);
        Map<NodeId, DataValue> values = readValues(client, seen);
        String rootName = root.equals(Identifiers.ObjectsFolder) ? "Objects" : rootText;
        out.println(rootName + "  " + root.toParseableString());
        print(children, "", values);
        long variables = seen.stream().filter(values::containsKey).count();
        out.println();
        out.println(variables + " variables. Map them to registered sensors in collectors.opcua[] of the"
                + " configuration, one by one:");
        out.println("  nodes: [ { node: \"NODE ID\", sensor: SENSOR-ID } ]");
        out.println("or every variable of a folder whose name matches a pattern:");
        out.println("  browse: [ { folder: \"FOLDER NODE ID\", pattern: \"CM01-.*\" } ]");
        out.println("A node id may name its namespace by URI instead of index (nsu=URI;s=...), which survives a"
                + " reordered namespace table.");
        if (!serverObject && root.equals(Identifiers.ObjectsFolder)) {
            out.println("(The Server object, i=2253, is left out: --server-object yes shows it.)");
        }
    }

    private List<TreeNode> walk(AddressSpaceBrowser browser, NodeId node, int level, int maxDepth,
            boolean serverObject, Set<NodeId> seen) throws OpcUaConnectException {
        List<TreeNode> tree = new ArrayList<>();
        for (BrowsedNode child : browser.children(node)) {
            if (!serverObject && child.nodeId().equals(Identifiers.Server)) {
                continue;
            }
            if (!seen.add(child.nodeId())) {
                tree.add(new TreeNode(child, List.of(), true));
                continue;
            }
            boolean descend = !child.isVariable() && level < maxDepth;
            tree.add(new TreeNode(child, descend ? walk(browser, child.nodeId(), level + 1, maxDepth, serverObject,
                    seen) : List.of(), false));
        }
        return tree;
    }

    private void print(List<TreeNode> nodes, String indent, Map<NodeId, DataValue> values) {
        for (int i = 0; i < nodes.size(); i++) {
            TreeNode node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            StringBuilder line = new StringBuilder(indent).append(last ? "└── " : "├── ")
                    .append(node.node().browseName()).append("  ").append(node.node().nodeId().toParseableString());
            if (!node.node().displayName().equals(node.node().browseName())) {
                line.append("  \"").append(node.node().displayName()).append('"');
            }
            if (node.repeated()) {
                line.append("  (shown above)");
            } else if (node.node().isVariable()) {
                line.append(describe(values.get(node.node().nodeId())));
            }
            out.println(line);
            print(node.children(), indent + (last ? "    " : "│   "), values);
        }
    }

    private static String describe(DataValue value) {
        if (value == null) {
            return "";
        }
        Object raw = value.getValue() == null ? null : value.getValue().getValue();
        String text = raw == null ? "(no value)" : raw.getClass().isArray() ? "(array)"
                : raw.getClass().getSimpleName() + " " + abbreviate(String.valueOf(raw));
        long status = value.getStatusCode() == null ? 0 : value.getStatusCode().getValue();
        String statusText = value.getStatusCode() == null || value.getStatusCode().isGood() ? ""
                : " [" + StatusCodes.lookup(status).map(n -> n[0]).orElse(Long.toHexString(status)) + "]";
        return "  = " + text + statusText;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
    }

    /** The Value attribute of every node seen; objects answer Bad_AttributeIdInvalid and are left out. */
    private static Map<NodeId, DataValue> readValues(OpcUaClient client, Set<NodeId> nodes)
            throws OpcUaConnectException {
        List<NodeId> ids = new ArrayList<>(nodes);
        Map<NodeId, DataValue> values = new HashMap<>();
        for (int from = 0; from < ids.size(); from += READ_BATCH) {
            List<NodeId> batch = ids.subList(from, Math.min(ids.size(), from + READ_BATCH));
            List<DataValue> read = OpcUaClients.await(client.readValues(0, TimestampsToReturn.Neither, batch),
                    "reading values");
            for (int i = 0; i < batch.size(); i++) {
                DataValue value = read.get(i);
                if (value.getStatusCode() == null
                        || value.getStatusCode().getValue() != StatusCodes.Bad_AttributeIdInvalid) {
                    values.put(batch.get(i), value);
                }
            }
        }
        return values;
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if ("opc.tcp".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("endpoint : " + text + " (expected: opc.tcp://HOST:PORT[/PATH])");
    }

    private static Security security(Options options) {
        String policyText = options.get("security") == null ? "none" : options.get("security");
        SecurityPolicy policy = SecurityPolicy.byId(policyText).orElseThrow(() ->
                new UsageException("--security : " + policyText + " (expected: none or basic256sha256)"));
        SecurityMode mode = null;
        if (options.get("security-mode") != null) {
            mode = SecurityMode.byId(options.get("security-mode")).orElseThrow(() -> new UsageException(
                    "--security-mode : " + options.get("security-mode") + " (expected: sign or sign_and_encrypt)"));
        }
        Path pkiDir = Path.of(options.get("pki-dir") == null ? "data/opcua" : options.get("pki-dir"));
        try {
            return new Security(policy, mode, options.get("username"), options.get("password"), pkiDir,
                    yes(options, "trust-on-first-use"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static boolean yes(Options options, String name) {
        String value = options.get(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new UsageException("--" + name + " : " + value + " (expected: yes or no)");
        };
    }

    private static int depth(String text) {
        if (text == null) {
            return 10;
        }
        try {
            int depth = Integer.parseInt(text);
            if (depth >= 1 && depth <= 64) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--depth : " + text + " (expected: 1 to 64)");
    }
}
