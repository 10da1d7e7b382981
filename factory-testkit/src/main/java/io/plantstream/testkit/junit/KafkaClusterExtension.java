package io.plantstream.testkit.junit;

import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real in-JVM Kafka cluster once per test class and stops it after the class:
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();
 * }</pre>
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<EmbeddedKafkaCluster.Builder> settings;
    private EmbeddedKafkaCluster cluster;

    private KafkaClusterExtension(UnaryOperator<EmbeddedKafkaCluster.Builder> settings) {
        this.settings = settings;
    }

    /** One plaintext broker. */
    public static KafkaClusterExtension singleBroker() {
        return new KafkaClusterExtension(b -> b);
    }

    /** One broker with SASL_SSL, SCRAM-SHA-512 and ACLs; the admin is the only super user. */
    public static KafkaClusterExtension securedBroker() {
        return new KafkaClusterExtension(b -> b.secured(true));
    }

    /** Three brokers, replication 3, min.insync.replicas 2. */
    public static KafkaClusterExtension threeBrokers() {
        return new KafkaClusterExtension(b -> b.nodes(3));
    }

    /** Any other shape. */
    public static KafkaClusterExtension of(UnaryOperator<EmbeddedKafkaCluster.Builder> settings) {
        return new KafkaClusterExtension(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = settings.apply(EmbeddedKafkaCluster.builder()).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    public EmbeddedKafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the Kafka cluster runs only while the test class runs");
        }
        return cluster;
    }

    public String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    public Map<String, Object> clientProperties() {
        return cluster().clientProperties();
    }

    public Admin admin() {
        return cluster().admin();
    }
}
