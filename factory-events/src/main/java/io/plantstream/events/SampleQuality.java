package io.plantstream.events;

/** Quality of a sampled tag value, as the source reported it. */
public enum SampleQuality {
    GOOD, UNCERTAIN, BAD
}
