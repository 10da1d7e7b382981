package io.plantstream.collector.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterTrackerTest {
    private final CounterTracker tracker = new CounterTracker(65_535, 1_000);

    @Test
    void theFirstReadingIsTheBaselineThenIncrementsCount() {
        assertThat(tracker.update(500)).isEqualTo(new CounterTracker.Step(0, false, null));
        assertThat(tracker.update(503)).isEqualTo(new CounterTracker.Step(3, false, null));
        assertThat(tracker.update(503)).isEqualTo(new CounterTracker.Step(0, false, null));
    }

    @Test
    void aResetCountsThePartsSinceTheResetNeverANegativeNumber() {
        tracker.update(40_000);
        assertThat(tracker.update(7)).isEqualTo(new CounterTracker.Step(7, true, null));
        assertThat(tracker.update(9)).isEqualTo(new CounterTracker.Step(2, false, null));
    }

    @Test
    void aWrapPastTheMaximumCountsTheWayAround() {
        tracker.update(65_530);
        assertThat(tracker.update(4)).isEqualTo(new CounterTracker.Step(10, true, null));
    }

    @Test
    void anImplausibleJumpIsRefusedAndBecomesTheBaseline() {
        tracker.update(100);
        CounterTracker.Step jump = tracker.update(50_000);
        assertThat(jump.delta()).isZero();
        assertThat(jump.problem()).isEqualTo("counter jumped from 100 to 50000, more than 1000 at once; taken as the new "
                + "baseline");
        assertThat(tracker.update(50_002).delta()).isEqualTo(2);
    }

    @Test
    void aBackwardStepThatIsNeitherResetNorWrapIsRefused() {
        tracker.update(30_000);
        CounterTracker.Step back = tracker.update(20_000);
        assertThat(back.delta()).isZero();
        assertThat(back.problem()).contains("went back from 30000 to 20000");
    }

    @Test
    void valuesOutsideTheCountersRangeAreRefusedWithoutMovingTheBaseline() {
        tracker.update(10);
        assertThat(tracker.update(-1).problem()).isEqualTo("counter value -1 is outside 0..65535");
        assertThat(tracker.update(70_000).problem()).isEqualTo("counter value 70000 is outside 0..65535");
        assertThat(tracker.update(12).delta()).isEqualTo(2);
    }

    @Test
    void continuesFromAStoredBaselineAfterARestart() {
        tracker.baseline(1_200);
        assertThat(tracker.update(1_250).delta()).isEqualTo(50);
    }
}
