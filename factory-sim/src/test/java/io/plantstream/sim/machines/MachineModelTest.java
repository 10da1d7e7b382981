package io.plantstream.sim.machines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A simulated machine's behaviour, driven through time step by step. */
class MachineModelTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private static MachineModel machine(double faultEveryMinutes, double scrapRate) {
        return new MachineModel(new MachineModel.Behaviour(10, 0, scrapRate, faultEveryMinutes, 2, 30,
                Duration.ofMinutes(2), 7), t -> false);
    }

    /** Advances in 250 ms steps from {@code from} for {@code seconds}; returns the last snapshot. */
    private static MachineModel.Snapshot run(MachineModel machine, Instant from, long seconds) {
        MachineModel.Snapshot last = null;
        for (long ms = 0; ms <= seconds * 1000; ms += 250) {
            last = machine.advance(from.plusMillis(ms));
        }
        return last;
    }

    @Test
    void withoutAJobItMakesStockPartsAtItsCycle() {
        MachineModel.Snapshot s = run(machine(0, 0), T0, 600);
        assertThat(s.running()).isTrue();
        assertThat(s.partCounter()).isEqualTo(60);
        assertThat(s.activeJob()).isNull();
    }

    @Test
    void aDispatchedJobIsSetUpStartedAndProducedToItsTargetThenTheMachineStops() {
        MachineModel m = machine(0, 0);
        run(m, T0, 60);
        assertThat(m.command(MachineModel.DISPATCH, "100042", 5).taken()).isTrue();
        MachineModel.Snapshot setup = m.advance(T0.plusSeconds(61));
        assertThat(setup.setup()).isTrue();
        assertThat(setup.running()).isFalse();
        assertThat(setup.activeJob()).isEqualTo("100042");
        assertThat(m.command(MachineModel.START, null, 0).taken()).as("a start during setup waits for it").isTrue();
        long before = setup.partCounter();
        MachineModel.Snapshot done = run(m, T0.plusSeconds(61), 150);
        assertThat(done.partCounter() - before).isEqualTo(5);
        assertThat(done.running()).as("stopped at the target").isFalse();
        assertThat(done.activeJob()).isEqualTo("100042");
        MachineModel.Snapshot later = run(m, T0.plusSeconds(212), 180);
        assertThat(later.activeJob()).as("back to stock parts after the idle time").isNull();
        assertThat(later.running()).isTrue();
    }

    @Test
    void scrappedPartsDoNotCountTowardsTheJob() {
        MachineModel m = machine(0, 0.5);
        m.advance(T0);
        m.command(MachineModel.DISPATCH, "7", 10);
        m.command(MachineModel.START, null, 0);
        MachineModel.Snapshot done = null;
        for (long ms = 250; done == null && ms < 3_600_000; ms += 250) {
            MachineModel.Snapshot s = m.advance(T0.plusMillis(ms));
            if (ms > 31_000 && !s.running()) {
                done = s;
            }
        }
        assertThat(done).as("the job ended").isNotNull();
        assertThat(done.partCounter() - done.rejectCounter()).isEqualTo(10);
        assertThat(done.rejectCounter()).isPositive();
    }

    @Test
    void commandsThatDoNotFitTheMachinesStateAreRefusedWithTheReason() {
        MachineModel m = machine(0, 0);
        m.advance(T0);
        assertThat(m.command(MachineModel.START, null, 0).reason()).isEqualTo("no job dispatched");
        assertThat(m.command(MachineModel.DISPATCH, "", 5).reason())
                .isEqualTo("a job needs an order number and a positive target quantity");
        assertThat(m.command(MachineModel.DISPATCH, "1", 0).taken()).isFalse();
        assertThat(m.command(9, "1", 1).reason()).isEqualTo("unknown command code 9");
        assertThat(m.command("REWIND", "1", 1).reason()).isEqualTo("unknown command REWIND");
        m.command(MachineModel.DISPATCH, "1", 100);
        m.command(MachineModel.START, null, 0);
        run(m, T0, 60);
        assertThat(m.command(MachineModel.DISPATCH, "2", 5).reason()).isEqualTo("job 1 is still running");
        assertThat(m.command(MachineModel.PAUSE, null, 0).taken()).isTrue();
        assertThat(m.command(MachineModel.PAUSE, null, 0).reason()).isEqualTo("no job running");
        assertThat(m.command(MachineModel.RESUME, null, 0).taken()).isTrue();
        assertThat(m.command(MachineModel.ABORT, null, 0).taken()).isTrue();
        assertThat(m.command(MachineModel.ABORT, null, 0).reason()).isEqualTo("no job to abort");
        assertThat(m.command("dispatch", "3", 5).taken()).as("as a command row or job file names it").isTrue();
    }

    @Test
    void itStandsStillInABreakAndFaultsAreRepaired() {
        Instant breakStart = T0.plusSeconds(300);
        MachineModel m = new MachineModel(new MachineModel.Behaviour(10, 0, 0, 0, 2, 30, Duration.ofMinutes(2), 7),
                t -> !t.isBefore(breakStart) && t.isBefore(breakStart.plusSeconds(900)));
        long atBreak = run(m, T0, 300).partCounter();
        MachineModel.Snapshot inBreak = run(m, breakStart, 600);
        assertThat(inBreak.plannedStop()).isTrue();
        assertThat(inBreak.running()).isFalse();
        assertThat(inBreak.partCounter()).isEqualTo(atBreak);

        MachineModel faulty = machine(5, 0);
        MachineModel.Snapshot s = null;
        boolean faulted = false;
        boolean repaired = false;
        for (long second = 0; second < 3 * 3600 && !(faulted && repaired); second++) {
            s = faulty.advance(T0.plusSeconds(second));
            if (s.fault()) {
                faulted = true;
                assertThat(s.alarmWord()).isNotZero();
                assertThat(s.running()).isFalse();
            } else if (faulted) {
                repaired = true;
                assertThat(s.alarmWord()).isZero();
            }
        }
        assertThat(faulted).isTrue();
        assertThat(repaired).isTrue();
    }
}
