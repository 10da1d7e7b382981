package io.plantstream.streams.jobs;

import java.time.Duration;

/**
 * @param source the event source name written into published job states
 * @param lateCheckInterval how often (wall clock) jobs are checked against their due dates, and
 *     progress not yet published is published
 * @param progressInterval a job's progress (parts counted, status unchanged) is published at most
 *     this often in event time; zero publishes every count. Status changes are published at once.
 * @param keepFinished how long a COMPLETED or ABORTED job stays in the store after its last state;
 *     its final state stays on the compacted job.state topic
 * @param countBatchInterval a machine's count reports are summed per job over this interval (wall
 *     clock) before they reach the job state machine; zero hands on every report at once
 */
public record JobSettings(String source, Duration lateCheckInterval, Duration progressInterval,
        Duration keepFinished, Duration countBatchInterval) {

    /** The default time finished jobs are kept in the store. */
    public static final Duration KEEP_FINISHED = Duration.ofDays(35);

    /** Every change published at once, every count report applied at once. */
    public static JobSettings immediate(String source, Duration lateCheckInterval) {
        return new JobSettings(source, lateCheckInterval, Duration.ZERO, KEEP_FINISHED, Duration.ZERO);
    }
}
