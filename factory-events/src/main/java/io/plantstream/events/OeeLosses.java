package io.plantstream.events;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the planned time went, in seconds (the six big losses, plus time without signal).
 * Unplanned downtime is broken down by reason code.
 */
public record OeeLosses(
        double plannedStopSeconds,
        Map<String, Double> downtimeByReason,
        double idleSeconds,
        double setupSeconds,
        double noSignalSeconds,
        double speedLossSeconds,
        double qualityLossSeconds) {

    public OeeLosses {
        Check.nonNegative(plannedStopSeconds, "plannedStopSeconds");
        downtimeByReason = Collections.unmodifiableSortedMap(new TreeMap<>(Check.required(downtimeByReason, "downtimeByReason")));
        downtimeByReason.forEach((reason, seconds) ->
                Check.nonNegative(Check.required(seconds, "downtimeByReason." + reason),
                        "downtimeByReason." + reason));
        Check.nonNegative(idleSeconds, "idleSeconds");
        Check.nonNegative(setupSeconds, "setupSeconds");
        Check.nonNegative(noSignalSeconds, "noSignalSeconds");
        Check.finite(speedLossSeconds, "speedLossSeconds");
        Check.finite(qualityLossSeconds, "qualityLossSeconds");
    }

    /** Unplanned downtime over all reasons (breakdowns), without idle, setup and no-signal time. */
    public double downtimeSeconds() {
        return downtimeByReason.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
