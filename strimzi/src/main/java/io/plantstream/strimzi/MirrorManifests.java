package io.plantstream.strimzi;

import io.plantstream.bridge.MirrorSettings;
import io.plantstream.events.Applications;
import io.plantstream.events.CloudTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders the two KafkaMirrorMaker2 resources of a plant (edge to cloud and cloud to edge) from
 * the settings the cloud bridge itself runs with ({@link MirrorSettings}), so the Kubernetes
 * bridge and the stand-alone one mirror the same topics in the same way.
 *
 * <ul>
 * <li>{@code uplink}: a Connect cluster in the cloud (its group and storage topics start with
 * {@code <site>.}, the site's rights there), the edge as source under the site alias, logged in
 * as the edge KafkaUser {@code cloud-bridge}.</li>
 * <li>{@code downlink}: a Connect cluster at the edge (group {@code cloud-bridge-downlink},
 * storage topics starting with {@code mm2-}, both inside the {@code cloud-bridge} user's rights),
 * the cloud as source. Its replication policy is the bridge's DownlinkReplicationPolicy, so it
 * runs the image {@code plantstream/mirror-maker-2} (Strimzi's Kafka image plus that one jar,
 * built by the mirror-maker-image module).</li>
 * </ul>
 * The site, the cloud's address and the cloud login come from {@code cloud.properties} in the
 * overlay; passwords and certificates come from Secrets the admin creates.
 */
public final class MirrorManifests {
    static final String IMAGE = "plantstream/mirror-maker-2:0.1.0-SNAPSHOT";
    static final String EDGE_BOOTSTRAP = "edge-kafka-bootstrap:9093";
    static final String DOWNLINK_GROUP = Applications.CLOUD_BRIDGE.groupPrefix() + "-downlink";
    static final String KAFKA_VERSION = "4.1.1";
    private static final Set<String> SOURCE_CONNECTOR_ONLY = Set.of("replication.factor", "sync.topic.configs.enabled",
            "sync.topic.acls.enabled", "offset-syncs.topic.replication.factor", "offset-syncs.topic.location",
            "refresh.topics.interval.seconds", "replication.policy.class", "admin.timeout.ms");
    private static final Set<String> CHECKPOINT_CONNECTOR_ONLY = Set.of("emit.checkpoints.enabled",
            "sync.group.offsets.enabled", "checkpoints.topic.replication.factor", "refresh.groups.interval.seconds",
            "emit.checkpoints.interval.seconds", "sync.group.offsets.interval.seconds", "replication.policy.class",
            "admin.timeout.ms", "offset-syncs.topic.replication.factor", "offset-syncs.topic.location");

    /** What a plant's cloud link is: its site alias, the cloud's alias, address and login. */
    record Site(String site, String cloudAlias, String cloudBootstrap, String cloudUser, String cloudPasswordSecret,
            String cloudCaSecret) {
        static Site read(Path file) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            Site site = new Site(required(p, "site", file), p.getProperty("cloud.alias", "cloud"),
                    required(p, "cloud.bootstrap.servers", file), required(p, "cloud.user", file),
                    required(p, "cloud.password.secret", file), required(p, "cloud.ca.secret", file));
            CloudTopics.prefix(site.site());
            return site;
        }

        private static String required(Properties p, String key, Path file) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(file + ": " + key + " is missing");
            }
            return value.strip();
        }
    }

    private MirrorManifests() {
    }

    /** Renders {@code overlays/plant/mirror-maker-2.yaml} from {@code overlays/plant/cloud.properties}. */
    public static void main(String[] args) throws IOException {
        Path overlay = Path.of(args.length > 0 ? args[0] : "strimzi/overlays/plant");
        Files.writeString(overlay.resolve("mirror-maker-2.yaml"), render(Site.read(overlay.resolve("cloud.properties"))),
                StandardCharsets.UTF_8);
        System.out.println("wrote the uplink and downlink MirrorMaker 2 resources to " + overlay.resolve("mirror-maker-2.yaml"));
    }

    static String render(Site site) {
        String edgeRf = Integer.toString(TopicManifests.REPLICAS);
        String cloudRf = "3";
        String seconds = "10";
        StringBuilder yaml = new StringBuilder("# Generated from cloud.properties and the cloud bridge's MirrorSettings by\n"
                + "# io.plantstream.strimzi.MirrorManifests; MirrorManifestsTest fails when the two differ.\n");
        Cluster edge = new Cluster(site.site(), EDGE_BOOTSTRAP, "edge-cluster-ca-cert", Applications.CLOUD_BRIDGE.name(),
                Applications.CLOUD_BRIDGE.name());
        Cluster cloud = new Cluster(site.cloudAlias(), site.cloudBootstrap(), site.cloudCaSecret(), site.cloudUser(),
                site.cloudPasswordSecret());
        yaml.append(resource("uplink", null, target(cloud, site.site() + ".bridge", site.site() + ".bridge-", cloudRf),
                edge.yaml("        "), MirrorSettings.uplink(site.site(), edgeRf, cloudRf, seconds), true));
        yaml.append(resource("downlink", IMAGE, target(edge, DOWNLINK_GROUP,
                Applications.CLOUD_BRIDGE.internalPrefix() + "downlink-", edgeRf), cloud.yaml("        "),
                MirrorSettings.downlink(site.site(), edgeRf, cloudRf, seconds), false));
        return yaml.toString();
    }

    private static String resource(String name, String image, String target, String source, Map<String, String> flow,
            boolean checkpoints) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaMirrorMaker2\nmetadata:\n")
                .append("  name: ").append(name).append('\n')
                .append("  labels:\n    app.kubernetes.io/name: mirror-maker-2\n    app.kubernetes.io/part-of: plantstream\n")
                .append("spec:\n  version: ").append(KAFKA_VERSION).append("\n  replicas: 1\n");
        if (image != null) {
            yaml.append("  image: ").append(image).append('\n');
        }
        yaml.append("""
                  resources:
                    requests: {cpu: 100m, memory: 384Mi}
                    limits: {memory: 512Mi}
                  jvmOptions:
                    "-Xms": 192m
                    "-Xmx": 192m
                """);
        yaml.append(target);
        yaml.append("  mirrors:\n    - source:\n").append(source);
        yaml.append("      topicsPattern: \"").append(escape(flow.get("topics"))).append("\"\n");
        yaml.append("      groupsExcludePattern: \"").append(escape(flow.get("groups.exclude"))).append("\"\n");
        yaml.append("      sourceConnector:\n        tasksMax: 1\n        config:\n");
        connectorConfig(flow, SOURCE_CONNECTOR_ONLY).forEach((key, value) -> entry(yaml, key, value));
        if (checkpoints) {
            yaml.append("      checkpointConnector:\n        tasksMax: 1\n        config:\n");
            connectorConfig(flow, CHECKPOINT_CONNECTOR_ONLY).forEach((key, value) -> entry(yaml, key, value));
        }
        return yaml.toString();
    }

    private static Map<String, String> connectorConfig(Map<String, String> flow, Set<String> keys) {
        Map<String, String> config = new TreeMap<>();
        flow.forEach((key, value) -> {
            if (keys.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }

    private static void entry(StringBuilder yaml, String key, String value) {
        yaml.append("          ").append(key).append(": \"").append(escape(value)).append("\"\n");
    }

    /** One end of a flow: a cluster, how to trust it and whom to log in as. */
    private record Cluster(String alias, String bootstrap, String caSecret, String user, String passwordSecret) {
        /** Its alias, address, trust and login as Strimzi names them, each line indented by {@code indent}. */
        String yaml(String indent) {
            return """
                    alias: %1$s
                    bootstrapServers: %2$s
                    tls:
                      trustedCertificates:
                        - {secretName: %3$s, pattern: "*.crt"}
                    authentication:
                      type: scram-sha-512
                      username: %4$s
                      passwordSecret: {secretName: %5$s, password: password}
                    """.formatted(alias, bootstrap, caSecret, user, passwordSecret).indent(indent.length());
        }
    }

    /** The target: the cluster the flow's Connect workers live in, with their group and storage topics. */
    private static String target(Cluster cluster, String group, String topicPrefix, String rf) {
        return "  target:\n" + cluster.yaml("    ") + """
                    groupId: %1$s
                    configStorageTopic: %2$sconfigs.internal
                    offsetStorageTopic: %2$soffsets.internal
                    statusStorageTopic: %2$sstatus.internal
                    config:
                      config.storage.replication.factor: %3$s
                      offset.storage.replication.factor: %3$s
                      status.storage.replication.factor: %3$s
                """.formatted(group, topicPrefix, rf);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
