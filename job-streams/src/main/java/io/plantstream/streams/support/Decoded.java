package io.plantstream.streams.support;

/**
 * A decoded value with the bytes it came from and where they were read, so that any later step,
 * even after a repartition, can dead-letter the original with its source coordinates.
 */
public record Decoded<V>(V value, byte[] raw, String sourceTopic, int sourcePartition, long sourceOffset) {
}
