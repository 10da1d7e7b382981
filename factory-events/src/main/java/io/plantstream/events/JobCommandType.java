package io.plantstream.events;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a job command asks the machine to do, the job states it may be given in, and the state it
 * leads to. The job-state topology enforces these; screens offer only what they allow.
 */
public enum JobCommandType {
    DISPATCH(EnumSet.of(JobStatus.QUEUED), JobStatus.DISPATCHED),
    START(EnumSet.of(JobStatus.DISPATCHED), JobStatus.RUNNING),
    PAUSE(EnumSet.of(JobStatus.RUNNING), JobStatus.PAUSED),
    RESUME(EnumSet.of(JobStatus.PAUSED), JobStatus.RUNNING),
    ABORT(EnumSet.of(JobStatus.QUEUED, JobStatus.DISPATCHED, JobStatus.RUNNING, JobStatus.PAUSED), JobStatus.ABORTED);

    private final Set<JobStatus> allowedFrom;
    private final JobStatus result;

    JobCommandType(Set<JobStatus> allowedFrom, JobStatus result) {
        this.allowedFrom = Set.copyOf(allowedFrom);
        this.result = result;
    }

    /** Whether a job in this state may be given this command. */
    public boolean allowedFrom(JobStatus status) {
        return allowedFrom.contains(status);
    }

    /** The job's state once the command is issued (until the machine rejects it). */
    public JobStatus result() {
        return result;
    }

    /** The code a PLC takes the command as in its command tag: 1 DISPATCH, 2 START, 3 PAUSE, 4 RESUME, 5 ABORT. */
    public int plcCode() {
        return ordinal() + 1;
    }

    /** The command a PLC's command code stands for; empty for any other number (0 is "none"). */
    public static java.util.Optional<JobCommandType> ofPlcCode(int code) {
        JobCommandType[] all = values();
        return code >= 1 && code <= all.length ? java.util.Optional.of(all[code - 1]) : java.util.Optional.empty();
    }
}
