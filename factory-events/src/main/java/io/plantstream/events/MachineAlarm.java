package io.plantstream.events;

/** An alarm raised or cleared on a machine. Topic machine.alarms.v1. */
public record MachineAlarm(
        EventMeta meta,
        String machineId,
        String alarmCode,
        AlarmAction action,
        Severity severity,
        @OptionalField String text) implements FactoryEvent {

    public MachineAlarm {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        Check.id(alarmCode, "alarmCode");
        Check.required(action, "action");
        Check.required(severity, "severity");
    }
}
