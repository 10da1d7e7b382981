package io.plantstream.testkit.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Builds the configuration of one combined (broker + controller) KRaft node. Plaintext, or
 * secured: SASL_SSL with SCRAM-SHA-512 for clients and brokers, SASL PLAIN on the controller
 * listener, StandardAuthorizer with only the admin as super user.
 */
final class BrokerConfig {
    static final String BROKER_LISTENER = "BROKER";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String ADMIN_USER = "admin";
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private BrokerConfig() {
    }

    static Properties of(ClusterLayout layout, ClusterLayout.Node node, Map<String, String> overrides) {
        int size = layout.nodes().size();
        int replicas = Math.min(3, size);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.id()));
        props.put("controller.quorum.voters", layout.nodes().stream()
                .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(",")));
        props.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + node.brokerPort() + ","
                + CONTROLLER_LISTENER + "://127.0.0.1:" + node.controllerPort());
        props.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + node.brokerPort());
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("log.dirs", node.logDir().toString());
        props.put("metadata.log.dir", node.logDir().toString());

        // Internal topics sized to the cluster: with one broker, groups and transactions hang
        // silently unless their replication factors and min ISR are 1.
        props.put("offsets.topic.replication.factor", Integer.toString(replicas));
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        props.put("transaction.state.log.min.isr", Integer.toString(Math.max(1, replicas - 1)));
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        props.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.max(1, replicas - 1)));
        props.put("default.replication.factor", Integer.toString(replicas));
        props.put("min.insync.replicas", Integer.toString(Math.max(1, replicas - 1)));
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");

        // Small footprint: many of these run inside one test JVM.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.replica.fetchers", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        props.put("controlled.shutdown.enable", Boolean.toString(size > 1));
        // A restarted node waits for its old session to expire before it is unfenced: keep that short.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2500");

        if (layout.secured()) {
            secure(props, layout);
        } else {
            props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        }
        props.putAll(overrides);
        return props;
    }

    private static void secure(Properties props, ClusterLayout layout) {
        String password = layout.adminPassword();
        TlsMaterial tls = layout.tls();
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":SASL_SSL," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        props.put("listener.name.broker.sasl.enabled.mechanisms", SCRAM_MECHANISM);
        props.put("listener.name.broker.scram-sha-512.sasl.jaas.config", scramJaas(ADMIN_USER, password));
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN_USER
                        + "\" password=\"" + password + "\" user_" + ADMIN_USER + "=\"" + password + "\";");
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", tls.keyStore().toString());
        props.put("ssl.keystore.password", tls.password());
        props.put("ssl.key.password", tls.password());
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.location", tls.trustStore().toString());
        props.put("ssl.truststore.password", tls.password());
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + ADMIN_USER);
        props.put("allow.everyone.if.no.acl.found", "false");
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    static Path metaProperties(ClusterLayout.Node node) {
        return node.logDir().resolve("meta.properties");
    }
}
