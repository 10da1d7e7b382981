package io.plantstream.events;

/** State of a machine. OFFLINE means no signal past the machine's timeout. */
public enum MachineStatus {
    RUNNING, IDLE, DOWN, SETUP, PLANNED_STOP, OFFLINE
}
