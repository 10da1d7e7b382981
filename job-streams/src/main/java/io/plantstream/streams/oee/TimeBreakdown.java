package io.plantstream.streams.oee;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time of a window went, in milliseconds. Planned stops (calendar breaks and planned
 * maintenance, and PLANNED_STOP reported by the machine) are outside planned production time;
 * everything else is run time or a loss.
 */
public record TimeBreakdown(long windowMs, long plannedStopMs, long runMs, Map<String, Long> downByReason,
        long idleMs, long setupMs, long noSignalMs) {

    public TimeBreakdown {
        downByReason = Map.copyOf(new TreeMap<>(downByReason));
    }

    public long plannedMs() {
        return windowMs - plannedStopMs;
    }

    public long downMs() {
        return downByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
