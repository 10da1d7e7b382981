package io.plantstream.events;

/** What an alert is about. */
public enum AlertKind {
    MACHINE_DOWN, OEE_BELOW_TARGET, JOB_LATE, PARAMETER_OUT_OF_SPEC, PARAMETER_DRIFT, DATA_PROBLEM
}
