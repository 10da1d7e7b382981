package io.plantstream.streams.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's store of per-machine values kept decoded: read once when the processor starts, then
 * served from memory, every change still written through to the store and its changelog. Holds
 * only while one processor alone writes the store; create it in the processor's {@code init}, so
 * a task restored from its changelog starts from the restored values.
 */
public final class DecodedStore<V> {
    private final KeyValueStore<String, V> store;
    private final Map<String, V> values = new TreeMap<>();

    public DecodedStore(KeyValueStore<String, V> store) {
        this.store = store;
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> values.put(entry.key, entry.value));
        }
    }

    /** The value of {@code key}, a new one from {@code absent} (not yet stored) if it has none. */
    public V get(String key, Supplier<V> absent) {
        return values.computeIfAbsent(key, k -> absent.get());
    }

    public void put(String key, V value) {
        values.put(key, value);
        store.put(key, value);
    }

    /** Every value by key, in key order. */
    public Map<String, V> all() {
        return values;
    }
}
