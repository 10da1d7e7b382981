package io.plantstream.streams.oee;

import io.plantstream.events.MachineStatus;
import io.plantstream.streams.calendar.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the OEE stream remembers about one machine: its state changes, when it was heard from
 * (as clusters of signals no further apart than the silence timeout), the parts counted per open
 * window, its active job, and up to when its windows are final. Out-of-order events inside the
 * grace period slot in where they belong.
 */
public final class MachineTimeline {
    /** State changes by time. */
    final TreeMap<Long, StateMark> states = new TreeMap<>();
    /** Sorted, disjoint clusters of signals [first, last]; a gap between clusters is silence. */
    final List<long[]> heard = new ArrayList<>();
    /** Counts per open window, by window start; shift and hour windows kept apart. */
    final TreeMap<Long, WindowCounts> shiftCounts = new TreeMap<>();
    final TreeMap<Long, WindowCounts> hourCounts = new TreeMap<>();
    String activeOrder;
    long activeIdealMicros;
    /** Windows ending at or before this instant are final; events before it are late. */
    long finalUntilMs = Long.MIN_VALUE;
    /** Start of the DOWN period an alert is open for, or -1. */
    long downAlertSinceMs = -1;
    boolean oeeAlertOpen;

    public void recordState(long t, MachineStatus status, String reason) {
        states.put(t, new StateMark(status, reason));
    }

    /** The machine was heard from at {@code t}. */
    public void recordSignal(long t, long timeoutMs) {
        int i = 0;
        while (i < heard.size() && heard.get(i)[1] + timeoutMs < t) {
            i++;
        }
        if (i == heard.size() || heard.get(i)[0] - timeoutMs > t) {
            heard.add(i, new long[] {t, t});
            return;
        }
        long[] cluster = heard.get(i);
        cluster[0] = Math.min(cluster[0], t);
        cluster[1] = Math.max(cluster[1], t);
        while (i + 1 < heard.size() && heard.get(i + 1)[0] - timeoutMs <= cluster[1]) {
            cluster[1] = Math.max(cluster[1], heard.remove(i + 1)[1]);
        }
    }

    public void addCounts(TreeMap<Long, WindowCounts> windows, long windowStart, long produced, long rejected,
            long idealMicros) {
        windows.merge(windowStart, WindowCounts.NONE.plus(produced, rejected, idealMicros),
                (old, add) -> old.plus(add.total(), add.rejected(), idealMicros));
    }

    public StateMark stateAt(long t) {
        Map.Entry<Long, StateMark> entry = states.floorEntry(t);
        return entry == null ? null : entry.getValue();
    }

    /** Since when the machine is in its latest state, or -1 if no state is known. */
    public long latestStateSince() {
        return states.isEmpty() ? -1 : states.lastKey();
    }

    public StateMark latestState() {
        return states.isEmpty() ? null : states.lastEntry().getValue();
    }

    public long lastHeardMs() {
        return heard.isEmpty() ? Long.MIN_VALUE : heard.get(heard.size() - 1)[1];
    }

    /** Spans of silence longer than the timeout inside [from, until): from a last signal to the next. */
    public List<Interval> silences(long from, long until, long timeoutMs) {
        List<Interval> silent = new ArrayList<>();
        long previousEnd = Long.MIN_VALUE;
        for (long[] cluster : heard) {
            if (previousEnd != Long.MIN_VALUE) {
                add(silent, previousEnd, cluster[0], from, until);
            }
            previousEnd = cluster[1];
        }
        if (previousEnd == Long.MIN_VALUE) {
            add(silent, from, until, from, until);
        } else {
            if (until - previousEnd > timeoutMs) {
                add(silent, previousEnd, until, from, until);
            }
            long firstHeard = heard.get(0)[0];
            add(silent, from, firstHeard, from, until);
        }
        return Interval.merge(silent);
    }

    /** Forgets what no open window needs any more (keeps the state and signal in force at {@code horizon}). */
    public void forgetBefore(long horizon) {
        NavigableMap<Long, StateMark> old = states.headMap(horizon, false);
        while (old.size() > 1) {
            old.pollFirstEntry();
        }
        while (heard.size() > 1 && heard.get(1)[1] < horizon) {
            heard.remove(0);
        }
        shiftCounts.headMap(horizon, false).clear();
        hourCounts.headMap(horizon, false).clear();
    }

    private static void add(List<Interval> out, long start, long end, long from, long until) {
        long s = Math.max(start, from);
        long e = Math.min(end, until);
        if (s < e) {
            out.add(new Interval(s, e));
        }
    }
}
