package io.plantstream.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster in this JVM, in KRaft mode, built from Kafka's own server classes: each
 * node is a combined broker and controller. Plaintext or secured (SASL_SSL with SCRAM-SHA-512
 * and ACLs, admin password generated). Nodes can be stopped and started again on the same ports
 * and data, so tests can take a broker away and bring it back.
 *
 * <p>With {@link Builder#ownProcesses()} every node runs in a JVM of its own (Kafka's own main
 * class, the same configuration), so a test can kill one the hard way ({@link #killBroker}):
 * no controlled shutdown, no flush, its clients find out by time-outs, as when a machine dies.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final ClusterLayout layout;
    private final Map<String, String> overrides;
    private final Path temporaryDir;
    private final Map<Integer, KafkaRaftServer> running = new ConcurrentHashMap<>();
    private final Map<Integer, Process> processes = new ConcurrentHashMap<>();
    private final boolean ownProcesses;

    private EmbeddedKafkaCluster(ClusterLayout layout, Map<String, String> overrides, Path temporaryDir,
            boolean ownProcesses) {
        this.layout = layout;
        this.overrides = Map.copyOf(overrides);
        this.temporaryDir = temporaryDir;
        this.ownProcesses = ownProcesses;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats new node directories and starts every node in parallel; returns when all serve clients. */
    public EmbeddedKafkaCluster start() {
        long began = System.nanoTime();
        List<CompletableFuture<Void>> starts = layout.nodes().stream()
                .map(node -> CompletableFuture.runAsync(() -> startNode(node)))
                .toList();
        await(CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)), "start of the cluster");
        awaitBrokers(layout.nodes().size());
        LOG.info("Kafka cluster of {} node(s) up at {} in {} ms", layout.nodes().size(), bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return this;
    }

    /** Stops one node (its data stays); clients see it go away. */
    public void stopBroker(int nodeId) {
        Process process = processes.remove(nodeId);
        if (process != null) {
            long began = System.nanoTime();
            process.destroy();
            waitFor(process, nodeId);
            LOG.info("Kafka node {} (own process) stopped in {} ms", nodeId,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return;
        }
        KafkaRaftServer server = running.remove(nodeId);
        if (server != null) {
            long began = System.nanoTime();
            server.shutdown();
            server.awaitShutdown();
            LOG.info("Kafka node {} stopped in {} ms", nodeId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
    }

    /**
     * Kills one node with SIGKILL (nodes in their own processes only): nothing is handed over or
     * flushed; its data stays for a restart.
     */
    public void killBroker(int nodeId) {
        Process process = processes.remove(nodeId);
        if (process == null) {
            throw new IllegalStateException("node " + nodeId + " is not a running process of its own");
        }
        process.destroyForcibly();
        waitFor(process, nodeId);
        LOG.info("Kafka node {} killed (SIGKILL)", nodeId);
    }

    private static void waitFor(Process process, int nodeId) {
        try {
            if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                LOG.warn("Kafka node {} did not stop in time and was killed", nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping node " + nodeId, e);
        }
    }

    /** Starts a stopped node again on its old ports and data. */
    public void startBroker(int nodeId) {
        long began = System.nanoTime();
        startNode(layout.node(nodeId));
        if (ownProcesses) {
            awaitPort(layout.node(nodeId).brokerPort());
        }
        LOG.info("Kafka node {} started in {} ms", nodeId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /**
     * The broker part of a combined node. Kafka keeps it private; read by reflection (this
     * fixture is tied to the Kafka version of the build). Empty if that ever fails: the node is
     * then stopped as a whole, as before.
     */
    private static java.util.Optional<kafka.server.BrokerServer> brokerPart(KafkaRaftServer server) {
        try {
            java.lang.reflect.Field field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            scala.Option<?> broker = (scala.Option<?>) field.get(server);
            return broker.isDefined() ? java.util.Optional.of((kafka.server.BrokerServer) broker.get())
                    : java.util.Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot reach the broker part of a Kafka node ({}); stopping the node as a whole", e.toString());
            return java.util.Optional.empty();
        }
    }

    public boolean isRunning(int nodeId) {
        return running.containsKey(nodeId) || processes.containsKey(nodeId);
    }

    public List<Integer> nodeIds() {
        return layout.nodes().stream().map(ClusterLayout.Node::id).toList();
    }

    public String bootstrapServers() {
        return layout.nodes().stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    public boolean isSecured() {
        return layout.secured();
    }

    /** Client settings with full rights (the admin user when secured). */
    public Map<String, Object> clientProperties() {
        return layout.secured() ? clientProperties(BrokerConfig.ADMIN_USER, layout.adminPassword()) : plainClient();
    }

    /** Client settings for a SCRAM user over TLS. Only on a secured cluster. */
    public Map<String, Object> clientProperties(String user, String password) {
        if (!layout.secured()) {
            throw new IllegalStateException("this cluster is not secured; use clientProperties()");
        }
        Map<String, Object> props = plainClient();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        props.put(SaslConfigs.SASL_MECHANISM, BrokerConfig.SCRAM_MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, BrokerConfig.scramJaas(user, password));
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, layout.tls().trustStore().toString());
        props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, layout.tls().password());
        return props;
    }

    /** A new admin client with full rights; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientProperties());
    }

    @Override
    public void close() {
        if (!processes.isEmpty()) {
            // the data is thrown away or kept as it is: no need to shut down in order
            processes.values().forEach(Process::destroyForcibly);
            processes.forEach((id, process) -> waitFor(process, id));
            processes.clear();
        }
        if (running.size() > 1) {
            // Brokers first, while every controller is up: each broker's controlled shutdown is
            // approved. Stopping combined nodes all at once can leave the last broker asking a
            // controller quorum that is already gone, until the shutdown times out.
            List<CompletableFuture<Void>> brokers = running.values().stream()
                    .map(server -> CompletableFuture.runAsync(() -> brokerPart(server).ifPresent(
                            kafka.server.BrokerServer::shutdown)))
                    .toList();
            await(CompletableFuture.allOf(brokers.toArray(CompletableFuture[]::new)), "shutdown of the brokers");
        }
        List<CompletableFuture<Void>> stops = nodeIds().stream()
                .map(id -> CompletableFuture.runAsync(() -> stopBroker(id)))
                .toList();
        await(CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)), "shutdown of the cluster");
        if (temporaryDir != null) {
            Directories.deleteRecursively(temporaryDir);
        }
    }

    private Map<String, Object> plainClient() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    private void startNode(ClusterLayout.Node node) {
        Properties props = BrokerConfig.of(layout, node, overrides);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatIfNew(node, config);
        if (ownProcesses) {
            processes.put(node.id(), startProcess(node, props));
            return;
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        running.put(node.id(), server);
    }

    /** The node in a JVM of its own, from a properties file next to its data; its output in node-N.log. */
    private static Process startProcess(ClusterLayout.Node node, Properties props) {
        try {
            Path dir = node.logDir().getParent();
            Path file = dir.resolve("node-" + node.id() + ".properties");
            try (java.io.Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(out, "Kafka node " + node.id());
            }
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx384m", "-cp", System.getProperty("java.class.path"), "kafka.Kafka", file.toString());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node-" + node.id() + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + node.id() + " in its own process", e);
        }
    }

    private void formatIfNew(ClusterLayout.Node node, KafkaConfig config) {
        if (Files.exists(BrokerConfig.metaProperties(node))) {
            return;
        }
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), true,
                            StandardCharsets.UTF_8))
                    .setClusterId(layout.clusterId())
                    .setNodeId(node.id())
                    .setDirectories(List.of(node.logDir().toString()))
                    .setMetadataLogDirectory(node.logDir().toString())
                    .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setFeatureLevel("transaction.version", (short) 1);
            if (layout.secured()) {
                formatter.setScramArguments(List.of(BrokerConfig.SCRAM_MECHANISM + "=[name="
                        + BrokerConfig.ADMIN_USER + ",password=" + layout.adminPassword() + "]"));
            }
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format " + node.logDir() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitPort(int port) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka node on port " + port + " did not open in time");
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for port " + port, e);
                }
            }
        }
    }

    private void awaitBrokers(int expected) {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (true) {
                try {
                    int seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (seen >= expected) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("cluster not ready yet: {}", e.getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka cluster did not show " + expected + " brokers within "
                            + STARTUP_TIMEOUT.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    private static void await(CompletableFuture<Void> future, String what) {
        try {
            future.get(STARTUP_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish in time", e);
        }
    }

    /** Choices made once, before the first start. */
    public static final class Builder {
        private int nodes = 1;
        private boolean secured;
        private Path dataDir;
        private Integer firstBrokerPort;
        private final Map<String, String> overrides = new HashMap<>();
        private boolean ownProcesses;

        private Builder() {
        }

        /** Every node in a JVM of its own, so that it can be killed (see {@link EmbeddedKafkaCluster#killBroker}). */
        public Builder ownProcesses() {
            this.ownProcesses = true;
            return this;
        }

        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node");
            }
            this.nodes = count;
            return this;
        }

        /** SASL_SSL with SCRAM-SHA-512 and ACLs; the admin password is generated. */
        public Builder secured(boolean secured) {
            this.secured = secured;
            return this;
        }

        /** Where node data lives; kept across runs when given. Default: a new temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Fixed client port of the first node (the next nodes use the following ports); default: free ports. */
        public Builder brokerPort(int port) {
            this.firstBrokerPort = port;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaCluster build() {
            try {
                Path dir = dataDir != null ? dataDir : Files.createTempDirectory("plantstream-kafka-");
                Files.createDirectories(dir);
                String clusterId = clusterId(dir);
                List<ClusterLayout.Node> nodeList = new ArrayList<>();
                for (int id = 1; id <= nodes; id++) {
                    int brokerPort = firstBrokerPort != null ? firstBrokerPort + id - 1 : FreePorts.next();
                    int controllerPort = firstBrokerPort != null ? firstBrokerPort + 100 + id - 1 : FreePorts.next();
                    nodeList.add(new ClusterLayout.Node(id, brokerPort, controllerPort, dir.resolve("node-" + id)));
                }
                String password = secured ? Secrets.randomPassword() : null;
                TlsMaterial tls = secured ? TlsMaterial.generate(dir.resolve("tls")) : null;
                if (secured && Files.exists(dir.resolve("node-1"))) {
                    throw new IllegalStateException("a secured cluster is created fresh; " + dir + " holds an old one");
                }
                return new EmbeddedKafkaCluster(new ClusterLayout(clusterId, List.copyOf(nodeList), secured, password,
                        tls), overrides, dataDir == null ? dir : null, ownProcesses);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the cluster's data directory", e);
            }
        }

        private static String clusterId(Path dir) throws IOException {
            Path file = dir.resolve("cluster.id");
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        }
    }
}
