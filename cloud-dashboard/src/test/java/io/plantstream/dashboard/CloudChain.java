package io.plantstream.dashboard;

import io.plantstream.bridge.BridgeConfig;
import io.plantstream.bridge.CloudBridge;
import io.plantstream.collector.app.CollectorConfig;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.config.ConfigSource;
import io.plantstream.dashboard.users.Role;
import io.plantstream.dashboard.users.UserDirectory;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The path from a machine to a manager's screen, all real: an edge Kafka with a collector and its
 * job agent (simulated machine M01), the cloud bridge, a cloud Kafka and the dashboard, with a
 * planner and a viewer account.
 */
final class CloudChain implements AutoCloseable {
    static final String SITE = "plant-a";
    final String adminPassword = "admin-" + UUID.randomUUID();
    final String plannerPassword = "planner-" + UUID.randomUUID();
    final String viewerPassword = "viewer-" + UUID.randomUUID();
    final Path dir;
    final EmbeddedKafkaCluster edge;
    final EmbeddedKafkaCluster cloud;
    final CollectorService collector;
    final CloudBridge bridge;
    final DashboardServer dashboard;

    CloudChain(String layout) throws Exception {
        dir = Files.createDirectories(Path.of("target", "chain-" + UUID.randomUUID()).toAbsolutePath());
        CompletableFuture<EmbeddedKafkaCluster> edgeStart = CompletableFuture.supplyAsync(
                () -> EmbeddedKafkaCluster.builder().build().start());
        cloud = EmbeddedKafkaCluster.builder().build().start();
        edge = edgeStart.join();
        try (Admin admin = edge.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        CompletableFuture<CollectorService> collectorStart = CompletableFuture.supplyAsync(this::startCollector);
        bridge = CloudBridge.start(BridgeConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "site", SITE, "edge.kafka.bootstrap.servers", edge.bootstrapServers(),
                "cloud.kafka.bootstrap.servers", cloud.bootstrapServers(), "edge.replication.factor", "1",
                "cloud.replication.factor", "1", "sync.interval", "1s", "http.port", "0"), "test")));
        Path adminSecret = Files.writeString(dir.resolve("admin.password"), adminPassword);
        Path layoutFile = Files.writeString(dir.resolve("layout.yaml"), layout);
        dashboard = DashboardServer.start(DashboardConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "kafka.bootstrap.servers", cloud.bootstrapServers(), "http.port", "0",
                "admin.password.file", adminSecret.toString(), "replication.factor", "1",
                "layout", layoutFile.toString()), "test")));
        UserDirectory users = dashboard.service(UserDirectory.class);
        users.create("admin", "pia", Role.PLANNER, plannerPassword);
        users.create("admin", "vic", Role.VIEWER, viewerPassword);
        collector = collectorStart.join();
    }

    /** Publishes an event at the edge as the service that owns the topic would. */
    <K, V> void publishAtTheEdge(Topic<K, V> topic, V value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(edge.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(),
                    topic.keyFor(value)), topic.valueSerde().serializer().serialize(topic.name(), value))).get();
        }
    }

    /** Publishes many values of a topic at the edge with one producer, in order. */
    <K, V> void publishAllAtTheEdge(Topic<K, V> topic, List<V> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(edge.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(),
                        topic.keyFor(value)), topic.valueSerde().serializer().serialize(topic.name(), value)));
            }
            producer.flush();
        }
    }

    String cloudCommandTopic() {
        return CloudTopics.commands(SITE);
    }

    private CollectorService startCollector() {
        try {
            Path definitions = Files.writeString(dir.resolve("machines.yaml"), """
                    id: M01
                    name: Press 1
                    line: L1
                    kind: simulated
                    connection: {cycleSeconds: "2", scrapRate: "0", seed: "1"}
                    poll: 500ms
                    tags: {running: running, fault: fault, partCounter: partCounter, rejectCounter: rejectCounter, activeJob: activeJob}
                    stateRules:
                      - {when: running, state: RUNNING}
                      - {otherwise: IDLE, reason: NO_JOB}
                    """);
            return CollectorService.start(CollectorConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                    "kafka.bootstrap.servers", edge.bootstrapServers(), "machines", definitions.toString(),
                    "state.dir", dir.resolve("collector").toString(), "http.port", "0",
                    "time.zone", "Europe/Berlin"), "test")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : new AutoCloseable[] {dashboard, bridge, collector, cloud, edge}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(CloudChain.class).warn("Closing {} failed", closeable, e);
            }
        }
    }
}
