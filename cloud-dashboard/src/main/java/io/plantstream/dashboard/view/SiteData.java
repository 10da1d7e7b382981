package io.plantstream.dashboard.view;

import io.plantstream.events.Alert;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What the dashboard knows of one site. Latest record wins per machine, job, alert, call and command. */
final class SiteData {
    private static final int MAX_COMMANDS = 20_000;

    final String site;
    Instant lastData;
    final Map<String, MachineData> machines = new TreeMap<>();
    final Map<String, JobState> jobs = new TreeMap<>();
    final Map<String, Alert> alerts = new LinkedHashMap<>();
    final Map<String, AndonCall> calls = new LinkedHashMap<>();
    final Map<String, JobCommand> commands = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobCommand> eldest) {
            return size() > MAX_COMMANDS;
        }
    };
    final Map<String, JobAck> acks = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobAck> eldest) {
            return size() > MAX_COMMANDS;
        }
    };

    SiteData(String site) {
        this.site = site;
    }

    MachineData machine(String machineId) {
        return machines.computeIfAbsent(machineId, MachineData::new);
    }

    void received(Instant recordTime) {
        if (lastData == null || recordTime.isAfter(lastData)) {
            lastData = recordTime;
        }
    }

    boolean job(JobState state) {
        JobState known = jobs.get(state.orderNo());
        if (known != null && state.meta().eventTime().isBefore(known.meta().eventTime())) {
            return false;
        }
        jobs.put(state.orderNo(), state);
        return true;
    }

    boolean alert(Alert alert) {
        Alert known = alerts.get(alert.alertId());
        if (known != null && alert.meta().eventTime().isBefore(known.meta().eventTime())) {
            return false;
        }
        alerts.remove(alert.alertId());
        alerts.put(alert.alertId(), alert);
        return true;
    }

    boolean call(AndonCall call) {
        AndonCall known = calls.get(call.callId());
        if (known != null && call.meta().eventTime().isBefore(known.meta().eventTime())) {
            return false;
        }
        calls.remove(call.callId());
        calls.put(call.callId(), call);
        return true;
    }

    int openCalls(String machineId) {
        return (int) calls.values().stream()
                .filter(c -> c.machineId().equals(machineId) && c.status() != AndonStatus.RESOLVED).count();
    }

    int activeAlerts(String machineId) {
        return (int) alerts.values().stream().filter(a -> a.machineId().equals(machineId) && a.active()).count();
    }

    /** Forgets finished jobs, cleared alerts and resolved calls last changed before {@code horizon}. */
    void forgetBefore(Instant horizon) {
        jobs.values().removeIf(j -> isFinished(j) && j.meta().eventTime().isBefore(horizon));
        alerts.values().removeIf(a -> !a.active() && a.meta().eventTime().isBefore(horizon));
        calls.values().removeIf(c -> c.status() == AndonStatus.RESOLVED && c.meta().eventTime().isBefore(horizon));
        machines.values().forEach(m -> m.forgetBefore(horizon));
    }

    private static boolean isFinished(JobState job) {
        return switch (job.status()) {
            case COMPLETED, ABORTED -> true;
            default -> false;
        };
    }
}
