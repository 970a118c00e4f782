package io.minewatch.collectors;

/**
 * The receipt of one received message. The gateway calls {@link #complete()} exactly once, when every reading of the
 * message has been stored or rejected; a collector acknowledges to its source only then (MQTT QoS 1 PUBACK).
 */
@FunctionalInterface
public interface Delivery {

    Delivery NONE = () -> { };

    void complete();
}
