package io.plantstream.andon.board;

import io.plantstream.events.AlarmAction;
import io.plantstream.events.Alert;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineState;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the board knows, built from the edge topics: per machine of the layout its state and since
 * when, its live OEE, its job, raised alarms and open Andon calls; the active alerts. One writer
 * (the Kafka feed thread), one reader (the FX thread, which drains what changed). No JavaFX here.
 */
public final class BoardState {
    private final BoardLayout layout;
    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private boolean alertsChanged;
    private volatile boolean connected;
    private volatile boolean caughtUp;

    /** One machine's latest facts. */
    private static final class Machine {
        MachineState state;
        Instant since;
        Instant lastSeen;
        OeeRecord live;
        final Map<String, MachineAlarm> alarms = new LinkedHashMap<>();
        final Map<String, AndonCall> calls = new LinkedHashMap<>();
    }

    public BoardState(BoardLayout layout) {
        this.layout = layout;
        layout.machines().forEach(m -> machines.put(m.id(), new Machine()));
        changed.addAll(machines.keySet());
    }

    public BoardLayout layout() {
        return layout;
    }

    /** Takes one event from the edge; events of machines the board does not show are ignored. */
    public synchronized void apply(Object event) {
        if (event instanceof MachineState state) {
            machine(state.machineId(), state.meta().eventTime(), m -> {
                if (m.state != null && state.meta().eventTime().isBefore(m.state.meta().eventTime())) {
                    return;
                }
                if (m.state == null || m.state.state() != state.state()
                        || !Objects.equals(m.state.reasonCode(), state.reasonCode())) {
                    m.since = state.meta().eventTime();
                }
                m.state = state;
            });
        } else if (event instanceof OeeRecord oee) {
            machine(oee.machineId(), oee.meta().eventTime(), m -> live(m, oee));
        } else if (event instanceof MachineAlarm alarm) {
            machine(alarm.machineId(), alarm.meta().eventTime(), m -> {
                if (alarm.action() == AlarmAction.RAISED) {
                    m.alarms.put(alarm.alarmCode(), alarm);
                } else {
                    m.alarms.remove(alarm.alarmCode());
                }
            });
        } else if (event instanceof AndonCall call) {
            machine(call.machineId(), null, m -> {
                if (call.status() == AndonStatus.RESOLVED) {
                    m.calls.remove(call.callId());
                } else {
                    m.calls.put(call.callId(), call);
                }
            });
        } else if (event instanceof JobState job) {
            job(job);
        } else if (event instanceof Alert alert && layout.shows(alert.machineId())) {
            if (alert.active()) {
                alerts.put(alert.alertId(), alert);
            } else {
                alerts.remove(alert.alertId());
            }
            alertsChanged = true;
            changed.add(alert.machineId());
        }
    }

    /** The machines whose tiles changed since the last call. */
    public synchronized Set<String> drainChanged() {
        Set<String> drained = new LinkedHashSet<>(changed);
        changed.clear();
        return drained;
    }

    /** Whether the alerts changed since the last call. */
    public synchronized boolean drainAlertsChanged() {
        boolean was = alertsChanged;
        alertsChanged = false;
        return was;
    }

    public synchronized TileData tile(String machineId) {
        Machine m = machines.get(machineId);
        String name = layout.machines().stream().filter(x -> x.id().equals(machineId)).findFirst()
                .map(BoardLayout.Machine::name).orElse(machineId);
        List<AndonCall> calls = new ArrayList<>(m.calls.values());
        calls.sort(Comparator.comparing(AndonCall::raisedAt));
        int activeAlerts = (int) alerts.values().stream().filter(a -> a.machineId().equals(machineId)).count();
        List<Alert> parameterAlerts = alerts.values().stream()
                .filter(a -> a.machineId().equals(machineId) && a.finding() != null)
                .sorted(Comparator.comparing((Alert a) -> a.meta().eventTime()).reversed()).toList();
        return new TileData(machineId, name, m.state == null ? null : m.state.state(),
                m.state == null ? null : m.state.reasonCode(), m.state == null ? null : m.state.reasonText(), m.since,
                m.lastSeen, currentJob(machineId), m.live, new ArrayList<>(m.alarms.values()), calls, activeAlerts,
                parameterAlerts);
    }

    /** The active alerts of the board's machines, newest first. */
    public synchronized List<Alert> activeAlerts() {
        List<Alert> active = new ArrayList<>(alerts.values());
        active.sort(Comparator.comparing((Alert a) -> a.meta().eventTime()).reversed());
        return active;
    }

    /** The live OEE records of the board's machines (for the plant figure and the shift name). */
    public synchronized List<OeeRecord> liveRecords() {
        return machines.values().stream().map(m -> m.live).filter(Objects::nonNull).toList();
    }

    public boolean connected() {
        return connected;
    }

    public void connected(boolean connected) {
        this.connected = connected;
    }

    /** Whether the history on the topics has been read (before, the board says it is loading). */
    public boolean caughtUp() {
        return caughtUp;
    }

    public void caughtUp(boolean caughtUp) {
        this.caughtUp = caughtUp;
    }

    private void machine(String machineId, Instant seen, java.util.function.Consumer<Machine> change) {
        Machine m = machines.get(machineId);
        if (m == null) {
            return;
        }
        if (seen != null && (m.lastSeen == null || seen.isAfter(m.lastSeen))) {
            m.lastSeen = seen;
        }
        change.accept(m);
        changed.add(machineId);
    }

    private static void live(Machine m, OeeRecord oee) {
        if (oee.granularity() == OeeGranularity.LIVE) {
            if (m.live == null || !oee.windowStart().isBefore(m.live.windowStart())) {
                m.live = oee;
            }
        } else if (oee.granularity() == OeeGranularity.SHIFT && m.live != null
                && !oee.windowStart().isBefore(m.live.windowStart())) {
            m.live = null; // the shift is over
        }
    }

    private void job(JobState job) {
        JobState known = jobs.get(job.orderNo());
        if (known != null && job.meta().eventTime().isBefore(known.meta().eventTime())) {
            return;
        }
        if (known != null && known.machineId() != null && machines.containsKey(known.machineId())) {
            changed.add(known.machineId());
        }
        if (job.machineId() == null || !machines.containsKey(job.machineId())
                || job.status() == JobStatus.COMPLETED || job.status() == JobStatus.ABORTED
                || job.status() == JobStatus.QUEUED) {
            jobs.remove(job.orderNo());
        } else {
            jobs.put(job.orderNo(), job);
            changed.add(job.machineId());
        }
    }

    /** Running or paused first, else the job dispatched to the machine last. */
    private JobState currentJob(String machineId) {
        return jobs.values().stream().filter(j -> machineId.equals(j.machineId()))
                .max(Comparator.comparing((JobState j) -> j.status() != JobStatus.DISPATCHED)
                        .thenComparing(j -> j.meta().eventTime()))
                .orElse(null);
    }
}
