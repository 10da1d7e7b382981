package io.plantstream.events;

/**
 * Something people should look at: a machine down too long, OEE under target, a late job, a
 * drifting parameter. Raised with {@code active} true, cleared with the same alert id and false.
 * Topic alerts.v1.
 */
public record Alert(
        EventMeta meta,
        String alertId,
        String machineId,
        AlertKind kind,
        Severity severity,
        boolean active,
        String message,
        @OptionalField String orderNo,
        @OptionalField ParameterFinding finding) implements FactoryEvent {

    public Alert {
        Check.required(meta, "meta");
        Check.id(alertId, "alertId");
        Check.id(machineId, "machineId");
        Check.required(kind, "kind");
        Check.required(severity, "severity");
        Check.required(message, "message");
    }

    /** An alert about a machine or a job, without a parameter finding. */
    public Alert(EventMeta meta, String alertId, String machineId, AlertKind kind, Severity severity, boolean active,
            String message, String orderNo) {
        this(meta, alertId, machineId, kind, severity, active, message, orderNo, null);
    }
}
