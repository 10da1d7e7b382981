package io.plantstream.streams.oee;

import io.plantstream.streams.calendar.ShiftCalendar;
import java.time.Duration;
import java.util.Map;

/**
 * What the OEE stream needs to know besides the events.
 *
 * @param idealCycleMicros ideal cycle time per machine when no job says otherwise
 * @param defaultIdealCycleMicros ideal cycle time of machines not in the map
 * @param silenceTimeout a machine unheard for longer is OFFLINE, from its last signal on
 * @param grace how long after a window's end late events still correct it
 * @param liveEmitInterval how often live figures are published; zero publishes on every event
 * @param idleAfter when no record arrived for this long, the wall clock moves time on
 * @param downAlertAfter a machine DOWN for longer raises an alert
 * @param oeeAlertBelow live shift OEE under this fraction raises an alert...
 * @param oeeAlertMinPlanned ...once the shift has had this much planned time
 * @param inputWait how long a silent input (states or counts) still holds back the closing of windows;
 *     zero closes them on the latest event time of any input
 */
public record OeeSettings(
        String source,
        ShiftCalendar calendar,
        Map<String, Long> idealCycleMicros,
        long defaultIdealCycleMicros,
        Duration silenceTimeout,
        Duration grace,
        Duration liveEmitInterval,
        Duration idleAfter,
        Duration downAlertAfter,
        double oeeAlertBelow,
        Duration oeeAlertMinPlanned,
        Duration inputWait) {
    public OeeSettings {
        idealCycleMicros = Map.copyOf(idealCycleMicros);
    }

    /** Settings that close windows on the stream's time alone (no input wait): for complete inputs, as in a replay. */
    public OeeSettings(String source, ShiftCalendar calendar, Map<String, Long> idealCycleMicros,
            long defaultIdealCycleMicros, Duration silenceTimeout, Duration grace, Duration liveEmitInterval,
            Duration idleAfter, Duration downAlertAfter, double oeeAlertBelow, Duration oeeAlertMinPlanned) {
        this(source, calendar, idealCycleMicros, defaultIdealCycleMicros, silenceTimeout, grace, liveEmitInterval,
                idleAfter, downAlertAfter, oeeAlertBelow, oeeAlertMinPlanned, Duration.ZERO);
    }

    public long idealCycleMicros(String machineId) {
        return idealCycleMicros.getOrDefault(machineId, defaultIdealCycleMicros);
    }
}
