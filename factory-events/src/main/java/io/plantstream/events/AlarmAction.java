package io.plantstream.events;

/** Whether an alarm was raised or cleared. */
public enum AlarmAction {
    RAISED, CLEARED
}
