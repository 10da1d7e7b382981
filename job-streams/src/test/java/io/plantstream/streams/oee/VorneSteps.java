package io.plantstream.streams.oee;

import static org.assertj.core.api.Assertions.within;

import io.plantstream.events.MachineStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Vorne worked example as machine events: shift 06:00-14:00 with 60 min of breaks (420 min
 * planned), DOWN 07:00-07:47 (47 min), 19,271 parts of which 423 rejected, counted every 10 s
 * of run time, and the state re-announced every 30 s.
 */
public final class VorneSteps {
    public static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    public static final Instant START = at(DAY, "06:00");
    public static final Instant END = at(DAY, "14:00");

    /** One machine event: a state (with reason) or a count. */
    public record Step(Instant time, MachineStatus state, String reason, long produced, long rejected) {
        public boolean isCount() {
            return state == null;
        }
    }

    private VorneSteps() {
    }

    public static List<Step> steps() {
        return steps(DAY);
    }

    /** The example on another day (UTC). */
    public static List<Step> steps(LocalDate day) {
        Instant start = at(day, "06:00");
        Instant end = at(day, "14:00");
        Instant downFrom = at(day, "07:00");
        Instant downUntil = at(day, "07:47");
        List<Instant[]> breaks = List.of(new Instant[] {at(day, "08:00"), at(day, "08:15")},
                new Instant[] {at(day, "10:00"), at(day, "10:30")}, new Instant[] {at(day, "12:00"), at(day, "12:15")});
        List<Step> steps = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(30)) {
            boolean down = !t.isBefore(downFrom) && t.isBefore(downUntil);
            steps.add(new Step(t, down ? MachineStatus.DOWN : MachineStatus.RUNNING, down ? "E-104" : null, 0, 0));
        }
        steps.add(new Step(downFrom, MachineStatus.DOWN, "E-104", 0, 0));
        steps.add(new Step(downUntil, MachineStatus.RUNNING, null, 0, 0));
        List<Instant> countTimes = new ArrayList<>();
        for (Instant t = start.plusSeconds(10); !t.isAfter(end); t = t.plusSeconds(10)) {
            if (running(t.minusSeconds(10), downFrom, downUntil, breaks)) {
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

    private static boolean running(Instant t, Instant downFrom, Instant downUntil, List<Instant[]> breaks) {
        if (!t.isBefore(downFrom) && t.isBefore(downUntil)) {
            return false;
        }
        return breaks.stream().noneMatch(b -> !t.isBefore(b[0]) && t.isBefore(b[1]));
    }

    /** The figures of the worked example: A 88.81 %, P 86.11 %, Q 97.80 %, OEE 74.79 % (to 0.01 %). */
    public static void assertVorneFigures(double availability, double performance, double quality, double oee) {
        org.assertj.core.api.Assertions.assertThat(availability).isCloseTo(0.8881, within(0.00005));
        org.assertj.core.api.Assertions.assertThat(performance).isCloseTo(0.8611, within(0.00005));
        org.assertj.core.api.Assertions.assertThat(quality).isCloseTo(0.9780, within(0.00005));
        org.assertj.core.api.Assertions.assertThat(oee).isCloseTo(0.7479, within(0.00005));
    }

    public static Instant at(LocalDate day, String time) {
        return day.atTime(java.time.LocalTime.parse(time)).toInstant(java.time.ZoneOffset.UTC);
    }

}
