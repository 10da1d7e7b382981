package io.plantstream.streams.jobs;

/** Names of the job stream's stores; each written once. */
public final class JobStores {
    public static final String JOBS = "job-states";
    /** Count reports not yet handed to the job stream, by machine. */
    public static final String COUNT_BATCHES = "job-count-batches";

    private JobStores() {
    }
}
