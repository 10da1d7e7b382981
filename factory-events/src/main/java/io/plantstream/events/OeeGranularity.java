package io.plantstream.events;

/** The window an OEE record covers. */
public enum OeeGranularity {
    SHIFT, HOUR, LIVE
}
