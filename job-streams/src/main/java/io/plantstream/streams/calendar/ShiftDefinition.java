package io.plantstream.streams.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * A shift in a weekly pattern, in plant-local time. A shift whose end is not after its start
 * ends on the next day (a night shift 22:00-06:00, or a 24-hour shift 06:00-06:00).
 */
public record ShiftDefinition(String name, LocalTime start, LocalTime end, Set<DayOfWeek> days,
        List<Break> breaks) {

    /** A break inside the shift, in plant-local time. */
    public record Break(LocalTime start, LocalTime end) {
    }

    public ShiftDefinition {
        days = Set.copyOf(days);
        breaks = List.copyOf(breaks);
    }
}
