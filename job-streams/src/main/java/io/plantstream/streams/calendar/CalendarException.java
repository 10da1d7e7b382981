package io.plantstream.streams.calendar;

import java.time.LocalDate;
import java.util.Set;

/**
 * A day that differs from the weekly pattern: a holiday ({@code pattern} null: no shifts) or an
 * extra working day (the pattern's shifts, whatever their weekdays; {@code shifts} may pick some).
 */
public record CalendarException(LocalDate date, String pattern, Set<String> shifts, Set<String> machines) {

    public CalendarException {
        shifts = Set.copyOf(shifts);
        machines = Set.copyOf(machines);
    }

    boolean appliesTo(String machineId) {
        return machines.isEmpty() || machines.contains(machineId);
    }
}
