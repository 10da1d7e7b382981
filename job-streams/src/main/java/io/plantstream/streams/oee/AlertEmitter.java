package io.plantstream.streams.oee;

import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Raises and clears the machine alerts the OEE stream is the first to know about. */
final class AlertEmitter {
    private final OeeSettings settings;
    private final String sink;

    AlertEmitter(OeeSettings settings, String sink) {
        this.settings = settings;
        this.sink = sink;
    }

    /** A machine DOWN for longer than the limit: raised once per DOWN period, cleared when it ends. */
    void checkDown(ProcessorContext<Object, Object> context, String machineId, MachineTimeline timeline, long now) {
        StateMark state = timeline.latestState();
        boolean down = state != null && state.status() == MachineStatus.DOWN;
        long since = timeline.latestStateSince();
        if (down && timeline.downAlertSinceMs != since && now - since >= settings.downAlertAfter().toMillis()) {
            timeline.downAlertSinceMs = since;
            emit(context, machineId, "down:" + since, AlertKind.MACHINE_DOWN, Severity.CRITICAL, true,
                    machineId + " DOWN for " + minutes(now - since) + " min"
                            + (state.reason() == null ? "" : " (" + state.reason() + ")"), now);
        } else if (timeline.downAlertSinceMs >= 0 && (!down || timeline.downAlertSinceMs != since)) {
            emit(context, machineId, "down:" + timeline.downAlertSinceMs, AlertKind.MACHINE_DOWN, Severity.CRITICAL,
                    false, machineId + " is no longer DOWN", now);
            timeline.downAlertSinceMs = -1;
        }
    }

    /** The running shift's OEE under the threshold, once enough of the shift is planned time. */
    void checkOee(ProcessorContext<Object, Object> context, String machineId, MachineTimeline timeline, OeeRecord live,
            long now) {
        if (live.oee() == null || live.plannedSeconds() * 1000 < settings.oeeAlertMinPlanned().toMillis()) {
            return;
        }
        boolean low = live.oee() < settings.oeeAlertBelow();
        if (low != timeline.oeeAlertOpen) {
            timeline.oeeAlertOpen = low;
            emit(context, machineId, "oee:" + live.windowStart().toEpochMilli(), AlertKind.OEE_BELOW_TARGET,
                    Severity.WARNING, low, String.format(Locale.ROOT, "%s shift OEE %.1f %% %s target %.1f %%",
                            machineId, live.oee() * 100, low ? "below" : "back at", settings.oeeAlertBelow() * 100),
                    now);
        }
    }

    /** A shift that ended takes its OEE alert with it. */
    void closeOeeAlert(ProcessorContext<Object, Object> context, String machineId, MachineTimeline timeline,
            OeeRecord finalShift, long now) {
        if (timeline.oeeAlertOpen) {
            timeline.oeeAlertOpen = false;
            emit(context, machineId, "oee:" + finalShift.windowStart().toEpochMilli(), AlertKind.OEE_BELOW_TARGET,
                    Severity.WARNING, false, machineId + " shift " + finalShift.shift() + " ended", now);
        }
    }

    private void emit(ProcessorContext<Object, Object> context, String machineId, String id, AlertKind kind,
            Severity severity, boolean active, String message, long now) {
        String alertId = machineId + ":" + id;
        Alert alert = new Alert(EventMeta.derived(settings.source(), Instant.ofEpochMilli(now),
                alertId + ":" + active), alertId, machineId, kind, severity, active, message, null);
        context.forward(new Record<Object, Object>(machineId, alert, now), sink);
    }

    private static long minutes(long ms) {
        return Duration.ofMillis(ms).toMinutes();
    }
}
