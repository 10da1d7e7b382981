package io.plantstream.events;

import java.time.Instant;

/** An operator's call for help at a machine, and its acknowledgement and resolution. Topic andon.calls.v1. */
public record AndonCall(
        EventMeta meta,
        String callId,
        String machineId,
        AndonReason reason,
        AndonStatus status,
        String raisedBy,
        Instant raisedAt,
        @OptionalField String handledBy,
        @OptionalField String note) implements FactoryEvent {

    public AndonCall {
        Check.required(meta, "meta");
        Check.id(callId, "callId");
        Check.id(machineId, "machineId");
        Check.required(reason, "reason");
        Check.required(status, "status");
        Check.id(raisedBy, "raisedBy");
        Check.required(raisedAt, "raisedAt");
        if (status != AndonStatus.OPEN && (handledBy == null || handledBy.isBlank())) {
            throw new InvalidFieldException("handledBy", "is required once a call is " + status);
        }
    }
}
