package io.minewatch.collectors.mqtt;

import io.minewatch.collectors.Delivery;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The receipt of one MQTT message received with manual acknowledgement: the first {@link #complete()}, from any
 * thread, sends the PUBACK (QoS 1) or PUBCOMP (QoS 2) on the connection the message arrived on; later calls do
 * nothing, so the broker never sees a second acknowledgement for a packet id it may since have reused. The connection
 * number travels with the acknowledgement: after a reconnection the broker delivers unacknowledged messages again and
 * reuses packet ids, so an acknowledgement from an earlier connection must not be sent (it could acknowledge another
 * message that is not yet stored).
 */
final class PahoDelivery implements Delivery {

    /** Sends the acknowledgement of one message; must not block and must not throw. */
    @FunctionalInterface
    interface Acknowledger {
        void acknowledge(int messageId, int qos, int connection);
    }

    private static final VarHandle COMPLETED;

    static {
        try {
            COMPLETED = MethodHandles.lookup().findVarHandle(PahoDelivery.class, "completed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Acknowledger acknowledger;
    private final int messageId;
    private final int qos;
    private final int connection;
    @SuppressWarnings("unused") // through COMPLETED
    private volatile int completed;

    PahoDelivery(Acknowledger acknowledger, int messageId, int qos, int connection) {
        this.acknowledger = acknowledger;
        this.messageId = messageId;
        this.qos = qos;
        this.connection = connection;
    }

    @Override
    public void complete() {
        if (COMPLETED.compareAndSet(this, 0, 1) && qos > 0) {
            acknowledger.acknowledge(messageId, qos, connection);
        }
    }

    @Override
    public String toString() {
        return "PahoDelivery[messageId=" + messageId + ", qos=" + qos + ", connection=" + connection + "]";
    }
}
