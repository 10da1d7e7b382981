package io.plantstream.collector.core;

/**
 * Turns a machine's absolute part counter into increments. A counter that goes backwards was
 * reset (a PLC restart) or wrapped past its maximum; neither yields a negative or huge count.
 * An increase larger than {@code maxStep} between two reads is refused as implausible (a
 * garbage read) and the counter is taken as the new baseline.
 */
public final class CounterTracker {
    private final long max;
    private final long maxStep;
    private Long last;

    public CounterTracker(long max, long maxStep) {
        this.max = max;
        this.maxStep = maxStep;
    }

    /** What one reading means. */
    public record Step(long delta, boolean reset, String problem) {
        static final Step NONE = new Step(0, false, null);
    }

    /** Starts from a known counter value, e.g. the last one published before a restart. */
    public void baseline(long value) {
        last = value;
    }

    public Long last() {
        return last;
    }

    public Step update(long value) {
        if (value < 0 || value > max) {
            return new Step(0, false, "counter value " + value + " is outside 0.." + max);
        }
        if (last == null) {
            last = value;
            return Step.NONE;
        }
        long previous = last;
        last = value;
        if (value >= previous) {
            long delta = value - previous;
            if (delta > maxStep) {
                return new Step(0, false, "counter jumped from " + previous + " to " + value + ", more than "
                        + maxStep + " at once; taken as the new baseline");
            }
            return new Step(delta, false, null);
        }
        long wrapped = (max - previous) + value + 1;
        if (wrapped <= maxStep) {
            return new Step(wrapped, true, null);
        }
        if (value <= maxStep) {
            // reset (PLC restart, counter cleared): the parts since the reset
            return new Step(value, true, null);
        }
        return new Step(0, true, "counter went back from " + previous + " to " + value
                + "; taken as the new baseline");
    }
}
