package io.plantstream.streams.parameters;

import java.util.ArrayDeque;
import java.util.TreeMap;

/** One parameter of one machine: its open windows, its recent minute means and its open alerts. */
final class ParameterState {
    /** Open one-minute windows by start (ms). */
    final TreeMap<Long, Moments> minutes = new TreeMap<>();
    /** The hour being built from closed minutes, by its start (ms); -1 when none. */
    long hourStart = -1;
    Moments hour = new Moments();
    /** Whether the open hour was published as it was when its machine fell idle. */
    boolean hourShown;
    /** The last closed minute means, oldest first, at most {@link ParameterSettings#RUN_LENGTH}. */
    final ArrayDeque<Double> recent = new ArrayDeque<>();
    /** Minute means seen while learning the centre line (no declared control limits). */
    Moments baseline = new Moments();
    /** Bits of the {@link Rule}s whose alert is open. */
    int activeRules;

    boolean isActive(Rule rule) {
        return (activeRules & rule.bit()) != 0;
    }

    void setActive(Rule rule, boolean active) {
        activeRules = active ? activeRules | rule.bit() : activeRules & ~rule.bit();
    }
}
