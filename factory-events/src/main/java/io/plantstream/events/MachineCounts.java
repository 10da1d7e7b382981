package io.plantstream.events;

/**
 * Parts made since the previous report, derived from the machine's absolute counters, with the
 * counter values they came from. Produced includes rejected parts. A counter reset or wrap is
 * flagged and never yields a negative delta. Topic machine.counts.v1.
 */
public record MachineCounts(
        EventMeta meta,
        String machineId,
        long producedDelta,
        long rejectedDelta,
        long producedCounter,
        long rejectedCounter,
        boolean counterReset,
        @OptionalField String orderNo) implements FactoryEvent {

    public MachineCounts {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        Check.nonNegative(producedDelta, "producedDelta");
        Check.nonNegative(rejectedDelta, "rejectedDelta");
        Check.nonNegative(producedCounter, "producedCounter");
        Check.nonNegative(rejectedCounter, "rejectedCounter");
    }
}
