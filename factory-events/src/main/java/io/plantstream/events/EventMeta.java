package io.plantstream.events;

import java.time.Instant;

/**
 * What every event carries: a unique id (consumers deduplicate by it), the producing source,
 * the time the fact happened and the schema version of the payload.
 */
public record EventMeta(String eventId, String source, Instant eventTime, int schemaVersion) {

    /** The schema version this build writes and reads. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public EventMeta {
        Check.id(eventId, "eventId");
        Check.id(source, "source");
        Check.required(eventTime, "eventTime");
        if (schemaVersion != CURRENT_SCHEMA_VERSION) {
            throw new InvalidFieldException("schemaVersion",
                    "is " + schemaVersion + ", this build reads version " + CURRENT_SCHEMA_VERSION);
        }
    }

    /** A new event identity with a new id (time-ordered, see {@link EventIds}). */
    public static EventMeta of(String source, Instant eventTime) {
        return new EventMeta(EventIds.next(), source, eventTime, CURRENT_SCHEMA_VERSION);
    }

    /** An identity with an id derived from the content, so a replay produces the same id. */
    public static EventMeta derived(String source, Instant eventTime, String naturalKey) {
        return new EventMeta(EventIds.derived(source + '|' + naturalKey), source, eventTime, CURRENT_SCHEMA_VERSION);
    }
}
