package io.plantstream.streams.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.streams.jobs.JobSequencer.QueuedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSequencerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T06:00:00Z");

    @Test
    void earliestDueFirstAndSameArticleGroupedWhenNobodyIsMadeLate() {
        List<QueuedJob> proposed = JobSequencer.propose(List.of(
                job("B1", "bolt", 10, 1),
                job("A1", "axle", 5, 1),
                job("A2", "axle", 48, 1),
                job("C1", "cap", 24, 1)), NOW);
        assertThat(proposed).extracting(QueuedJob::orderNo).containsExactly("A1", "A2", "B1", "C1");
    }

    @Test
    void aJobIsNotPulledForwardWhenItWouldMakeAnotherLate() {
        List<QueuedJob> proposed = JobSequencer.propose(List.of(
                job("A1", "axle", 2, 1),
                job("B1", "bolt", 3, 1),
                job("A2", "axle", 48, 2)), NOW);
        assertThat(proposed).extracting(QueuedJob::orderNo).containsExactly("A1", "B1", "A2");
    }

    @Test
    void jobsWithoutDueDateComeLast() {
        List<QueuedJob> proposed = JobSequencer.propose(List.of(
                new QueuedJob("X", "x", null, Duration.ofHours(1)), job("Y", "y", 100, 1)), NOW);
        assertThat(proposed).extracting(QueuedJob::orderNo).containsExactly("Y", "X");
    }

    private static QueuedJob job(String orderNo, String article, int dueInHours, int hours) {
        return new QueuedJob(orderNo, article, NOW.plus(Duration.ofHours(dueInHours)), Duration.ofHours(hours));
    }
}
