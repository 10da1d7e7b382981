package io.plantstream.streams.support;

/** A decoded value with the bytes it came from, so any later step can dead-letter the original. */
public record Decoded<V>(V value, byte[] raw, String sourceTopic) {
}
