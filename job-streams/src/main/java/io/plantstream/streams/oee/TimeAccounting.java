package io.plantstream.streams.oee;

import io.plantstream.events.MachineStatus;
import io.plantstream.streams.calendar.Interval;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Splits a window's elapsed time into planned stops, run time and the time losses. */
public final class TimeAccounting {
    /** Reason used for DOWN time the machine gave no reason for. */
    public static final String NO_REASON = "unspecified";

    private TimeAccounting() {
    }

    /**
     * @param window the elapsed part of the window: [window start, min(window end, now))
     * @param plannedStops calendar planned stops (breaks, maintenance) inside the window
     * @param timeoutMs silence longer than this is no signal (OFFLINE)
     */
    public static TimeBreakdown account(MachineTimeline timeline, Interval window, List<Interval> plannedStops,
            long timeoutMs) {
        List<Interval> silences = timeline.silences(window.startMs(), window.endMs(), timeoutMs);
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(window.startMs());
        cuts.add(window.endMs());
        timeline.states.subMap(window.startMs(), true, window.endMs(), false).keySet().forEach(cuts::add);
        plannedStops.forEach(i -> addCuts(cuts, i, window));
        silences.forEach(i -> addCuts(cuts, i, window));

        long plannedStop = 0;
        long run = 0;
        long idle = 0;
        long setup = 0;
        long noSignal = 0;
        Map<String, Long> down = new HashMap<>();
        Long from = null;
        for (long cut : cuts) {
            if (from != null) {
                long length = cut - from;
                long t = from;
                if (inAny(plannedStops, t)) {
                    plannedStop += length;
                } else if (inAny(silences, t)) {
                    noSignal += length;
                } else {
                    StateMark mark = timeline.stateAt(t);
                    MachineStatus status = mark == null ? MachineStatus.OFFLINE : mark.status();
                    switch (status) {
                        case RUNNING -> run += length;
                        case IDLE -> idle += length;
                        case SETUP -> setup += length;
                        case PLANNED_STOP -> plannedStop += length;
                        case OFFLINE -> noSignal += length;
                        case DOWN -> down.merge(mark.reason() == null || mark.reason().isBlank()
                                ? NO_REASON : mark.reason(), length, Long::sum);
                        default -> throw new IllegalStateException("unknown status " + status);
                    }
                }
            }
            from = cut;
        }
        return new TimeBreakdown(window.length(), plannedStop, run, down, idle, setup, noSignal);
    }

    private static void addCuts(TreeSet<Long> cuts, Interval interval, Interval window) {
        Interval clipped = interval.clip(window);
        if (clipped != null) {
            cuts.add(clipped.startMs());
            cuts.add(clipped.endMs());
        }
    }

    private static boolean inAny(List<Interval> intervals, long t) {
        for (Interval i : intervals) {
            if (i.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
