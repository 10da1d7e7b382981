package io.plantstream.events;

import java.time.Instant;
import java.util.List;

/**
 * What a parameter alert is about: the parameter, the rule that fired, the time of the value or
 * window that fired it, the values (the sample, or the one-minute means of a run or trend) and
 * the line they were measured against (a limit, the centre line, the ideal cycle time).
 */
public record ParameterFinding(String parameter, String rule, Instant at, List<Double> values,
        @OptionalField Double reference) {

    public ParameterFinding {
        Check.id(parameter, "parameter");
        Check.id(rule, "rule");
        Check.required(at, "at");
        values = List.copyOf(Check.required(values, "values"));
    }
}
