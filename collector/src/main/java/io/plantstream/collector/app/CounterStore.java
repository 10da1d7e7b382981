package io.plantstream.collector.app;

import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.core.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last part and reject counters a collector published per machine ("parts,rejects"), kept
 * beside its journal, so that after a restart the first reading counts the parts made in
 * between, once.
 */
public final class CounterStore implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> saved = new ConcurrentHashMap<>();
    private final Map<String, StateFile> files = new ConcurrentHashMap<>();

    /** Counters kept in {@code dir}, one file per machine. */
    public CounterStore(Path dir) {
        this.dir = dir;
    }

    /** Whether counters of this machine are kept here (this node ran it before). */
    boolean has(String machineId) {
        return Files.exists(file(machineId));
    }

    /**
     * Continues from the counters kept here, else from {@code published} (the last ones on
     * Kafka, or null when there are none).
     */
    void restore(SignalProcessor processor, String published) {
        String kept = stateFile(processor.machineId()).read();
        String counters = kept != null ? kept : published;
        if (counters == null) {
            return;
        }
        try {
            String[] parts = counters.split(",");
            processor.baseline(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw new IllegalStateException("stored counters of " + processor.machineId() + " are unreadable: '"
                    + counters + "'", e);
        }
    }

    void save(SignalProcessor processor) {
        String value = processor.counters();
        if (value == null || value.equals(saved.get(processor.machineId()))) {
            return;
        }
        stateFile(processor.machineId()).write(value);
        saved.put(processor.machineId(), value);
    }

    private StateFile stateFile(String machineId) {
        return files.computeIfAbsent(machineId, id -> new StateFile(file(id)));
    }

    @Override
    public void close() {
        files.values().forEach(StateFile::close);
        files.clear();
    }

    private Path file(String machineId) {
        return dir.resolve(machineId + ".counters");
    }
}
