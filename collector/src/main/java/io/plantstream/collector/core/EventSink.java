package io.plantstream.collector.core;

import io.plantstream.events.FactoryEvent;
import io.plantstream.events.Topic;

/** Where a collector's events go: normally the store-and-forward publisher. */
public interface EventSink {

    /** Hands an event over; once this returns, the event will reach Kafka (or is counted as dropped). */
    <V extends FactoryEvent> void publish(Topic<String, V> topic, String key, V event);

    /**
     * Hands over data that could not become an event, for the dead-letter topic of the topic it
     * was meant for, with the reason.
     */
    void deadLetter(Topic<?, ?> intended, String key, byte[] value, String origin, String reason);
}
