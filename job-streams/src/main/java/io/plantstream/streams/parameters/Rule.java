package io.plantstream.streams.parameters;

import io.plantstream.events.AlertKind;
import io.plantstream.events.Severity;

/** The checks on a parameter; each raises an alert when it starts to hold and clears it when it stops. */
enum Rule {
    /** A sample outside the specification limits. */
    OUT_OF_SPEC("out-of-spec", AlertKind.PARAMETER_OUT_OF_SPEC, Severity.CRITICAL),
    /** A one-minute mean further than three sigma from the centre line. */
    BEYOND_3_SIGMA("beyond-3-sigma", AlertKind.PARAMETER_DRIFT, Severity.WARNING),
    /** Eight one-minute means in a row on one side of the centre line. */
    RUN("run-of-8", AlertKind.PARAMETER_DRIFT, Severity.WARNING),
    /** Six one-minute means in a row, each above (or each below) the one before. */
    TREND("trend-of-6", AlertKind.PARAMETER_DRIFT, Severity.WARNING),
    /** The one-minute mean cycle time above the job's ideal cycle time by more than the tolerance. */
    SLOW_CYCLE("slow-cycle", AlertKind.PARAMETER_DRIFT, Severity.WARNING);

    private final String id;
    private final AlertKind kind;
    private final Severity severity;

    Rule(String id, AlertKind kind, Severity severity) {
        this.id = id;
        this.kind = kind;
        this.severity = severity;
    }

    String id() {
        return id;
    }

    AlertKind kind() {
        return kind;
    }

    Severity severity() {
        return severity;
    }

    int bit() {
        return 1 << ordinal();
    }
}
