package io.plantstream.collector.app;

import io.plantstream.collector.core.SignalProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last part and reject counters a collector published per machine, kept beside its journal,
 * so that after a restart the first reading counts the parts made in between, once.
 */
final class CounterStore {
    private final Path dir;
    private final java.util.Map<String, String> saved = new java.util.concurrent.ConcurrentHashMap<>();

    CounterStore(Path dir) {
        this.dir = dir;
    }

    /** Whether counters of this machine are kept here (this node ran it before). */
    boolean has(String machineId) {
        return Files.exists(file(machineId));
    }

    /** Continues from counters published elsewhere ("parts,rejects"). */
    void restore(SignalProcessor processor, String published) {
        String[] parts = published.split(",");
        processor.baseline(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    void restore(SignalProcessor processor) {
        Path file = file(processor.machineId());
        if (!Files.exists(file)) {
            return;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(",");
            processor.baseline(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the stored counters in " + file + ": " + e.getMessage(), e);
        }
    }

    void save(SignalProcessor processor) {
        String value = processor.counters();
        if (value == null || value.equals(saved.get(processor.machineId()))) {
            return;
        }
        Path file = file(processor.machineId());
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, value, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            saved.put(processor.machineId(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store counters in " + file, e);
        }
    }

    private Path file(String machineId) {
        return dir.resolve(machineId + ".counters");
    }
}
