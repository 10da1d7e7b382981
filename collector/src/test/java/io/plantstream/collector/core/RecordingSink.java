package io.plantstream.collector.core;

import io.plantstream.events.FactoryEvent;
import io.plantstream.events.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given, for unit tests of the processing (the real one is StoreAndForward). */
final class RecordingSink implements EventSink {
    final List<FactoryEvent> events = new ArrayList<>();
    final List<String> deadLetters = new ArrayList<>();
    final List<String> contents = new ArrayList<>();

    @Override
    public <V extends FactoryEvent> void publish(Topic<String, V> topic, String key, V event) {
        events.add(event);
    }

    @Override
    public void deadLetter(Topic<?, ?> intended, String key, byte[] value, String origin, String reason) {
        deadLetters.add(intended.name() + ": " + reason);
        contents.add(new String(value, StandardCharsets.UTF_8));
    }

    <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
