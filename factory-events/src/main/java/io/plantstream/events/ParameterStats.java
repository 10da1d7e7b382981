package io.plantstream.events;

import java.time.Instant;

/**
 * One parameter of one machine over one window: count, minimum, maximum, mean and (population)
 * standard deviation of its samples, with the limits in force, so a chart needs nothing else.
 * Topics parameter.minutes.v1 and parameter.hours.v1, keyed by machine.
 */
public record ParameterStats(
        EventMeta meta,
        String machineId,
        String parameter,
        @OptionalField String unit,
        StatsResolution resolution,
        Instant windowStart,
        Instant windowEnd,
        long count,
        double min,
        double max,
        double mean,
        double stddev,
        @OptionalField Double specLower,
        @OptionalField Double specUpper,
        @OptionalField Double controlLower,
        @OptionalField Double controlUpper) implements FactoryEvent {

    public ParameterStats {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        Check.id(parameter, "parameter");
        Check.required(resolution, "resolution");
        Check.required(windowStart, "windowStart");
        Check.required(windowEnd, "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidFieldException("windowEnd", "is not after windowStart " + windowStart);
        }
        if (count < 1) {
            throw new InvalidFieldException("count", "is " + count + "; a window holds at least one sample");
        }
        Check.finite(min, "min");
        Check.finite(max, "max");
        Check.finite(mean, "mean");
        Check.nonNegative(Check.finite(stddev, "stddev"), "stddev");
        if (min > max) {
            throw new InvalidFieldException("min", "is " + min + ", above max " + max);
        }
    }
}
