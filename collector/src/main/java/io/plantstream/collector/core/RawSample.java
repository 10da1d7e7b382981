package io.plantstream.collector.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter read from a machine at one moment: raw values by tag name (meaning keys such
 * as {@code partCounter}, and telemetry names), unconverted and unchecked.
 *
 * @param time when the values held: the machine's own time stamp where it gives one
 * @param origin where it came from, for dead letters and logs (e.g. {@code sql:results#4711})
 * @param sampleId a stable identity when the source has one (a row id, a file and line), so
 *     reading the same sample again yields the same event ids; null for polled values
 * @param received when the collector got it: what the silence timeout counts from, so that rows
 *     or files carrying old time stamps still count as a sign of life
 */
public record RawSample(Instant time, Map<String, Object> values, String origin, String sampleId, Instant received) {

    public RawSample {
        Objects.requireNonNull(time, "time");
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(received, "received");
    }

    /** A sample read live: its time is when it was received. */
    public RawSample(Instant time, Map<String, Object> values, String origin, String sampleId) {
        this(time, values, origin, sampleId, time);
    }
}
