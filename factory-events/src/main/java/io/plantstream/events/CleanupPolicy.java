package io.plantstream.events;

/** Kafka's cleanup.policy values used by the catalogue. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact"),
    COMPACT_DELETE("compact,delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value as written in topic configuration. */
    public String configValue() {
        return configValue;
    }
}
