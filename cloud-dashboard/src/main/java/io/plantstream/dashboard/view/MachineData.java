package io.plantstream.dashboard.view;

import io.plantstream.events.AlarmAction;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineState;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** What the dashboard knows of one machine: its state and since when, its OEE over time, its alarms. */
final class MachineData {
    private static final int MAX_SPANS = 5_000;

    final String machineId;
    MachineState state;
    Instant since;
    Instant lastSeen;
    OeeRecord live;
    final NavigableMap<Instant, OeeRecord> shifts = new TreeMap<>();
    final NavigableMap<Instant, OeeRecord> hours = new TreeMap<>();
    final Deque<Screens.StateSpan> timeline = new ArrayDeque<>();
    final Map<String, MachineAlarm> alarms = new LinkedHashMap<>();

    MachineData(String machineId) {
        this.machineId = machineId;
    }

    /** A state change or heartbeat; an older event than the one shown changes nothing. */
    boolean state(MachineState event) {
        seen(event.meta().eventTime());
        if (state != null && event.meta().eventTime().isBefore(state.meta().eventTime())) {
            return false;
        }
        boolean changed = state == null || state.state() != event.state()
                || !java.util.Objects.equals(state.reasonCode(), event.reasonCode());
        if (changed) {
            since = event.meta().eventTime();
            timeline.addLast(new Screens.StateSpan(since, null, event.state().name(), event.reasonCode()));
            while (timeline.size() > MAX_SPANS) {
                timeline.removeFirst();
            }
        }
        state = event;
        return changed;
    }

    boolean oee(OeeRecord record) {
        seen(record.meta().eventTime());
        if (record.granularity() == OeeGranularity.LIVE) {
            if (live != null && record.windowStart().isBefore(live.windowStart())) {
                return false;
            }
            live = record;
            return true;
        }
        NavigableMap<Instant, OeeRecord> series = record.granularity() == OeeGranularity.SHIFT ? shifts : hours;
        series.put(record.windowStart(), record);
        if (live != null && record.granularity() == OeeGranularity.SHIFT
                && !record.windowStart().isBefore(live.windowStart())) {
            live = null; // the shift is over: its final record replaces the live figure
        }
        return true;
    }

    boolean alarm(MachineAlarm alarm) {
        seen(alarm.meta().eventTime());
        if (alarm.action() == AlarmAction.RAISED) {
            alarms.put(alarm.alarmCode(), alarm);
        } else {
            alarms.remove(alarm.alarmCode());
        }
        return true;
    }

    /** Forgets OEE windows and state spans that started before {@code horizon}. */
    void forgetBefore(Instant horizon) {
        shifts.headMap(horizon).clear();
        hours.headMap(horizon).clear();
        while (timeline.size() > 1 && timeline.peekFirst().from().isBefore(horizon)) {
            timeline.removeFirst();
        }
    }

    private void seen(Instant time) {
        if (lastSeen == null || time.isAfter(lastSeen)) {
            lastSeen = time;
        }
    }
}
