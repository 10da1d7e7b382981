package io.plantstream.events;

/** Why an operator calls. */
public enum AndonReason {
    MAINTENANCE, MATERIAL, QUALITY, HELP
}
