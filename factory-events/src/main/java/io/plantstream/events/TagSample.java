package io.plantstream.events;

/** One sampled tag value. */
public record TagSample(String tag, double value, @OptionalField String unit, SampleQuality quality) {

    public TagSample {
        Check.id(tag, "tag");
        Check.finite(value, "value");
        Check.required(quality, "quality");
    }
}
