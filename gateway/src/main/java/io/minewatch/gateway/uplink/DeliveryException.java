package io.minewatch.gateway.uplink;

/**
 * A delivery that did not happen. {@code poisoned}: the regulator refused this very message (it would refuse it again),
 * so it goes to the dead-letter file instead of blocking the ones after it; otherwise it is retried.
 */
public final class DeliveryException extends Exception {

    private final boolean poisoned;

    public DeliveryException(String reason, boolean poisoned, Throwable cause) {
        super(reason, cause);
        this.poisoned = poisoned;
    }

    public static DeliveryException retry(String reason, Throwable cause) {
        return new DeliveryException(reason, false, cause);
    }

    public static DeliveryException poisoned(String reason) {
        return new DeliveryException(reason, true, null);
    }

    public boolean poisoned() {
        return poisoned;
    }
}
