package io.plantstream.streams.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When each machine is meant to produce: weekly shift patterns per machine, breaks, planned
 * stops and exceptional days, in the plant's time zone. Days with a clock change have 23 or 25
 * hours; a shift's span is computed from local times, so it is as long as the clock says.
 */
public final class ShiftCalendar {
    private static final int CACHED_MACHINE_DAYS = 20_000;

    private final ZoneId zone;
    private final Map<String, List<ShiftDefinition>> patterns;
    private final String defaultPattern;
    private final Map<String, String> machinePatterns;
    private final List<CalendarException> exceptions;
    private final List<PlannedStop> plannedStops;
    private final Map<String, List<ShiftInstance>> cache = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ShiftInstance>> eldest) {
            return size() > CACHED_MACHINE_DAYS;
        }
    };

    public ShiftCalendar(ZoneId zone, Map<String, List<ShiftDefinition>> patterns, String defaultPattern,
            Map<String, String> machinePatterns, List<CalendarException> exceptions, List<PlannedStop> plannedStops) {
        this.zone = zone;
        this.patterns = Map.copyOf(patterns);
        this.defaultPattern = defaultPattern;
        this.machinePatterns = Map.copyOf(machinePatterns);
        this.exceptions = List.copyOf(exceptions);
        this.plannedStops = List.copyOf(plannedStops);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The shifts of a machine that overlap [from, to), in time order. */
    public List<ShiftInstance> shifts(String machineId, Instant from, Instant to) {
        Interval range = new Interval(from.toEpochMilli(), to.toEpochMilli());
        List<ShiftInstance> result = new ArrayList<>();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (ShiftInstance shift : shiftsStartingOn(machineId, date)) {
                if (shift.span().overlaps(range)) {
                    result.add(shift);
                }
            }
        }
        result.sort((a, b) -> Long.compare(a.span().startMs(), b.span().startMs()));
        return result;
    }

    /** The shift a machine is in at {@code t}, if any. */
    public Optional<ShiftInstance> shiftAt(String machineId, Instant t) {
        return shifts(machineId, t, t.plusMillis(1)).stream()
                .filter(s -> s.span().contains(t.toEpochMilli()))
                .findFirst();
    }

    /** The shifts a machine starts on a date; remembered, since every event asks for them. */
    private List<ShiftInstance> shiftsStartingOn(String machineId, LocalDate date) {
        String key = machineId + '|' + date;
        synchronized (cache) {
            List<ShiftInstance> known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        List<ShiftInstance> shifts = new ArrayList<>();
        for (ShiftDefinition definition : definitionsOn(machineId, date)) {
            shifts.add(instance(machineId, date, definition));
        }
        List<ShiftInstance> result = List.copyOf(shifts);
        synchronized (cache) {
            cache.put(key, result);
        }
        return result;
    }

    private List<ShiftDefinition> definitionsOn(String machineId, LocalDate date) {
        for (CalendarException exception : exceptions) {
            if (exception.date().equals(date) && exception.appliesTo(machineId)) {
                if (exception.pattern() == null) {
                    return List.of();
                }
                return patterns.get(exception.pattern()).stream()
                        .filter(d -> exception.shifts().isEmpty() || exception.shifts().contains(d.name()))
                        .toList();
            }
        }
        String pattern = machinePatterns.getOrDefault(machineId, defaultPattern);
        return patterns.get(pattern).stream().filter(d -> d.days().contains(date.getDayOfWeek())).toList();
    }

    private ShiftInstance instance(String machineId, LocalDate date, ShiftDefinition definition) {
        long start = at(date, definition.start());
        LocalDate endDate = definition.end().isAfter(definition.start()) ? date : date.plusDays(1);
        long end = at(endDate, definition.end());
        Interval span = new Interval(start, end);
        List<Interval> stops = new ArrayList<>();
        for (ShiftDefinition.Break b : definition.breaks()) {
            LocalDate breakDate = b.start().isBefore(definition.start()) ? date.plusDays(1) : date;
            LocalDate breakEndDate = b.end().isAfter(b.start()) ? breakDate : breakDate.plusDays(1);
            Interval clipped = new Interval(at(breakDate, b.start()), at(breakEndDate, b.end())).clip(span);
            if (clipped != null) {
                stops.add(clipped);
            }
        }
        for (PlannedStop stop : plannedStops) {
            if (stop.appliesTo(machineId)) {
                Interval clipped = new Interval(at(stop.from()), at(stop.to())).clip(span);
                if (clipped != null) {
                    stops.add(clipped);
                }
            }
        }
        return new ShiftInstance(definition.name(), date, span, stops);
    }

    private long at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant().toEpochMilli();
    }

    private long at(LocalDateTime time) {
        return time.atZone(zone).toInstant().toEpochMilli();
    }
}
