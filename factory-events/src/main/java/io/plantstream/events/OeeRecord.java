package io.plantstream.events;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OEE of one machine over one window, with the times and counts behind the ratios. Ratios are
 * fractions (0.8881 is 88.81 %), absent when undefined (no planned time, no run time, no parts).
 * A ratio above 1 is kept as computed and named in {@code dataProblems}, never clamped.
 * {@code lossPoints} gives each loss as a fraction of planned time (downtime, idle, setup,
 * noSignal, speedLoss, qualityLoss); with the OEE they add up to 1.
 * Topic oee.v1 (compacted by {@link OeeKey}).
 */
public record OeeRecord(
        EventMeta meta,
        String machineId,
        OeeGranularity granularity,
        Instant windowStart,
        Instant windowEnd,
        @OptionalField String shift,
        boolean finalResult,
        double plannedSeconds,
        double runSeconds,
        long totalCount,
        long goodCount,
        double idealProductiveSeconds,
        @OptionalField Double availability,
        @OptionalField Double performance,
        @OptionalField Double quality,
        @OptionalField Double oee,
        OeeLosses losses,
        Map<String, Double> lossPoints,
        List<String> dataProblems) implements FactoryEvent {

    public OeeRecord {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        Check.required(granularity, "granularity");
        Check.required(windowStart, "windowStart");
        Check.required(windowEnd, "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new InvalidFieldException("windowEnd", "must be after windowStart");
        }
        Check.nonNegative(plannedSeconds, "plannedSeconds");
        Check.nonNegative(runSeconds, "runSeconds");
        Check.nonNegative(totalCount, "totalCount");
        Check.nonNegative(goodCount, "goodCount");
        Check.nonNegative(idealProductiveSeconds, "idealProductiveSeconds");
        ratio(availability, "availability");
        ratio(performance, "performance");
        ratio(quality, "quality");
        ratio(oee, "oee");
        Check.required(losses, "losses");
        lossPoints = Collections.unmodifiableSortedMap(new TreeMap<>(Check.required(lossPoints, "lossPoints")));
        dataProblems = List.copyOf(Check.required(dataProblems, "dataProblems"));
    }

    public OeeKey key() {
        return new OeeKey(machineId, granularity, windowStart);
    }

    private static void ratio(Double value, String field) {
        if (value != null) {
            Check.nonNegative(value, field);
        }
    }
}
