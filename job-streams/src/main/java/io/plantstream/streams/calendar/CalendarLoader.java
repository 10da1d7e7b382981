package io.plantstream.streams.calendar;

import io.plantstream.config.yaml.Problems;
import io.plantstream.config.yaml.YamlDocument;
import io.plantstream.config.yaml.YamlNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a shift calendar from YAML and reports every problem at once with file, line and key.
 * <pre>
 * timeZone: Europe/Berlin
 * patterns:
 *   three-shift:
 *     - {name: early, start: "06:00", end: "14:00", days: [MON, TUE, WED, THU, FRI],
 *        breaks: [{start: "09:00", end: "09:15"}]}
 * default: three-shift
 * machines: {M10: two-shift}
 * exceptions: [{date: 2026-12-25}, {date: 2026-03-07, pattern: three-shift, shifts: [early]}]
 * plannedStops: [{machines: [M01], from: "2026-03-02T10:00", to: "2026-03-02T11:00", reason: maintenance}]
 * </pre>
 */
public final class CalendarLoader {

    private CalendarLoader() {
    }

    public static ShiftCalendar load(Path file) {
        return read(YamlDocument.read(file));
    }

    public static ShiftCalendar parse(String name, String yaml) {
        return read(YamlDocument.parse(name, yaml));
    }

    private static ShiftCalendar read(YamlNode root) {
        Problems problems = root.problems();
        root.allowOnly("timeZone", "patterns", "default", "machines", "exceptions", "plannedStops");
        ZoneId zone = root.get("timeZone").as(true, "a time zone such as Europe/Berlin", ZoneId::of)
                .orElse(ZoneId.of("UTC"));
        Map<String, List<ShiftDefinition>> patterns = new LinkedHashMap<>();
        root.get("patterns").entries().forEach((name, node) -> patterns.put(name, shifts(node)));
        if (patterns.isEmpty()) {
            problems.add(root.get("patterns").where() + ": at least one shift pattern is required");
        }
        String defaultPattern = root.get("default").text(true).orElse(null);
        checkPattern(root.get("default"), defaultPattern, patterns);
        Map<String, String> machines = new HashMap<>();
        root.get("machines").entries().forEach((machine, node) -> node.text(true).ifPresent(pattern -> {
            checkPattern(node, pattern, patterns);
            machines.put(machine, pattern);
        }));
        List<CalendarException> exceptions = new ArrayList<>();
        Set<LocalDate> seenDates = new HashSet<>();
        for (YamlNode node : root.get("exceptions").items()) {
            node.allowOnly("date", "pattern", "shifts", "machines");
            LocalDate date = node.get("date").as(true, "a date (YYYY-MM-DD)", LocalDate::parse).orElse(null);
            String pattern = node.get("pattern").text(false).orElse(null);
            if (pattern != null) {
                checkPattern(node.get("pattern"), pattern, patterns);
            }
            Set<String> machineIds = texts(node.get("machines"));
            if (date != null && machineIds.isEmpty() && !seenDates.add(date)) {
                problems.add(node.where() + ": a second exception for " + date);
            }
            exceptions.add(new CalendarException(date, pattern, texts(node.get("shifts")), machineIds));
        }
        List<PlannedStop> stops = new ArrayList<>();
        for (YamlNode node : root.get("plannedStops").items()) {
            node.allowOnly("machines", "from", "to", "reason");
            LocalDateTime from = node.get("from").as(true, "a local date-time (2026-03-02T10:00)", LocalDateTime::parse)
                    .orElse(null);
            LocalDateTime to = node.get("to").as(true, "a local date-time (2026-03-02T11:00)", LocalDateTime::parse)
                    .orElse(null);
            if (from != null && to != null && !to.isAfter(from)) {
                problems.add(node.where() + ": 'to' must be after 'from'");
            }
            stops.add(new PlannedStop(texts(node.get("machines")), from, to,
                    node.get("reason").text(false).orElse("planned stop")));
        }
        problems.throwIfAny("shift calendar");
        return new ShiftCalendar(zone, patterns, defaultPattern, machines, exceptions, stops);
    }

    private static List<ShiftDefinition> shifts(YamlNode pattern) {
        List<ShiftDefinition> shifts = new ArrayList<>();
        for (YamlNode node : pattern.items()) {
            node.allowOnly("name", "start", "end", "days", "breaks");
            String name = node.get("name").text(true).orElse("?");
            LocalTime start = time(node.get("start"));
            LocalTime end = time(node.get("end"));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (YamlNode day : node.get("days").items()) {
                day.as(true, "a weekday (MON..SUN)", CalendarLoader::day).ifPresent(days::add);
            }
            if (node.get("days").isMissing()) {
                days.addAll(EnumSet.allOf(DayOfWeek.class));
            }
            List<ShiftDefinition.Break> breaks = new ArrayList<>();
            for (YamlNode b : node.get("breaks").items()) {
                b.allowOnly("start", "end");
                breaks.add(new ShiftDefinition.Break(time(b.get("start")), time(b.get("end"))));
            }
            shifts.add(new ShiftDefinition(name, start, end, days, breaks));
        }
        if (shifts.isEmpty()) {
            pattern.problems().add(pattern.where() + ": a pattern needs at least one shift");
        }
        return shifts;
    }

    private static LocalTime time(YamlNode node) {
        return node.as(true, "a time of day (HH:MM)", LocalTime::parse).orElse(LocalTime.MIDNIGHT);
    }

    private static DayOfWeek day(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(upper) || d.name().substring(0, 3).equals(upper)) {
                return d;
            }
        }
        throw new IllegalArgumentException(text);
    }

    private static Set<String> texts(YamlNode list) {
        Set<String> values = new HashSet<>();
        list.items().forEach(item -> item.text(true).ifPresent(values::add));
        return values;
    }

    private static void checkPattern(YamlNode node, String pattern, Map<String, List<ShiftDefinition>> patterns) {
        if (pattern != null && !patterns.containsKey(pattern)) {
            node.problems().add(node.where() + ": unknown pattern '" + pattern + "' (defined: "
                    + String.join(", ", patterns.keySet()) + ")");
        }
    }
}
