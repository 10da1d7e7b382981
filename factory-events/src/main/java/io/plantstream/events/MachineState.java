package io.plantstream.events;

/** A machine changed state (or re-announced it, as a heartbeat). Topic machine.state.v1. */
public record MachineState(
        EventMeta meta,
        String machineId,
        MachineStatus state,
        @OptionalField String reasonCode,
        @OptionalField String reasonText) implements FactoryEvent {

    public MachineState {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        Check.required(state, "state");
    }
}
