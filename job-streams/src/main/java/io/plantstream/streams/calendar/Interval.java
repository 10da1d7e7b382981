package io.plantstream.streams.calendar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open span of time [startMs, endMs) in epoch milliseconds. */
public record Interval(long startMs, long endMs) {

    public Interval {
        if (endMs < startMs) {
            throw new IllegalArgumentException("interval ends before it starts: " + startMs + " > " + endMs);
        }
    }

    public long length() {
        return endMs - startMs;
    }

    public boolean contains(long t) {
        return t >= startMs && t < endMs;
    }

    public boolean overlaps(Interval other) {
        return startMs < other.endMs && other.startMs < endMs;
    }

    /** The part of this interval inside {@code bounds}, or null when they do not overlap. */
    public Interval clip(Interval bounds) {
        long s = Math.max(startMs, bounds.startMs);
        long e = Math.min(endMs, bounds.endMs);
        return s < e ? new Interval(s, e) : null;
    }

    /** Sorted, non-overlapping union of the given intervals. */
    public static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::startMs));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (next.length() == 0) {
                continue;
            }
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.startMs <= last.endMs) {
                merged.set(merged.size() - 1, new Interval(last.startMs, Math.max(last.endMs, next.endMs)));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** Total length of the parts of {@code intervals} (merged) inside {@code bounds}. */
    public static long coveredLength(List<Interval> intervals, Interval bounds) {
        long total = 0;
        for (Interval i : merge(intervals)) {
            Interval c = i.clip(bounds);
            if (c != null) {
                total += c.length();
            }
        }
        return total;
    }
}
