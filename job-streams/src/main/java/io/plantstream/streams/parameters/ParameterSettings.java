package io.plantstream.streams.parameters;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * What the parameter stream needs besides the events.
 *
 * @param zone the plant's time zone: hours are the plant's hours (zones with half-hour offsets too)
 * @param grace a minute is closed once the machine's own clock is this far past its end
 * @param idleClose a machine that sent no telemetry for this long (wall clock) has its open
 *     windows published; samples for them that arrive later are dead letters
 * @param learnMinutes a parameter that learns its control limits takes the centre line and sigma
 *     from this many first production minutes
 * @param cycleTolerance a one-minute mean cycle time more than this fraction above the ideal
 *     cycle time raises an alert
 * @param idealCycleMicros ideal cycle time per machine when no order says otherwise
 */
public record ParameterSettings(
        String source,
        ZoneId zone,
        Duration grace,
        Duration idleClose,
        int learnMinutes,
        double cycleTolerance,
        Map<String, Long> idealCycleMicros,
        long defaultIdealCycleMicros) {

    /** A run: this many one-minute means in a row on one side of the centre line. */
    public static final int RUN_LENGTH = 8;
    /** A trend: this many one-minute means in a row, each above (or each below) the one before. */
    public static final int TREND_LENGTH = 6;

    public ParameterSettings {
        idealCycleMicros = Map.copyOf(idealCycleMicros);
        if (learnMinutes < 2) {
            throw new IllegalArgumentException("learnMinutes must be at least 2, was " + learnMinutes);
        }
    }

    public long idealCycleMicros(String machineId) {
        return idealCycleMicros.getOrDefault(machineId, defaultIdealCycleMicros);
    }
}
