package io.plantstream.events;

import io.plantstream.events.serde.JsonSerde;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A typed topic descriptor: the only place a topic's name, key and value types and its storage
 * settings are written. {@code retention} is null for topics kept forever (compacted ones);
 * {@code keyOf} says which field of a value is its key (the machine id, the order number).
 */
public record Topic<K, V>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        CleanupPolicy cleanup,
        int partitions,
        Duration retention,
        Function<V, K> keyOf) {

    /** Suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private static final Duration DLQ_RETENTION = Duration.ofDays(14);

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(keyOf, "keyOf");
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
        if (cleanup != CleanupPolicy.COMPACT && retention == null) {
            throw new IllegalArgumentException(name + ": a deleting topic needs a retention");
        }
    }

    public boolean isDeadLetter() {
        return name.endsWith(DLQ_SUFFIX);
    }

    /** The dead-letter topic of this topic: original bytes, reason in headers. */
    public Topic<byte[], byte[]> deadLetter() {
        if (isDeadLetter()) {
            throw new IllegalStateException(name + " is a dead-letter topic already");
        }
        return new Topic<>(name + DLQ_SUFFIX, byte[].class, byte[].class, CleanupPolicy.DELETE,
                1, DLQ_RETENTION, value -> {
                    throw new UnsupportedOperationException("dead letters keep the key of their source record");
                });
    }

    /** The key a value is published under on this topic. */
    public K keyFor(V value) {
        return keyOf.apply(value);
    }

    public Serde<K> keySerde() {
        return serdeFor(keyType);
    }

    public Serde<V> valueSerde() {
        return serdeFor(valueType);
    }

    /** One serde per type, shared: they hold no state and are built once (building costs more than using). */
    private static final Map<Class<?>, Serde<?>> SERDES = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> serdeFor(Class<T> type) {
        if (type == String.class) {
            return (Serde<T>) Serdes.String();
        }
        if (type == byte[].class) {
            return (Serde<T>) Serdes.ByteArray();
        }
        return (Serde<T>) SERDES.computeIfAbsent(type, JsonSerde::new);
    }

    @Override
    public String toString() {
        return name;
    }
}
