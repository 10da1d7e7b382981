package io.plantstream.events;

import java.time.Instant;

/** The state of one production job. Topic job.state.v1 (compacted by order). */
public record JobState(
        EventMeta meta,
        String orderNo,
        @OptionalField String machineId,
        @OptionalField String article,
        JobStatus status,
        long produced,
        long rejected,
        long target,
        @OptionalField Instant dueDate,
        @OptionalField Instant eta,
        @OptionalField String lastCommandId,
        @OptionalField String note,
        @OptionalField Double idealCycleSeconds) implements FactoryEvent {

    public JobState {
        Check.required(meta, "meta");
        Check.id(orderNo, "orderNo");
        Check.required(status, "status");
        Check.nonNegative(produced, "produced");
        Check.nonNegative(rejected, "rejected");
        Check.nonNegative(target, "target");
        if (idealCycleSeconds != null) {
            Check.positive(idealCycleSeconds, "idealCycleSeconds");
        }
    }

    /** Good parts: produced minus rejected. */
    public long good() {
        return produced - rejected;
    }
}
