package io.minewatch.simulators.opcua;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/** What a simulated point reports besides its value: healthy, or one of the faults a real transmitter shows. */
public enum PointStatus {
    /** Good: the value is measured. */
    GOOD(StatusCode.GOOD, true),
    /** Uncertain_SensorNotAccurate: out of calibration, the value is sent. */
    UNCERTAIN(new StatusCode(StatusCodes.Uncertain_SensorNotAccurate), true),
    /** Bad_SensorFailure with the (meaningless) value still sent, as many PLCs do. */
    BAD(new StatusCode(StatusCodes.Bad_SensorFailure), true),
    /** Bad_CommunicationError without a value: the data logger lost its field device. */
    BAD_WITHOUT_VALUE(new StatusCode(StatusCodes.Bad_CommunicationError), false);

    private final StatusCode statusCode;
    private final boolean carriesValue;

    PointStatus(StatusCode statusCode, boolean carriesValue) {
        this.statusCode = statusCode;
        this.carriesValue = carriesValue;
    }

    public StatusCode statusCode() {
        return statusCode;
    }

    public boolean carriesValue() {
        return carriesValue;
    }
}
