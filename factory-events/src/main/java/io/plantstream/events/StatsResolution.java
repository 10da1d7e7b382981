package io.plantstream.events;

import java.time.Duration;

/** The window of a parameter aggregate. */
public enum StatsResolution {
    MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1));

    private final Duration length;

    StatsResolution(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }
}
