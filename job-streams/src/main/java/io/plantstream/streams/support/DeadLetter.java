package io.plantstream.streams.support;

/** A record on its way to a dead-letter topic: original bytes; the reason travels in the record's headers. */
public record DeadLetter(String topic, byte[] value) {
}
