package io.plantstream.streams.oee;

import io.plantstream.events.OeeRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live OEE figure of every machine whose task runs in this instance, as the OEE processor
 * last published it (every live interval, and on every event when that interval is zero). Queries
 * read it from here instead of working the figures out of the shift's timeline again: a read
 * costs the same at the end of a shift as at its start. Shared by the stream threads (writers)
 * and the query server (readers).
 */
public final class LiveFigures {
    private final Map<String, OeeRecord> latest = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    void put(String machineId, OeeRecord live) {
        latest.put(machineId, live);
        version.incrementAndGet();
    }

    /** The machine is outside its shifts, or its task left this instance. */
    void remove(String machineId) {
        latest.remove(machineId);
        version.incrementAndGet();
    }

    /** Forgets a machine's figure if it is still the one given (its task left this instance). */
    void forget(String machineId, OeeRecord published) {
        latest.remove(machineId, published);
        version.incrementAndGet();
    }

    /** Changes with every figure put or taken away: an answer made at one version holds until it changes. */
    public long version() {
        return version.get();
    }

    public Optional<OeeRecord> get(String machineId) {
        return Optional.ofNullable(latest.get(machineId));
    }

    public List<OeeRecord> all() {
        return List.copyOf(latest.values());
    }
}
