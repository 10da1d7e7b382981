package io.plantstream.streams.jobs;

/**
 * The outcome of one input for one job: the job changed, nothing happened (a repeat), or the
 * input was refused with a reason (it goes to the dead-letter topic; the job is untouched).
 */
public record Transition(JobRecord job, boolean changed, String refusal) {

    static Transition changed(JobRecord job) {
        return new Transition(job, true, null);
    }

    static Transition unchanged(JobRecord job) {
        return new Transition(job, false, null);
    }

    static Transition refused(JobRecord job, String reason) {
        return new Transition(job, false, reason);
    }

    public boolean refused() {
        return refusal != null;
    }
}
