package io.plantstream.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local plant's machines: the simulation file is copied into the data directory on first start, then the user's to edit. */
final class LocalMachines {
    private LocalMachines() {
    }

    static Path simulation(Path dataDir) {
        Path file = dataDir.resolve("simulation.yaml");
        if (!Files.exists(file)) {
            try (InputStream in = LocalMachines.class.getResourceAsStream("/plant/simulation.yaml")) {
                Files.createDirectories(dataDir);
                Files.write(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return file;
    }
}
