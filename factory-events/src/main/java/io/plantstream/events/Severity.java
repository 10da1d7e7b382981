package io.plantstream.events;

/** How urgent an alarm or alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
