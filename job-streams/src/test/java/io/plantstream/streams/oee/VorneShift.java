package io.plantstream.streams.oee;

import io.plantstream.events.MachineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Vorne worked example as machine events: shift 06:00-14:00 with 60 min of breaks (420 min
 * planned), DOWN 07:00-07:47 (47 min), 19,271 parts of which 423 rejected, counted every 10 s
 * of run time, and the state re-announced every 30 s.
 */
final class VorneShift {
    static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    static final Instant END = Instant.parse("2026-03-02T14:00:00Z");
    private static final Instant DOWN_FROM = Instant.parse("2026-03-02T07:00:00Z");
    private static final Instant DOWN_UNTIL = Instant.parse("2026-03-02T07:47:00Z");
    private static final List<Instant[]> BREAKS = List.of(
            new Instant[] {Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-02T08:15:00Z")},
            new Instant[] {Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:30:00Z")},
            new Instant[] {Instant.parse("2026-03-02T12:00:00Z"), Instant.parse("2026-03-02T12:15:00Z")});

    /** One machine event: a state (with reason) or a count. */
    record Step(Instant time, MachineStatus state, String reason, long produced, long rejected) {
        boolean isCount() {
            return state == null;
        }
    }

    private VorneShift() {
    }

    static List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (Instant t = START; t.isBefore(END); t = t.plusSeconds(30)) {
            boolean down = !t.isBefore(DOWN_FROM) && t.isBefore(DOWN_UNTIL);
            steps.add(new Step(t, down ? MachineStatus.DOWN : MachineStatus.RUNNING, down ? "E-104" : null, 0, 0));
        }
        steps.add(new Step(DOWN_FROM, MachineStatus.DOWN, "E-104", 0, 0));
        steps.add(new Step(DOWN_UNTIL, MachineStatus.RUNNING, null, 0, 0));
        List<Instant> countTimes = new ArrayList<>();
        for (Instant t = START.plusSeconds(10); !t.isAfter(END); t = t.plusSeconds(10)) {
            if (running(t.minusSeconds(10))) {
                countTimes.add(t);
            }
        }
        int extra = 19_271 - 8 * countTimes.size();
        for (int i = 0; i < countTimes.size(); i++) {
            steps.add(new Step(countTimes.get(i).minusMillis(1), null, null, 8 + (i < extra ? 1 : 0), i < 423 ? 1 : 0));
        }
        steps.sort(Comparator.comparing(Step::time));
        return steps;
    }

    static void play(OeeDriver plant, String machine, String orderNo) {
        for (Step step : steps()) {
            if (step.isCount()) {
                plant.count(machine, step.time(), step.produced(), step.rejected(), orderNo);
            } else {
                plant.state(machine, step.time(), step.state(), step.reason());
            }
        }
    }

    private static boolean running(Instant t) {
        if (!t.isBefore(DOWN_FROM) && t.isBefore(DOWN_UNTIL)) {
            return false;
        }
        return BREAKS.stream().noneMatch(b -> !t.isBefore(b[0]) && t.isBefore(b[1]));
    }

    static Duration runTime() {
        return Duration.ofMinutes(373);
    }
}
