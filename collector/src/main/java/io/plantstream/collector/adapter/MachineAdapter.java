package io.plantstream.collector.adapter;

import io.plantstream.collector.core.RawSample;
import java.util.List;
import java.util.Map;

/**
 * The machine-specific half of a collector: reads what is new from one machine. The runner
 * calls {@link #poll} at the machine's poll interval on one thread, hands the samples to the
 * signal processor, then calls {@link #processed} so the adapter can move on (store its
 * position, move a file to done/). A poll that throws means the machine is unreachable: the
 * runner retries with back-off, and the adapter reconnects on the next poll.
 */
public interface MachineAdapter extends AutoCloseable {

    /**
     * What one poll found: samples in order, data refused on the way with the reason, and whether
     * more is waiting right now (a full page of rows, another file), so the runner reads on at
     * once instead of waiting for the next interval. Polled machines never have more.
     */
    record Batch(List<RawSample> samples, List<Refusal> refusals, boolean more) {
        public static final Batch EMPTY = new Batch(List.of(), List.of(), false);

        public Batch {
            samples = List.copyOf(samples);
            refusals = List.copyOf(refusals);
        }

        public Batch(List<RawSample> samples, List<Refusal> refusals) {
            this(samples, refusals, false);
        }
    }

    /** Input that could not become a sample: a bad row, a broken file. */
    record Refusal(String origin, String reason, byte[] content) {
    }

    Batch poll() throws Exception;

    /** The samples of the last poll have been handed over; commit the position. */
    void processed() throws Exception;

    /**
     * Whether the runner may process this adapter's batches on another thread while it reads the
     * next: only where {@link #processed} commits nothing (values polled from a PLC) and a read
     * mostly waits for the machine's answer, so that the processing fits into that wait. Adapters
     * with a read position (rows, files) or whose reads cost CPU rather than waiting (messages
     * already received) have each batch processed before the next poll.
     */
    default boolean overlapsProcessing() {
        return false;
    }

    /** How the machine is read, for the health endpoint (e.g. mode poll or subscription). */
    default Map<String, Object> describe() {
        return Map.of("mode", "poll");
    }

    /** Closes the connection; a later poll opens a fresh one. */
    void disconnect();

    @Override
    default void close() {
        disconnect();
    }
}
