package io.plantstream.streams.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.AckResult;
import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.dlq.DeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The job state machine through the production topology. */
class JobTopologyTest {
    private static final String M = "M01";
    private static final String ORDER = "4711";

    private final JobDriver plant = new JobDriver();

    @AfterEach
    void close() {
        plant.close();
    }

    @Test
    void anOrderRunsFromQueuedToCompleted() {
        plant.order(ORDER, M, 100, null);
        assertThat(plant.last().status()).isEqualTo(JobStatus.QUEUED);

        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        assertThat(plant.last().status()).isEqualTo(JobStatus.DISPATCHED);
        plant.ack("c1", JobCommandType.DISPATCH, ORDER, M, AckResult.APPLIED, null);
        assertThat(plant.last().note()).isEqualTo("DISPATCH applied by M01");

        plant.count(ORDER, M, 60, 5);
        JobState running = plant.last();
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.produced()).isEqualTo(60);
        assertThat(running.rejected()).isEqualTo(5);
        assertThat(running.target()).isEqualTo(100);

        plant.count(ORDER, M, 45, 0);
        JobState done = plant.last();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.good()).isEqualTo(100);
        assertThat(done.eta()).isNull();
    }

    @Test
    void aRejectedDispatchPutsTheJobBackInTheQueueWithTheReason() {
        plant.order(ORDER, M, 100, null);
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        plant.ack("c1", JobCommandType.DISPATCH, ORDER, M, AckResult.REJECTED, "machine is DOWN");

        JobState state = plant.last();
        assertThat(state.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(state.note()).isEqualTo("DISPATCH rejected by M01: machine is DOWN");
    }

    @Test
    void pauseResumeAndAbort() {
        plant.order(ORDER, M, 100, null);
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        plant.command("c2", JobCommandType.START, ORDER, M);
        plant.command("c3", JobCommandType.PAUSE, ORDER, M);
        plant.command("c4", JobCommandType.RESUME, ORDER, M);
        plant.command("c5", JobCommandType.ABORT, ORDER, M);

        assertThat(plant.drain()).extracting(JobState::status).containsExactly(JobStatus.QUEUED, JobStatus.DISPATCHED,
                JobStatus.RUNNING, JobStatus.PAUSED, JobStatus.RUNNING, JobStatus.ABORTED);
    }

    @Test
    void aRepeatedCommandIsAppliedOnce() {
        plant.order(ORDER, M, 100, null);
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);

        assertThat(plant.drain()).extracting(JobState::status).containsExactly(JobStatus.QUEUED, JobStatus.DISPATCHED);
        assertThat(plant.commandDeadLetters.isEmpty()).isTrue();
    }

    @Test
    void aRepeatedCountEventIsCountedOnce() {
        plant.order(ORDER, M, 100, null);
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        plant.countTwice(ORDER, M, 10);

        assertThat(plant.last().produced()).isEqualTo(10);
    }

    static Stream<Arguments> illegalTransitions() {
        return Stream.of(
                Arguments.of(JobStatus.QUEUED, JobCommandType.START),
                Arguments.of(JobStatus.QUEUED, JobCommandType.PAUSE),
                Arguments.of(JobStatus.QUEUED, JobCommandType.RESUME),
                Arguments.of(JobStatus.DISPATCHED, JobCommandType.DISPATCH),
                Arguments.of(JobStatus.DISPATCHED, JobCommandType.PAUSE),
                Arguments.of(JobStatus.DISPATCHED, JobCommandType.RESUME),
                Arguments.of(JobStatus.RUNNING, JobCommandType.DISPATCH),
                Arguments.of(JobStatus.RUNNING, JobCommandType.START),
                Arguments.of(JobStatus.RUNNING, JobCommandType.RESUME),
                Arguments.of(JobStatus.PAUSED, JobCommandType.DISPATCH),
                Arguments.of(JobStatus.PAUSED, JobCommandType.START),
                Arguments.of(JobStatus.PAUSED, JobCommandType.PAUSE),
                Arguments.of(JobStatus.COMPLETED, JobCommandType.DISPATCH),
                Arguments.of(JobStatus.COMPLETED, JobCommandType.START),
                Arguments.of(JobStatus.COMPLETED, JobCommandType.PAUSE),
                Arguments.of(JobStatus.COMPLETED, JobCommandType.RESUME),
                Arguments.of(JobStatus.COMPLETED, JobCommandType.ABORT),
                Arguments.of(JobStatus.ABORTED, JobCommandType.DISPATCH),
                Arguments.of(JobStatus.ABORTED, JobCommandType.START),
                Arguments.of(JobStatus.ABORTED, JobCommandType.PAUSE),
                Arguments.of(JobStatus.ABORTED, JobCommandType.RESUME),
                Arguments.of(JobStatus.ABORTED, JobCommandType.ABORT));
    }

    @ParameterizedTest(name = "{1} while {0}")
    @MethodSource("illegalTransitions")
    void everyIllegalTransitionIsRefusedAndLeavesTheJobAsItWas(JobStatus from, JobCommandType command) {
        bring(from);
        JobState before = plant.last();
        assertThat(before.status()).isEqualTo(from);

        plant.command("illegal", command, ORDER, M);

        assertThat(plant.drain()).as("no new job state").isEmpty();
        TestRecord<byte[], byte[]> letter = plant.commandDeadLetters.readRecord();
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
                .isEqualTo("illegal transition: " + command + " while the job is " + from);
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("job.commands.v1");
        JobRecord stored = plant.driver.<String, JobRecord>getKeyValueStore(JobStores.JOBS).get(ORDER);
        assertThat(stored.status).as("state kept").isEqualTo(from);
        assertThat(stored.produced).isEqualTo(before.produced());
    }

    @Test
    void countsForAJobNeverDispatchedOrUnknownAreRefused() {
        plant.order(ORDER, M, 100, null);
        plant.count(ORDER, M, 5, 0);
        plant.count("9999", M, 5, 0);
        plant.command("c9", JobCommandType.START, "9999", M);

        assertThat(DeadLetters.header(plant.countDeadLetters.readRecord().headers(), DeadLetters.REASON))
                .isEqualTo("parts counted for a job that is QUEUED");
        assertThat(DeadLetters.header(plant.countDeadLetters.readRecord().headers(), DeadLetters.REASON))
                .isEqualTo("parts counted for unknown order 9999");
        assertThat(DeadLetters.header(plant.commandDeadLetters.readRecord().headers(), DeadLetters.REASON))
                .isEqualTo("START for unknown order 9999");
    }

    @Test
    void countReportsSummedOverTheBatchIntervalGiveTheSameJobAndEveryRefusalIsDeadLettered() {
        try (JobDriver batched = new JobDriver(new JobSettings("job-streams", Duration.ofMinutes(1), Duration.ZERO,
                JobSettings.KEEP_FINISHED, Duration.ofMillis(200)))) {
            batched.order(ORDER, M, 100, null);
            batched.order("4712", M, 100, null);
            batched.command("c1", JobCommandType.DISPATCH, ORDER, M);
            batched.drain();
            for (int i = 0; i < 20; i++) {
                batched.advance(Duration.ofSeconds(1));
                batched.count(ORDER, M, 2, i % 5 == 0 ? 1 : 0);
            }
            batched.countTwice(ORDER, M, 3);
            batched.count("9999", M, 5, 0);
            batched.count("9999", M, 5, 0);
            batched.count("4712", M, 4, 0);

            assertThat(batched.drain()).as("nothing handed on before the interval").isEmpty();
            CountBatch pending = batched.driver.<String, CountBatch>getKeyValueStore(JobStores.COUNT_BATCHES).get(M);
            assertThat(pending.pending.get(ORDER).produced).as("pending sums in the changelogged store").isEqualTo(43);

            batched.driver.advanceWallClockTime(Duration.ofMillis(200));

            List<JobState> states = batched.drain();
            assertThat(states).hasSize(1);
            assertThat(states.get(0).status()).isEqualTo(JobStatus.RUNNING);
            assertThat(states.get(0).produced()).as("the repeated report counted once").isEqualTo(43);
            assertThat(states.get(0).rejected()).isEqualTo(4);
            assertThat(states.get(0).meta().eventTime()).isEqualTo(batched.now());
            TestRecord<byte[], byte[]> unknown = batched.countDeadLetters.readRecord();
            assertThat(DeadLetters.header(unknown.headers(), DeadLetters.REASON))
                    .isEqualTo("parts counted for unknown order 9999");
            assertThat(DeadLetters.header(unknown.headers(), CountBatcher.BATCH_HEADER))
                    .matches("2 count reports, offsets \\d+-\\d+ of partition 0");
            assertThat(new String(unknown.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"producedDelta\":10");
            TestRecord<byte[], byte[]> queued = batched.countDeadLetters.readRecord();
            assertThat(DeadLetters.header(queued.headers(), DeadLetters.REASON))
                    .isEqualTo("parts counted for a job that is QUEUED");
            assertThat(DeadLetters.header(queued.headers(), CountBatcher.BATCH_HEADER)).as("a single report").isNull();
            assertThat(batched.countDeadLetters.isEmpty()).isTrue();

            batched.count(ORDER, M, 7, 0);
            batched.driver.advanceWallClockTime(Duration.ofMillis(200));
            assertThat(batched.last().produced()).isEqualTo(50);
            batched.driver.advanceWallClockTime(Duration.ofMillis(200));
            assertThat(batched.drain()).as("an empty interval hands nothing on").isEmpty();
        }
    }

    @Test
    void theEtaFollowsTheMeasuredRateAndALateJobRaisesAnAlert() {
        plant.order(ORDER, M, 1_000, JobDriver.T0.plus(Duration.ofMinutes(30)));
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        plant.count(ORDER, M, 100, 0);
        plant.advance(Duration.ofMinutes(5));
        plant.count(ORDER, M, 100, 0);

        JobState state = plant.last();
        Instant expected = plant.now().plus(Duration.ofMinutes(5).multipliedBy(800).dividedBy(100));
        assertThat(state.eta()).isEqualTo(expected);
        Alert alert = plant.alerts.readValue();
        assertThat(alert.kind()).isEqualTo(AlertKind.JOB_LATE);
        assertThat(alert.active()).isTrue();
        assertThat(alert.orderNo()).isEqualTo(ORDER);
    }

    @Test
    void aJobPastItsDueDateRaisesAnAlertWithoutAnyEvent() {
        plant.order(ORDER, M, 1_000, JobDriver.T0.plus(Duration.ofMinutes(30)));
        plant.driver.advanceWallClockTime(Duration.ofMinutes(31));

        Alert alert = plant.alerts.readValue();
        assertThat(alert.kind()).isEqualTo(AlertKind.JOB_LATE);
        assertThat(alert.active()).isTrue();
    }

    @Test
    void progressIsPublishedAtMostOncePerIntervalAndTheRestByTheWallClockCheck() {
        try (JobDriver throttled = new JobDriver(new JobSettings("job-streams", Duration.ofMinutes(1),
                Duration.ofSeconds(10), JobSettings.KEEP_FINISHED, Duration.ZERO))) {
            throttled.order(ORDER, M, 1_000, null);
            throttled.command("c1", JobCommandType.DISPATCH, ORDER, M);
            for (int i = 0; i < 30; i++) {
                throttled.advance(Duration.ofSeconds(1));
                throttled.count(ORDER, M, 1, 0);
            }
            List<JobState> published = throttled.drain();
            assertThat(published).extracting(JobState::status).startsWith(JobStatus.QUEUED, JobStatus.DISPATCHED,
                    JobStatus.RUNNING);
            assertThat(published).hasSizeLessThan(8);
            assertThat(published.get(published.size() - 1).produced()).isLessThan(30);

            throttled.driver.advanceWallClockTime(Duration.ofMinutes(1));
            assertThat(throttled.last().produced()).as("the rest of the progress, published by the check").isEqualTo(30);
        }
    }

    @Test
    void finishedJobsLeaveTheStoreAfterTheirKeepTimeAndRunningOnesStay() {
        plant.order(ORDER, M, 10, null);
        plant.command("c1", JobCommandType.DISPATCH, ORDER, M);
        plant.count(ORDER, M, 10, 0);
        plant.order("4712", M, 10, null);
        var store = plant.driver.<String, JobRecord>getKeyValueStore(JobStores.JOBS);
        assertThat(store.get(ORDER).status).isEqualTo(JobStatus.COMPLETED);

        plant.driver.advanceWallClockTime(JobSettings.KEEP_FINISHED.plusDays(1));

        assertThat(store.get(ORDER)).as("completed job forgotten").isNull();
        assertThat(store.get("4712")).as("queued job kept").isNotNull();
    }

    @Test
    void aCancelledOrderAbortsItsJob() {
        plant.order(ORDER, M, 100, null);
        plant.cancel(ORDER, M);
        JobState state = plant.last();
        assertThat(state.status()).isEqualTo(JobStatus.ABORTED);
        assertThat(state.note()).isEqualTo("cancelled in the ERP");
    }

    private void bring(JobStatus status) {
        plant.order(ORDER, M, 10, null);
        switch (status) {
            case QUEUED -> { }
            case DISPATCHED -> plant.command("s1", JobCommandType.DISPATCH, ORDER, M);
            case RUNNING -> {
                plant.command("s1", JobCommandType.DISPATCH, ORDER, M);
                plant.command("s2", JobCommandType.START, ORDER, M);
            }
            case PAUSED -> {
                plant.command("s1", JobCommandType.DISPATCH, ORDER, M);
                plant.command("s2", JobCommandType.START, ORDER, M);
                plant.command("s3", JobCommandType.PAUSE, ORDER, M);
            }
            case COMPLETED -> {
                plant.command("s1", JobCommandType.DISPATCH, ORDER, M);
                plant.count(ORDER, M, 10, 0);
            }
            case ABORTED -> plant.command("s1", JobCommandType.ABORT, ORDER, M);
            default -> throw new IllegalArgumentException(status.name());
        }
    }
}
