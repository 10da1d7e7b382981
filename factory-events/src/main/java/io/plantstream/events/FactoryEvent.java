package io.plantstream.events;

/** Every value on a catalogue topic is a factory event. */
public interface FactoryEvent {
    EventMeta meta();
}
