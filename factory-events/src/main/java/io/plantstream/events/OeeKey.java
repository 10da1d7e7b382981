package io.plantstream.events;

import java.time.Instant;

/** Key of oee.v1: one record per machine, granularity and window start (compacted). */
public record OeeKey(String machineId, OeeGranularity granularity, Instant windowStart) {

    public OeeKey {
        Check.id(machineId, "machineId");
        Check.required(granularity, "granularity");
        Check.required(windowStart, "windowStart");
    }
}
