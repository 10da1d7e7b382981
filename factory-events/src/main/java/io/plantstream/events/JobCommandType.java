package io.plantstream.events;

/** What a job command asks the machine to do. */
public enum JobCommandType {
    DISPATCH, START, PAUSE, RESUME, ABORT
}
