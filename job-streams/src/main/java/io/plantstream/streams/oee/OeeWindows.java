package io.plantstream.streams.oee;

import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeRecord;
import io.plantstream.streams.calendar.Interval;
import io.plantstream.streams.calendar.ShiftCalendar;
import io.plantstream.streams.calendar.ShiftInstance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The windows of one machine (shifts from the calendar, clock hours) and their OEE records. */
public final class OeeWindows {
    private static final long HOUR = 3_600_000L;

    private final OeeSettings settings;

    public OeeWindows(OeeSettings settings) {
        this.settings = settings;
    }

    public ShiftCalendar calendar() {
        return settings.calendar();
    }

    public static long hourStart(long t) {
        return Instant.ofEpochMilli(t).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    }

    public Optional<ShiftInstance> shiftAt(String machineId, long t) {
        return settings.calendar().shiftAt(machineId, Instant.ofEpochMilli(t));
    }

    /** The running shift's figures up to {@code now} (granularity LIVE), or empty outside shifts. */
    public Optional<OeeRecord> live(String machineId, MachineTimeline timeline, long now) {
        return shiftAt(machineId, now).map(shift -> shiftRecord(machineId, timeline, shift, now, false));
    }

    public OeeRecord shiftRecord(String machineId, MachineTimeline timeline, ShiftInstance shift, long now,
            boolean isFinal) {
        long until = Math.min(shift.span().endMs(), now);
        Interval elapsed = new Interval(shift.span().startMs(), Math.max(shift.span().startMs(), until));
        TimeBreakdown time = TimeAccounting.account(timeline, elapsed, shift.plannedStops(),
                settings.silenceTimeout().toMillis());
        WindowCounts counts = timeline.shiftCounts.getOrDefault(shift.span().startMs(), WindowCounts.NONE);
        return OeeFigures.record(settings.source(), machineId, isFinal ? OeeGranularity.SHIFT : OeeGranularity.LIVE,
                shift.start(), shift.end(), shift.name(), isFinal, time, counts, Instant.ofEpochMilli(until));
    }

    /** The final record of a clock hour, or empty when nothing was planned or made in it. */
    public Optional<OeeRecord> hourRecord(String machineId, MachineTimeline timeline, long hourStart) {
        Interval hour = new Interval(hourStart, hourStart + HOUR);
        List<Interval> notPlanned = new ArrayList<>();
        long cursor = hour.startMs();
        for (ShiftInstance shift : settings.calendar().shifts(machineId, Instant.ofEpochMilli(hour.startMs()),
                Instant.ofEpochMilli(hour.endMs()))) {
            Interval inside = shift.span().clip(hour);
            if (inside.startMs() > cursor) {
                notPlanned.add(new Interval(cursor, inside.startMs()));
            }
            notPlanned.addAll(shift.plannedStops());
            cursor = Math.max(cursor, inside.endMs());
        }
        if (cursor < hour.endMs()) {
            notPlanned.add(new Interval(cursor, hour.endMs()));
        }
        WindowCounts counts = timeline.hourCounts.getOrDefault(hourStart, WindowCounts.NONE);
        long planned = hour.length() - Interval.coveredLength(notPlanned, hour);
        if (planned == 0 && counts.total() == 0) {
            return Optional.empty();
        }
        TimeBreakdown time = TimeAccounting.account(timeline, hour, clip(notPlanned, hour),
                settings.silenceTimeout().toMillis());
        return Optional.of(OeeFigures.record(settings.source(), machineId, OeeGranularity.HOUR,
                Instant.ofEpochMilli(hour.startMs()), Instant.ofEpochMilli(hour.endMs()), null, true, time, counts,
                Instant.ofEpochMilli(hour.endMs())));
    }

    /**
     * Finalizes what ended at least one grace period before {@code now}: returns the final
     * records and moves the timeline's final mark (events before it are late from then on).
     */
    public List<OeeRecord> finalizeUpTo(String machineId, MachineTimeline timeline, long now) {
        long closeBefore = now - settings.grace().toMillis();
        List<OeeRecord> finals = new ArrayList<>();
        long from = timeline.finalUntilMs == Long.MIN_VALUE ? firstKnown(timeline, closeBefore) : timeline.finalUntilMs;
        if (from >= closeBefore) {
            return finals;
        }
        long newFinal = from;
        for (ShiftInstance shift : settings.calendar().shifts(machineId, Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(closeBefore))) {
            if (shift.span().endMs() <= closeBefore && shift.span().endMs() > from) {
                finals.add(shiftRecord(machineId, timeline, shift, shift.span().endMs(), true));
                newFinal = Math.max(newFinal, shift.span().endMs());
            }
        }
        for (long hour = hourStart(from); hour + HOUR <= closeBefore; hour += HOUR) {
            if (hour + HOUR > from) {
                hourRecord(machineId, timeline, hour).ifPresent(finals::add);
                newFinal = Math.max(newFinal, hour + HOUR);
            }
        }
        timeline.finalUntilMs = newFinal;
        long finalHour = hourStart(newFinal);
        long horizon = settings.calendar().shiftAt(machineId, Instant.ofEpochMilli(newFinal))
                .map(s -> Math.min(s.span().startMs(), finalHour)).orElse(finalHour);
        timeline.forgetBefore(horizon);
        return finals;
    }

    private static long firstKnown(MachineTimeline timeline, long fallback) {
        long first = fallback;
        if (!timeline.states.isEmpty()) {
            first = Math.min(first, timeline.states.firstKey());
        }
        if (!timeline.heard.isEmpty()) {
            first = Math.min(first, timeline.heard.get(0)[0]);
        }
        if (!timeline.hourCounts.isEmpty()) {
            first = Math.min(first, timeline.hourCounts.firstKey());
        }
        return hourStart(first);
    }

    private static List<Interval> clip(List<Interval> intervals, Interval bounds) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            Interval c = i.clip(bounds);
            if (c != null) {
                clipped.add(c);
            }
        }
        return clipped;
    }
}
