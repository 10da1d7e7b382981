package io.plantstream.events;

/** State of a production job. */
public enum JobStatus {
    QUEUED, DISPATCHED, RUNNING, PAUSED, COMPLETED, ABORTED
}
