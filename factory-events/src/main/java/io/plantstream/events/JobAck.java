package io.plantstream.events;

/** What a machine did with a job command. Topic job.acks.v1. */
public record JobAck(
        EventMeta meta,
        String commandId,
        String machineId,
        String orderNo,
        JobCommandType commandType,
        AckResult result,
        @OptionalField String reason) implements FactoryEvent {

    public JobAck {
        Check.required(meta, "meta");
        Check.id(commandId, "commandId");
        Check.id(machineId, "machineId");
        Check.id(orderNo, "orderNo");
        Check.required(commandType, "commandType");
        Check.required(result, "result");
        if (result == AckResult.REJECTED && (reason == null || reason.isBlank())) {
            throw new InvalidFieldException("reason", "is required when the command was REJECTED");
        }
    }
}
