package io.plantstream.streams.jobs;

/** Names of the job stream's stores; each written once. */
public final class JobStores {
    public static final String JOBS = "job-states";

    private JobStores() {
    }
}
