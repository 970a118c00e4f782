package io.minewatch.collectors.opcua;

/**
 * A connection to an OPC UA server could not be made, or a service on it failed; the message says why in an
 * operator's words.
 */
public class OpcUaConnectException extends Exception {

    private static final long serialVersionUID = 1L;

    public OpcUaConnectException(String message, Throwable cause) {
        super(message, cause);
    }

    public OpcUaConnectException(String message) {
        super(message);
    }
}
