package io.plantstream.streams.parameters;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameter state of one machine: its own event-time clock, its current order, each parameter. */
final class MachineParameterState {
    /** Latest sample time seen from the machine (ms). */
    long clockMs = Long.MIN_VALUE;
    /** Minutes ending at or before this are closed; samples before it are late. */
    long closedUntilMs = Long.MIN_VALUE;
    /** Wall-clock time the machine's last telemetry arrived (ms). */
    long lastArrivalWallMs;
    /**
     * Since when the machine runs (ms): {@link #NEVER_HEARD} while no state was seen (the control
     * rules then judge every minute), {@link #NOT_RUNNING} while it is in another state.
     */
    long runningSinceMs = NEVER_HEARD;
    static final long NEVER_HEARD = Long.MIN_VALUE;
    static final long NOT_RUNNING = -1;
    /** The order the machine's latest counts were attributed to, or null. */
    String orderNo;
    final Map<String, ParameterState> parameters = new LinkedHashMap<>();

    /** Whether anything is open that an idle close would publish. */
    /** Whether the minute starting at {@code startMs} was production time, for the control rules to judge. */
    boolean producedThrough(long startMs) {
        return runningSinceMs == NEVER_HEARD || (runningSinceMs != NOT_RUNNING && runningSinceMs <= startMs);
    }

    boolean hasOpenWindows() {
        for (ParameterState parameter : parameters.values()) {
            if (!parameter.minutes.isEmpty() || (parameter.hourStart >= 0 && !parameter.hourShown)) {
                return true;
            }
        }
        return false;
    }
}
