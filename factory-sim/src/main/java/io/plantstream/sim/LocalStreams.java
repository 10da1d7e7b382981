package io.plantstream.sim;

import io.plantstream.testkit.kafka.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * job-streams as the local plant runs it: one broker, the sample calendar, and a query token
 * generated on the first start and kept (owner-readable only) in the plant's data directory.
 */
final class LocalStreams {
    private LocalStreams() {
    }

    static Map<String, String> settings(Path dataDir, String bootstrap, int queryPort,
            java.util.List<io.plantstream.sim.machines.SimulatedMachines.Spec> machines) {
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "oee.ideal.cycles", idealCycles(machines),
                "calendar.file", calendar(dataDir).toString(),
                "state.dir", dataDir.resolve("streams").toString(),
                "replication.factor", "1",
                "standby.replicas", "0",
                "http.port", Integer.toString(queryPort),
                "http.token", token(dataDir));
    }

    /**
     * Each simulated machine's ideal cycle: 92 % of the cycle it runs at, as a real machine's
     * nameplate cycle is somewhat faster than what it reaches in production.
     */
    static String idealCycles(java.util.List<io.plantstream.sim.machines.SimulatedMachines.Spec> machines) {
        return machines.stream()
                .map(m -> m.id() + "=" + Math.round(m.behaviour().cycleSeconds() * 920) + "ms")
                .collect(java.util.stream.Collectors.joining(","));
    }

    static Path tokenFile(Path dataDir) {
        return dataDir.resolve("query-token");
    }

    static Path calendar(Path dataDir) {
        Path file = dataDir.resolve("calendar.yaml");
        if (!Files.exists(file)) {
            try (InputStream in = LocalStreams.class.getResourceAsStream("/plant/calendar.yaml")) {
                Files.write(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return file;
    }

    private static String token(Path dataDir) {
        Path file = tokenFile(dataDir);
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, Secrets.randomPassword(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
