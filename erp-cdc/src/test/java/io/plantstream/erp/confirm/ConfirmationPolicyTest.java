package io.plantstream.erp.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmationPolicyTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private final ConfirmationPolicy policy = new ConfirmationPolicy(25);

    @Test
    void nothingBeforeTheMachineStarts() {
        assertThat(policy.confirmationsFor(state(JobStatus.QUEUED, null, 0, 0))).isEmpty();
        assertThat(policy.confirmationsFor(state(JobStatus.DISPATCHED, "M01", 0, 0))).isEmpty();
        assertThat(policy.confirmationsFor(state(JobStatus.ABORTED, null, 0, 0))).as("no machine, nothing to confirm")
                .isEmpty();
    }

    @Test
    void aRunningJobConfirmsItsStartAndEachStepPassed() {
        assertThat(ids(state(JobStatus.RUNNING, "M01", 0, 0))).containsExactly("J/STARTED");
        assertThat(ids(state(JobStatus.RUNNING, "M01", 24, 0))).containsExactly("J/STARTED");
        assertThat(ids(state(JobStatus.RUNNING, "M01", 26, 1))).as("good 25 of 100").containsExactly("J/STARTED",
                "J/PARTIAL-25%");
        assertThat(ids(state(JobStatus.RUNNING, "M01", 99, 0))).containsExactly("J/STARTED", "J/PARTIAL-75%");
        assertThat(ids(state(JobStatus.RUNNING, "M01", 120, 0))).as("past the target: FINISHED comes with COMPLETED")
                .containsExactly("J/STARTED");
    }

    @Test
    void pausesFinishesAndAbortsAreMilestonesOfTheirOwn() {
        JobState paused = new JobState(EventMeta.of("job-streams", AT), "J", "M01", "A", JobStatus.PAUSED, 40, 2, 100,
                null, null, "cmd-7", null, null);
        assertThat(policy.confirmationsFor(paused)).extracting(Confirmation::sourceEventId)
                .containsExactly("J/STARTED", "J/PAUSED-cmd-7");
        assertThat(ids(state(JobStatus.COMPLETED, "M01", 103, 3))).containsExactly("J/STARTED", "J/FINISHED");
        assertThat(ids(state(JobStatus.ABORTED, "M01", 0, 0))).containsExactly("J/ABORTED");
        assertThat(ids(state(JobStatus.ABORTED, "M01", 5, 0))).containsExactly("J/STARTED", "J/ABORTED");
    }

    @Test
    void rowsCarryTheCumulativeGoodAndScrapAtTheStatesTime() {
        Confirmation finished = policy.confirmationsFor(state(JobStatus.COMPLETED, "M01", 103, 3)).get(1);
        assertThat(finished).isEqualTo(new Confirmation("J", "M01", AT, 100, 3, ConfirmationStatus.FINISHED,
                "J/FINISHED"));
    }

    @Test
    void aZeroStepMeansNoPartialConfirmations() {
        assertThat(new ConfirmationPolicy(0).confirmationsFor(state(JobStatus.RUNNING, "M01", 80, 0)))
                .extracting(Confirmation::sourceEventId).containsExactly("J/STARTED");
        assertThatThrownBy(() -> new ConfirmationPolicy(101)).hasMessageContaining("0..100");
    }

    private List<String> ids(JobState state) {
        return policy.confirmationsFor(state).stream().map(Confirmation::sourceEventId).toList();
    }

    private static JobState state(JobStatus status, String machine, long produced, long rejected) {
        return new JobState(EventMeta.of("job-streams", AT), "J", machine, "A", status, produced, rejected, 100, null,
                null, null, null, null);
    }
}
