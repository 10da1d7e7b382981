package io.plantstream.events;

/** Life of an Andon call. */
public enum AndonStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
