package io.plantstream.events;

import java.time.Instant;

/**
 * A command for the job on one machine, issued at the edge or in the cloud. The command id makes
 * it idempotent: a machine applies one command id once. A DISPATCH carries the job parameters.
 * Topic job.commands.v1.
 */
public record JobCommand(
        EventMeta meta,
        String commandId,
        String machineId,
        JobCommandType type,
        String orderNo,
        String issuedBy,
        Instant issuedAt,
        @OptionalField JobParameters parameters) implements FactoryEvent {

    public JobCommand {
        Check.required(meta, "meta");
        Check.id(commandId, "commandId");
        Check.id(machineId, "machineId");
        Check.required(type, "type");
        Check.id(orderNo, "orderNo");
        Check.id(issuedBy, "issuedBy");
        Check.required(issuedAt, "issuedAt");
        if (type == JobCommandType.DISPATCH && parameters == null) {
            throw new InvalidFieldException("parameters", "is required for a DISPATCH command");
        }
    }
}
