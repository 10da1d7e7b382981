package io.plantstream.collector.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a tag means to the platform; everything else a machine reports is free telemetry. */
public enum Meaning {
    RUNNING("running"), FAULT("fault"), SETUP("setup"), PLANNED_STOP("plannedStop"), STATE_WORD("stateWord"),
    PART_COUNTER("partCounter"), REJECT_COUNTER("rejectCounter"), ALARM_WORD("alarmWord"), ALARM_TEXT("alarmText"),
    CYCLE_TIME("cycleTime"), ACTIVE_JOB("activeJob"), TIME("time");

    private static final Map<String, Meaning> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Meaning::key, m -> m));

    private final String key;

    Meaning(String key) {
        this.key = key;
    }

    /** The YAML key and the name in state rules. */
    public String key() {
        return key;
    }

    public static Meaning byKey(String key) {
        return BY_KEY.get(key);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Meaning::key).toList();
    }
}
