package io.minewatch.collectors.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.minewatch.config.OpcUaCollectorConfig.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/**
 * Creates one subscription with a monitored item per mapped variable (standard CreateSubscription and
 * CreateMonitoredItems). Each item asks for both timestamps and a DataChangeFilter with the configured trigger and
 * deadband; an item a server refuses for its filter (small servers may not support one) is created again without,
 * taking the server's default (status and value changes, no deadband). Items refused otherwise are reported.
 */
final class MonitoredItems {

    /**
     * The subscription, how many variables it monitors (of which {@code unfiltered} without the configured filter,
     * which the server refused), and each refused variable with the reason.
     */
    record Created(UaSubscription subscription, int monitored, int unfiltered, List<String> refused) {
    }

    private MonitoredItems() {
    }

    static Created create(OpcUaClient client, Subscription settings, List<MappedNode> nodes,
            BiConsumer<MappedNode, DataValue> consumer) throws OpcUaConnectException {
        UaSubscription subscription = OpcUaClients.await(client.getSubscriptionManager()
                .createSubscription(settings.publishingInterval().toMillis()), "creating a subscription");
        ExtensionObject filter = ExtensionObject.encode(client.getStaticSerializationContext(),
                new DataChangeFilter(trigger(settings), uint(deadbandType(settings).getValue()), settings.deadband()));
        List<String> refused = new ArrayList<>();
        List<MappedNode> withoutFilter = new ArrayList<>();
        int monitored = 0;
        int unfiltered = 0;
        List<UaMonitoredItem> items = createItems(subscription, settings, nodes, filter, consumer);
        for (int i = 0; i < items.size(); i++) {
            StatusCode status = items.get(i).getStatusCode();
            if (status.isGood()) {
                monitored++;
            } else if (filterRefused(status)) {
                withoutFilter.add(nodes.get(i));
            } else {
                refused.add(describe(nodes.get(i), status));
            }
        }
        if (!withoutFilter.isEmpty()) {
            List<UaMonitoredItem> retried = createItems(subscription, settings, withoutFilter, null, consumer);
            for (int i = 0; i < retried.size(); i++) {
                StatusCode status = retried.get(i).getStatusCode();
                if (status.isGood()) {
                    monitored++;
                    unfiltered++;
                } else {
                    refused.add(describe(withoutFilter.get(i), status));
                }
            }
        }
        return new Created(subscription, monitored, unfiltered, refused);
    }

    private static List<UaMonitoredItem> createItems(UaSubscription subscription, Subscription settings,
            List<MappedNode> nodes, ExtensionObject filter, BiConsumer<MappedNode, DataValue> consumer)
            throws OpcUaConnectException {
        List<MonitoredItemCreateRequest> requests = new ArrayList<>(nodes.size());
        for (MappedNode node : nodes) {
            ReadValueId item = new ReadValueId(node.nodeId(), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE);
            MonitoringParameters parameters = new MonitoringParameters(subscription.nextClientHandle(),
                    (double) settings.samplingInterval().toMillis(), filter, uint(settings.queueSize()), true);
            requests.add(new MonitoredItemCreateRequest(item, MonitoringMode.Reporting, parameters));
        }
        // The consumer is attached in the creation callback, before the server's first value can arrive.
        return OpcUaClients.await(subscription.createMonitoredItems(TimestampsToReturn.Both, requests,
                (item, index) -> item.setValueConsumer((monitored, value) -> consumer.accept(nodes.get(index), value))),
                "creating monitored items");
    }

    private static boolean filterRefused(StatusCode status) {
        long code = status.getValue() & 0xFFFF0000L;
        return code == StatusCodes.Bad_MonitoredItemFilterUnsupported || code == StatusCodes.Bad_FilterNotAllowed
                || code == StatusCodes.Bad_MonitoredItemFilterInvalid;
    }

    private static String describe(MappedNode node, StatusCode status) {
        return node.address() + " (" + node.sensor() + "): " + ReadingEncoder.statusName(status);
    }

    private static DataChangeTrigger trigger(Subscription settings) {
        return switch (settings.trigger()) {
            case STATUS -> DataChangeTrigger.Status;
            case STATUS_VALUE -> DataChangeTrigger.StatusValue;
            case STATUS_VALUE_TIMESTAMP -> DataChangeTrigger.StatusValueTimestamp;
        };
    }

    private static DeadbandType deadbandType(Subscription settings) {
        return switch (settings.deadbandType()) {
            case NONE -> DeadbandType.None;
            case ABSOLUTE -> DeadbandType.Absolute;
            case PERCENT -> DeadbandType.Percent;
        };
    }
}
