package io.minewatch.simulators.opcua;

import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The substation's address space: {@code Objects/Substation/{site}/{kind}/{sensor}}, one Double variable per
 * simulated sensor. Folder node ids are their path ({@code s=CM01/ch4}); a variable's node id and browse name are
 * its sensor id ({@code s=CM01-CH4-T1}), so an explicit mapping and a browse mapping by name both read naturally.
 */
final class SubstationNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:minewatch:substation";
    static final String ROOT = "Substation";

    private final Fleet fleet;
    private final Map<String, UaVariableNode> variables = new HashMap<>();
    private final SubscriptionModel subscriptionModel;

    SubstationNamespace(OpcUaServer server, Fleet fleet, Map<String, DataValue> initialValues) {
        super(server, URI);
        this.fleet = fleet;
        this.subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(() -> createNodes(initialValues));
    }

    private void createNodes(Map<String, DataValue> initialValues) {
        UaFolderNode root = folder(ROOT, "Substation");
        root.addReference(new Reference(root.getNodeId(), Identifiers.Organizes,
                Identifiers.ObjectsFolder.expanded(), false));
        Map<String, UaFolderNode> folders = new LinkedHashMap<>();
        for (SimulatedSensor sensor : fleet.sensors()) {
            UaFolderNode site = folders.computeIfAbsent(sensor.site(), id -> {
                UaFolderNode folder = folder(id, id);
                root.addOrganizes(folder);
                return folder;
            });
            String kindPath = sensor.site() + "/" + sensor.kind().id();
            UaFolderNode kind = folders.computeIfAbsent(kindPath, path -> {
                UaFolderNode folder = folder(path, sensor.kind().id());
                site.addOrganizes(folder);
                return folder;
            });
            UaVariableNode variable = UaVariableNode.builder(getNodeContext())
                    .setNodeId(newNodeId(sensor.id()))
                    .setBrowseName(newQualifiedName(sensor.id()))
                    .setDisplayName(LocalizedText.english(sensor.id()))
                    .setDescription(LocalizedText.english(sensor.kind().id() + " in " + sensor.unit().symbol()))
                    .setDataType(Identifiers.Double)
                    .setAccessLevel(AccessLevel.READ_ONLY)
                    .setUserAccessLevel(AccessLevel.READ_ONLY)
                    .setValue(initialValues.get(sensor.id()))
                    .build();
            getNodeManager().addNode(variable);
            kind.addOrganizes(variable);
            variables.put(sensor.id(), variable);
        }
    }

    private UaFolderNode folder(String id, String name) {
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(folder);
        return folder;
    }

    /** Sets the value of {@code sensor}'s variable; subscribed clients see it at their next sample. */
    void update(String sensor, DataValue value) {
        UaVariableNode variable = variables.get(sensor);
        if (variable != null) {
            variable.setValue(value);
        }
    }

    NodeId nodeIdOf(String sensor) {
        return newNodeId(sensor);
    }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }
}
