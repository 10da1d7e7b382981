package io.plantstream.sim;

import io.plantstream.bridge.BridgeConfig;
import io.plantstream.bridge.CloudBridge;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.config.ConfigSource;
import io.plantstream.dashboard.DashboardConfig;
import io.plantstream.dashboard.DashboardServer;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.kafka.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cloud side of the local plant: a second Kafka cluster in this JVM, the cloud bridge between
 * it and the edge, and the dashboard on loopback. The dashboard's first admin password is
 * generated on the first start and kept owner-readable in {@code secrets/dashboard-admin.password};
 * its layout (lines and machine names) comes from the machine definitions.
 */
final class LocalCloud implements AutoCloseable {
    static final String ADMIN_PASSWORD_FILE = "dashboard-admin.password";

    private final CloudBridge bridge;
    private final DashboardServer dashboard;
    private final boolean firstStart;
    private final Path adminPassword;

    private LocalCloud(CloudBridge bridge, DashboardServer dashboard, boolean firstStart, Path adminPassword) {
        this.bridge = bridge;
        this.dashboard = dashboard;
        this.firstStart = firstStart;
        this.adminPassword = adminPassword;
    }

    /** Starts the bridge and the dashboard against a running edge and cloud cluster. */
    static LocalCloud start(Path dataDir, String site, EmbeddedKafkaCluster edge, EmbeddedKafkaCluster cloud,
            int dashboardPort, Path machines) {
        Path password = dataDir.resolve("secrets").resolve(ADMIN_PASSWORD_FILE);
        boolean first = !Files.exists(password);
        if (first) {
            LocalFiles.writeSecret(password, Secrets.randomPassword());
        }
        Path layout = dataDir.resolve("layout.yaml");
        writeLayout(layout, site, DefinitionLoader.load(List.of(machines)));
        CloudBridge bridge = CloudBridge.start(BridgeConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "site", site, "edge.kafka.bootstrap.servers", edge.bootstrapServers(),
                "cloud.kafka.bootstrap.servers", cloud.bootstrapServers(), "edge.replication.factor", "1",
                "cloud.replication.factor", "1", "sync.interval", "5s", "http.port", "0"), "local plant")));
        try {
            DashboardServer dashboard = DashboardServer.start(DashboardConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                    "kafka.bootstrap.servers", cloud.bootstrapServers(), "http.port", Integer.toString(dashboardPort),
                    "admin.password.file", password.toString(), "replication.factor", "1",
                    "layout", layout.toString()), "local plant")));
            return new LocalCloud(bridge, dashboard, first, password);
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    int dashboardPort() {
        return dashboard.port();
    }

    DashboardServer dashboard() {
        return dashboard;
    }

    CloudBridge bridge() {
        return bridge;
    }

    /** How to log in: the password itself only the first time, afterwards where it is kept. */
    String login() {
        try {
            return firstStart
                    ? "user admin, password " + Files.readString(adminPassword).strip() + " (shown once; kept in "
                            + adminPassword + ")"
                    : "user admin, password in " + adminPassword;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLayout(Path file, String site, List<MachineDefinition> machines) {
        Map<String, List<MachineDefinition>> byLine = machines.stream().collect(Collectors.groupingBy(
                m -> m.line() == null ? "other" : m.line(), LinkedHashMap::new, Collectors.toList()));
        StringBuilder yaml = new StringBuilder("# written by the local plant from the machine definitions\nsites:\n")
                .append("  - id: ").append(site).append("\n    name: Local plant\n    lines:\n");
        byLine.forEach((line, list) -> yaml.append("      - id: \"").append(line).append("\"\n        machines: [")
                .append(list.stream().map(m -> "{id: \"" + m.id() + "\", name: \"" + m.name().replace("\"", "'") + "\"}")
                        .collect(Collectors.joining(", "))).append("]\n"));
        LocalFiles.write(file, yaml.toString());
    }

    @Override
    public void close() {
        dashboard.close();
        bridge.close();
    }
}
