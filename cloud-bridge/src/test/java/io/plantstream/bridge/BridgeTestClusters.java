package io.plantstream.bridge;

import static org.awaitility.Awaitility.await;

import io.plantstream.config.ConfigSource;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * An edge and a cloud cluster for one site, started side by side: the topic catalogue at the
 * edge (replicated on every edge broker), the site's command topic in the cloud.
 */
record BridgeTestClusters(String site, Path dir, EmbeddedKafkaCluster edge, EmbeddedKafkaCluster cloud)
        implements AutoCloseable {

    /** @param edgeBrokers one in this JVM, or more, each in a JVM of its own (to be killed) */
    static BridgeTestClusters start(String site, int edgeBrokers) throws Exception {
        Path dir = Path.of("target", "bridge-" + UUID.randomUUID()).toAbsolutePath();
        CompletableFuture<EmbeddedKafkaCluster> edgeStart = CompletableFuture.supplyAsync(() -> {
            EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("edge"));
            return (edgeBrokers > 1 ? builder.nodes(edgeBrokers).ownProcesses() : builder).build().start();
        });
        EmbeddedKafkaCluster cloud = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("cloud")).build().start();
        EmbeddedKafkaCluster edge = edgeStart.join();
        try (Admin admin = edge.admin()) {
            new TopicProvisioner(admin, (short) edgeBrokers, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        try (Admin admin = cloud.admin()) {
            admin.createTopics(List.of(new NewTopic(CloudTopics.commands(site), Topics.JOB_COMMANDS.partitions(),
                    (short) 1))).all().get();
        }
        return new BridgeTestClusters(site, dir, edge, cloud);
    }

    /** The bridge between the two, once both its flows run. */
    CloudBridge startBridge() {
        CloudBridge started = CloudBridge.start(BridgeConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "site", site,
                "edge.kafka.bootstrap.servers", edge.bootstrapServers(),
                "cloud.kafka.bootstrap.servers", cloud.bootstrapServers(),
                "edge.replication.factor", Integer.toString(edge.nodeIds().size()),
                "cloud.replication.factor", "1",
                "sync.interval", "1s",
                "http.port", "0"), "test")));
        await("both flows of the bridge running").atMost(Duration.ofSeconds(90)).until(started::running);
        return started;
    }

    /** Closes what was started before the clusters ({@code null}s skipped), then the clusters. */
    void closeWith(AutoCloseable... first) throws Exception {
        for (AutoCloseable closeable : first) {
            if (closeable != null) {
                closeable.close();
            }
        }
        close();
    }

    @Override
    public void close() {
        cloud.close();
        edge.close();
        Directories.deleteRecursively(dir);
    }
}
