package io.plantstream.events;

import java.util.List;

/** Sampled tag values of one machine at one time. Topic machine.telemetry.v1. */
public record MachineTelemetry(EventMeta meta, String machineId, List<TagSample> samples) implements FactoryEvent {

    public MachineTelemetry {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        samples = List.copyOf(Check.notEmpty(samples, "samples"));
    }
}
