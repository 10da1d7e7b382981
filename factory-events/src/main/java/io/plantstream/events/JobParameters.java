package io.plantstream.events;

/** What a machine needs to run a job. */
public record JobParameters(
        String article,
        long targetQuantity,
        double idealCycleSeconds,
        @OptionalField String recipe) {

    public JobParameters {
        Check.id(article, "article");
        if (targetQuantity <= 0) {
            throw new InvalidFieldException("targetQuantity", "must be positive, was " + targetQuantity);
        }
        Check.positive(idealCycleSeconds, "idealCycleSeconds");
    }
}
