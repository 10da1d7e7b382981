package io.plantstream.streams.calendar;

import java.time.LocalDateTime;
import java.util.Set;

/** Planned downtime (e.g. maintenance) for some machines, or all when {@code machines} is empty. */
public record PlannedStop(Set<String> machines, LocalDateTime from, LocalDateTime to, String reason) {

    public PlannedStop {
        machines = Set.copyOf(machines);
    }

    boolean appliesTo(String machineId) {
        return machines.isEmpty() || machines.contains(machineId);
    }
}
