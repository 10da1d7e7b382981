package io.plantstream.streams.oee;

/**
 * Parts made in one window, with their ideal production time: each part weighs the ideal cycle
 * time of the job it was made for, so that several jobs in one window add up correctly.
 * Ideal times are in microseconds.
 */
public record WindowCounts(long total, long rejected, long totalIdealMicros, long rejectedIdealMicros) {

    public static final WindowCounts NONE = new WindowCounts(0, 0, 0, 0);

    public WindowCounts plus(long produced, long rejects, long idealCycleMicros) {
        return new WindowCounts(total + produced, rejected + rejects,
                totalIdealMicros + produced * idealCycleMicros, rejectedIdealMicros + rejects * idealCycleMicros);
    }

    public long good() {
        return total - rejected;
    }

    public long goodIdealMicros() {
        return totalIdealMicros - rejectedIdealMicros;
    }
}
