package io.plantstream.events;

/** What a machine did with a job command. */
public enum AckResult {
    APPLIED, REJECTED
}
