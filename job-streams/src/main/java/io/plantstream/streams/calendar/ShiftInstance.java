package io.plantstream.streams.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One concrete shift of one machine: its name, the plant-local date it starts on, its span and
 * its planned stops (breaks and planned maintenance), merged and clipped to the shift.
 */
public record ShiftInstance(String name, LocalDate date, Interval span, List<Interval> plannedStops) {

    public ShiftInstance {
        plannedStops = List.copyOf(Interval.merge(plannedStops));
    }

    public Instant start() {
        return Instant.ofEpochMilli(span.startMs());
    }

    public Instant end() {
        return Instant.ofEpochMilli(span.endMs());
    }

    /** Planned production time inside {@code part} of this shift, in milliseconds. */
    public long plannedMs(Interval part) {
        Interval inside = part.clip(span);
        if (inside == null) {
            return 0;
        }
        return inside.length() - Interval.coveredLength(plannedStops, inside);
    }
}
