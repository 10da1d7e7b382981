package io.plantstream.streams.oee;

import io.plantstream.events.MachineStatus;

/** A machine state from a point in time on, with its reason code (may be null). */
public record StateMark(MachineStatus status, String reason) {
}
