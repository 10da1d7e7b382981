package io.plantstream.andon.board;

import io.plantstream.events.Alert;
import io.plantstream.events.AndonCall;
import io.plantstream.events.JobState;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeRecord;
import java.time.Instant;
import java.util.List;

/**
 * Everything the board knows about one machine at one moment. {@code status} is null while
 * nothing was heard from it; {@code oee} is the live figure of the running shift;
 * {@code parameterAlerts} are its active parameter alerts, newest first.
 */
public record TileData(String machineId, String name, MachineStatus status, String reasonCode, String reasonText,
        Instant since, Instant lastSeen, JobState job, OeeRecord oee, List<MachineAlarm> alarms,
        List<AndonCall> openCalls, int activeAlerts, List<Alert> parameterAlerts) {

    public TileData {
        alarms = List.copyOf(alarms);
        openCalls = List.copyOf(openCalls);
        parameterAlerts = List.copyOf(parameterAlerts);
    }
}
